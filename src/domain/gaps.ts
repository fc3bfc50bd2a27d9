/* No zod here: the page imports this module too (bundled at /shared/pictures.mjs). */

/**
 * What a field shows when nothing was said about it: the same words in the page and in every export
 * (memo, CSV, State of the Tech, Radar Review, PDF, Word, deck). A gap is `null` in the artifact and
 * these words on the way out; a placeholder value that reads as content is never stored.
 */
export const GAPS = {
  score: 'not scored',
  severity: 'not scored',
  owner: 'no owner yet',
  effort: 'not estimated',
  amount: 'not estimated',
  multiple: 'no multiple stated',
  currency: 'currency not set',
  mitigation: 'no mitigation yet',
  trigger: 'no early warning named',
  reviewDate: 'no review date yet',
  deadline: 'no deadline yet',
  metric: 'no metric yet',
  baseline: 'no baseline',
  measured: 'not measured yet',
  signpost: 'none yet',
  direction: 'direction not stated',
  magnitude: 'size not stated',
  horizon: 'horizon not stated',
  confidence: 'confidence not stated',
  rationale: 'no rationale yet',
  claim: 'recommendation not stated yet',
  verdict: 'no verdict yet',
  oneLiner: 'no one-liner yet',
  response: 'not answered yet',
  alternative: 'none discussed',
  context: 'not stated yet',
  consequences: 'not stated yet',
  trend: 'no trend',
  whyNow: 'not stated yet',
} as const;
export type GapField = keyof typeof GAPS;

/** Whether a text is one of the gap phrases, so a renderer can set it apart (grey, italic). */
export function isGapText(text: string): boolean {
  return (Object.values(GAPS) as string[]).includes(text);
}

/** The words a field shows when nothing was said about it. */
export function gapText(field: GapField): string {
  return GAPS[field];
}

/** A value as text, or its gap's words when it is null, undefined or blank. */
export function orGap<T>(value: T | null | undefined, field: GapField, show: (v: T) => string = String): string {
  if (value === null || value === undefined) return GAPS[field];
  if (typeof value === 'string' && value.trim() === '') return GAPS[field];
  return show(value);
}

/**
 * A risk's scores as the memo, the CSV and the page say them: "4 × 3 = 12", or "not scored" with
 * whichever of the two was given ("not scored (impact 4)").
 */
export function riskScoreText(likelihood: number | null, impact: number | null): string {
  if (likelihood !== null && impact !== null) return `${likelihood} × ${impact} = ${likelihood * impact}`;
  const given = [likelihood !== null && `likelihood ${likelihood}`, impact !== null && `impact ${impact}`].filter(
    (x): x is string => typeof x === 'string',
  );
  return given.length > 0 ? `${GAPS.score} (${given.join(', ')})` : GAPS.score;
}
