import type { StepId } from '../steps.js';
import type { Reading } from '../forms/readings.js';
import type { ProvenanceMap } from './provenance.js';

/**
 * open: waiting for the advisor; accepted: every change was decided (or all were accepted at once);
 * discarded: the advisor threw it away; superseded: a newer draft of the same step replaced it.
 */
export type ProposalStatus = 'open' | 'accepted' | 'discarded' | 'superseded';

/** A drafted artifact waiting for review: what a draft produces instead of a revision. */
export interface Proposal<T = unknown> {
  readonly id: number;
  readonly sessionId: number;
  readonly step: StepId;
  readonly data: T;
  readonly provenance: ProvenanceMap;
  /** The revision that was current when it was drafted (null for a step's first draft). */
  readonly baseRevision: number | null;
  readonly provider: string;
  readonly model: string | null;
  readonly promptVersion: string | null;
  /** The draft's note in the transcript. */
  readonly messageId: number | null;
  readonly status: ProposalStatus;
  /** Item keys the advisor rejected: they no longer show as changes and are never applied. */
  readonly rejected: readonly string[];
  /** Values the offline parser read from chat answers: accepting the draft needs the advisor to confirm them. */
  readonly readings: readonly Reading[];
  readonly createdAt: string;
  readonly closedAt: string | null;
}
