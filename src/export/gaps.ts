/**
 * What an export prints where a value was never said: one set of words for every format (Markdown,
 * HTML, PDF, Word, deck, CSV notes), so a gap reads the same everywhere and is never a blank or a dash
 * that a reader could take for zero.
 */
export const GAP_WORDS = {
  owner: 'no owner yet',
  effort: 'not estimated',
  deadline: 'no deadline yet',
  reviewDate: 'no review date yet',
  score: 'not scored',
  mitigation: 'no mitigation yet',
  trigger: 'no early warning named',
  signpost: 'none yet',
  metric: 'no metric yet',
  baseline: 'no baseline',
  measured: 'not measured yet',
  amount: 'not estimated',
  multiple: 'no multiple stated',
  whyNow: 'not stated yet',
} as const;

export type GapKind = keyof typeof GAP_WORDS;

/** The value shown as text, or the gap's words when it is null, undefined or blank. */
export function orGap<T>(value: T | null | undefined, kind: GapKind, show: (v: T) => string = String): string {
  if (value === null || value === undefined) return GAP_WORDS[kind];
  if (typeof value === 'string' && value.trim() === '') return GAP_WORDS[kind];
  return show(value);
}

/** True when the text is one of the gap phrases, so a renderer can set it apart (grey, italic). */
export function isGapText(text: string): boolean {
  return (Object.values(GAP_WORDS) as string[]).includes(text);
}
