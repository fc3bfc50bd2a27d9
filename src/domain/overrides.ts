/* No zod here: the page imports the limit (bundled at /shared/domain.mjs). */
import type { StepId } from './stepInfo.js';
import type { UnmetCondition } from './guards.js';

/** How long a reason for moving on anyway may be: a sentence or two, read in the memo. */
export const OVERRIDE_REASON_MAX = 500;

/**
 * The advisor moved on from a step although the method's conditions for leaving it were not met:
 * recorded with the conditions unmet at that moment and the reason given, and named in the memo.
 */
export interface StepOverride {
  readonly id: number;
  readonly sessionId: number;
  readonly step: StepId;
  readonly unmet: readonly UnmetCondition[];
  readonly reason: string;
  readonly createdAt: string;
}
