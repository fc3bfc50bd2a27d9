/** How the product's own sentences end, wherever they are written (offline replies, exports). */

/** The text as the end of a sentence: a full stop added unless it already ends in one (or ?, !, …). */
export function endSentence(text: string): string {
  return /[.!?…]["”’)]*$/.test(text) ? text : `${text}.`;
}
