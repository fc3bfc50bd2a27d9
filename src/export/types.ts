import type {
  ArtifactSet,
  Client,
  ProvenanceMap,
  Session,
  StepId,
  StepOverride,
  UnmetCondition,
} from '../domain/index.js';

/** Everything an export needs, gathered by the caller (server or CLI); the exports themselves do no I/O. */
export interface ExportInput {
  readonly client: Client;
  readonly session: Session;
  /** The latest artifact of each step that has one. */
  readonly artifacts: ArtifactSet;
  /** Steps whose artifact rests on answers the user has since revised (progress.stale). */
  readonly stale: readonly StepId[];
  readonly generatedAt: Date;
  /**
   * Where each item came from, by step and item key ("risks/r2"): the Radar Review pairs an item with
   * the earlier quarter's of the same id when it was carried over from that session. Absent: unknown.
   */
  readonly provenance?: Partial<Record<StepId, ProvenanceMap>>;
  /** Every time the advisor moved on past unmet conditions, oldest first. Absent: none known. */
  readonly overrides?: readonly StepOverride[];
  /** What the steps the session has moved on from still lack, by step. Absent: none known. */
  readonly openGaps?: Partial<Record<StepId, readonly UnmetCondition[]>>;
  /** Who facilitated, in words for the footer, e.g. "the offline facilitator (no AI model)". */
  readonly provider: { readonly label: string };
}
