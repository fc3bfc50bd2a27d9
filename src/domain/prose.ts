/**
 * Text as people type it, read the same way everywhere: normalised, counted in words, split into
 * sentences; an answer that leaves the question open; a question asked back. And how the product's
 * own sentences end.
 */

/** The text with a capital first letter: "payback in 5 months" as a point of its own. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The text as the end of a sentence: a full stop added unless it already ends in one (or ?, !, …). */
export function endSentence(text: string): string {
  // A closing quote or bracket may follow the stop, and so may the end of a bidi isolate (U+2069).
  return /[.!?…]["”’)\u2069]*$/.test(text) ? text : `${text}.`;
}

/** Line breaks unified, runs of spaces and blank lines collapsed, every line trimmed. */
export function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const NON_ANSWER =
  /^(?:n\/?a|none(?: yet)?|nothing(?: yet)?|no|nope|skip|pass|unknown|not sure|unsure|no idea|idk|tbd|to be decided|not applicable|no comment|later|-+|—|\?+|(?:i |we )?(?:really )?(?:don'?t|do not) know(?: yet)?|(?:i'?m |we'?re )?not sure(?: yet)?|not discussed(?: yet)?|who knows)$/i;

/** "don't know", "n/a", "skip", "none": an answer that leaves the question open. */
export function isNonAnswer(text: string): boolean {
  const t = normalise(text)
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .trim();
  return t === '' || NON_ANSWER.test(t);
}

const QUESTION_WORD =
  /^(?:what|which|how|why|who|whom|whose|when|where|do|does|did|is|are|was|were|can|could|should|would|will|shall|may|might|must|has|have|any|isn'?t|aren'?t|don'?t|doesn'?t)\b/i;

/**
 * A message that asks the facilitator something instead of answering ("Which trends fit us?", "Does
 * the MSP count as the team?"): one sentence, opening with a question word, ending in "?". "AI agents?"
 * is a tentative answer, and "We have 6. Is that enough?" answers before it asks.
 */
export function isQuestionBack(text: string): boolean {
  const t = normalise(text);
  return (
    t.endsWith('?') &&
    !t.includes('\n') &&
    QUESTION_WORD.test(t) &&
    sentences(t).length === 1 &&
    wordCount(t) <= 30 &&
    !isNonAnswer(t)
  );
}

/** A question put to the facilitator itself ("What do you mean?", "Should we include the pilot?"), not one voiced for someone else. */
export function addressesFacilitator(text: string): boolean {
  return /\b(?:you|your)\b/i.test(text) || /\b(?:should|do|can|must|shall) (?:i|we)\b/i.test(text);
}

/** Words as whitespace separates them. */
export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Sentences: split after . ! ? before a capital, a quote, a bracket, a currency sign or a digit, and at line breaks. */
export function sentences(text: string): string[] {
  return normalise(text)
    .split(/(?<=[.!?])\s+(?=[A-Z“"'($€£\d])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…), and the marks and controls that
 * embed, override or isolate a direction: text holding one can reorder what stands around it (a
 * client named "\u202eevil.pdf" showed "2028-Q1" as "1Q-8202").
 */
const BIDI =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** Unicode's isolates (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE): the characters `<bdi>` stands for. */
export const ISOLATE_START = '\u2068';
export const ISOLATE_END = '\u2069';

/**
 * Text that could reorder its neighbours, set apart as an isolate: its direction stays inside (an
 * override it opens ends with it). Other text is returned as it is. The HTML export turns the pair into `<bdi>`;
 * the page uses `<bdi>` and `unicode-bidi: isolate` itself.
 */
export function isolateBidi(text: string): string {
  return BIDI.test(text) ? `${ISOLATE_START}${text}${ISOLATE_END}` : text;
}
