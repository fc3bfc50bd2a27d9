import type { StepId } from '../../src/domain/index.js';

/** One check's outcome on one item (a turn, a trap, an artifact field); null when it does not apply. */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly detail: string };

export const pass: Verdict = { ok: true };
export const fail = (detail: string): Verdict => ({ ok: false, detail });

/** A facilitator's reply as the turn checks see it: its text, the answer it follows, its question family if recorded. */
export interface Turn {
  readonly step: StepId;
  readonly messageId: number;
  readonly text: string;
  /** The client's message this reply answers; null after an opening. */
  readonly lastAnswer: string | null;
  /** The Socratic family of the reply's question, where the session records one. */
  readonly family: string | null;
  /** The family of the facilitator's previous question in the same step, where recorded. */
  readonly previousFamily: string | null;
  /** The facilitator's previous question in the same step, as asked. */
  readonly previousQuestion: string | null;
}

export interface Failure {
  /** Where it happened: "dialogue · message 41", "risks · risks[2].likelihood". */
  readonly where: string;
  readonly detail: string;
  /** The words that show it: the transcript or artifact text. */
  readonly excerpt: string;
}

/** prompt: what the model was sent (the recorded request bodies of the fake model). */
export type CheckScope = 'turn' | 'trap' | 'artifact' | 'prompt' | 'judge';

export interface CheckResult {
  readonly name: string;
  readonly scope: CheckScope;
  /** What the check asks, in one line, for the report. */
  readonly description: string;
  readonly passed: number;
  /** Items the check applied to; zero means it had nothing to judge in this run. */
  readonly total: number;
  readonly failures: readonly Failure[];
  /** The judge's 1–5 score, for the judge check only. */
  readonly score?: number;
  /** The judge's reasons, shown whether it passed or not. */
  readonly reasons?: readonly string[];
}
