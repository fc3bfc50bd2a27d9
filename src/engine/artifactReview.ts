import {
  ARTIFACT_SCHEMAS,
  AppError,
  STEPS,
  alignIds,
  conflict,
  diffArtifacts,
  draftedProvenance,
  editedProvenance,
  invalid,
  itemKeysByPath,
  mergeProposal,
  sourcesOf,
  traceHistory,
  type Acceptance,
  type ArtifactDiff,
  type ArtifactRevision,
  type ArtifactSource,
  type ItemChange,
  type ModelIdentity,
  type Proposal,
  type SourceMessage,
  type ProvenanceMap,
  type Reading,
  type StepId,
} from '../domain/index.js';
import * as store from '../storage/index.js';
import type { Db } from '../storage/index.js';
import { refuseDanglingReferences } from './references.js';

/** A proposal as the page reviews it: its changes against the step's current revision, rejected ones left out. */
export interface ProposalView {
  readonly id: number;
  readonly step: StepId;
  readonly createdAt: string;
  readonly provider: string;
  readonly model: string | null;
  readonly promptVersion: string | null;
  readonly messageId: number | null;
  /** The revision current when it was drafted, and the one it is compared with now (a hand edit may lie between). */
  readonly baseRevision: number | null;
  readonly currentRevision: number | null;
  readonly changes: readonly ItemChange[];
  readonly unchanged: number;
  readonly rejected: readonly string[];
  /** The drafted artifact as proposed (the advisor may edit it before accepting). */
  readonly data: unknown;
  /** Where each proposed item came from. */
  readonly provenance: ProvenanceMap;
  /** Values read from chat answers by the offline parser: accepting needs `confirmReadings`. */
  readonly readings: readonly Reading[];
}

/** A revision as the history lists it, with where each item came from (and each item's key by its place in `data`). */
export type TracedRevision = Omit<ArtifactRevision, 'provenance'> & {
  readonly provenance: ProvenanceMap;
  readonly itemKeys: Readonly<Record<string, string>>;
};

export interface RevisionMeta {
  readonly source: ArtifactSource;
  readonly promptVersion: string | null;
  readonly messageId: number | null;
  readonly provenance: (parsed: unknown) => ProvenanceMap;
  readonly proposalId?: number | null;
  readonly restoredFrom?: number | null;
  readonly provider?: string | null;
  readonly model?: string | null;
}

export interface ReviewDeps {
  readonly db: Db;
  readonly identity: () => ModelIdentity;
  /** Validates and appends a revision, marking later steps stale (the engine's one write path). */
  readonly storeRevision: (sessionId: number, step: StepId, data: unknown, meta: RevisionMeta) => ArtifactRevision;
}

/**
 * Drafts become proposals; the advisor accepts them whole or item by item, rejects items, restores
 * old revisions. The comparing and merging is the domain's (src/domain/proposals); this module reads
 * and writes what they need.
 */
export class ArtifactReview {
  constructor(private readonly deps: ReviewDeps) {}

  /** Every revision of a step, oldest first, each with its provenance (traced for revisions stored before it was kept). */
  history(sessionId: number, step: StepId): TracedRevision[] {
    const revisions = store.revisionHistory(this.deps.db, sessionId, step);
    const withKeys = (r: ArtifactRevision, provenance: ProvenanceMap): TracedRevision => ({
      ...r,
      provenance,
      itemKeys: itemKeysByPath(step, r.data),
    });
    if (revisions.every((r) => r.provenance)) return revisions.map((r) => withKeys(r, r.provenance!));
    const quarters = new Map<number, string>();
    const quarterOf = (id: number) => {
      if (!quarters.has(id)) quarters.set(id, store.getSession(this.deps.db, id)?.quarter ?? 'an earlier quarter');
      return quarters.get(id)!;
    };
    const traced = traceHistory(
      step,
      revisions.map((r) => ({
        ...r,
        carried: r.carriedFrom ? { sessionId: r.carriedFrom, quarter: quarterOf(r.carriedFrom) } : null,
      })),
    );
    return revisions.map((r, i) => withKeys(r, traced[i]!));
  }

  /** The latest revision of a step with its provenance, or null before the first. */
  current(sessionId: number, step: StepId): TracedRevision | null {
    const latest = store.latestRevisions(this.deps.db, sessionId).find((r) => r.step === step);
    if (!latest) return null;
    if (!latest.provenance) return this.history(sessionId, step).at(-1)!;
    return { ...latest, provenance: latest.provenance, itemKeys: itemKeysByPath(step, latest.data) };
  }

  /** Stores a draft as the step's open proposal, its items named as the current items they are. */
  propose(
    sessionId: number,
    step: StepId,
    data: unknown,
    meta: {
      messageId: number;
      promptVersion: string | null;
      /** The model that wrote it, when not the facilitator's own (a critic on another provider). */
      author?: { provider: string; model: string | null };
      /** What the offline parser read from chat answers, for the advisor to confirm on accepting. */
      readings?: readonly Reading[];
    },
  ): ProposalView {
    const parsed = validated(step, data);
    refuseDanglingReferences(this.deps.db, sessionId, step, parsed);
    const current = this.current(sessionId, step);
    const aligned = validated(step, current ? alignIds(step, current.data, parsed) : parsed);
    const { provider, model } = meta.author ?? this.deps.identity();
    store.insertProposal(this.deps.db, {
      sessionId,
      step,
      data: aligned,
      provenance: draftedProvenance(
        step,
        aligned,
        { provider, model, promptVersion: meta.promptVersion, draftMessageId: meta.messageId },
        sourcesOf(step, aligned, this.userMessages(sessionId, step)),
      ),
      baseRevision: current?.revision ?? null,
      provider,
      model,
      promptVersion: meta.promptVersion,
      messageId: meta.messageId,
      readings: meta.readings ?? [],
    });
    return this.proposal(sessionId, step)!;
  }

  /**
   * What a reply turn drafts on its own (the offline dialogue's running ledger): applied at once like
   * *Accept all*, so what the advisor edited stays as it is.
   */
  applyRunningDraft(
    sessionId: number,
    step: StepId,
    data: unknown,
    meta: { messageId: number; promptVersion: string | null },
  ): ArtifactRevision {
    const parsed = validated(step, data);
    const current = this.current(sessionId, step);
    // Aligning renames ids only; the merged result is validated as a whole when it is stored.
    const aligned = current ? alignIds(step, current.data, parsed) : parsed;
    const { provider, model } = this.deps.identity();
    // The running ledger's items name their messages themselves; a turn does not re-read the step for more.
    const proposal = {
      data: aligned,
      provenance: draftedProvenance(step, aligned, {
        provider,
        model,
        promptVersion: meta.promptVersion,
        draftMessageId: meta.messageId,
      }),
    };
    const merged = mergeProposal(step, current, proposal, { kind: 'all' });
    return this.deps.storeRevision(sessionId, step, merged.data, {
      source: provider === 'offline' ? 'offline' : 'model',
      promptVersion: meta.promptVersion,
      messageId: meta.messageId,
      provenance: () => merged.provenance,
    });
  }

  proposal(sessionId: number, step: StepId): ProposalView | null {
    const open = store.openProposal(this.deps.db, sessionId, step);
    return open ? this.viewOf(open) : null;
  }

  proposals(sessionId: number): Partial<Record<StepId, ProposalView>> {
    return Object.fromEntries(store.openProposals(this.deps.db, sessionId).map((p) => [p.step, this.viewOf(p)]));
  }

  /**
   * Accepts the step's open proposal: all of it (what the advisor edited or carried over stays, and
   * stays on offer), or the named items (protected or not). Writes a revision when anything changed;
   * the proposal closes once no change is left to decide.
   */
  accept(
    sessionId: number,
    step: StepId,
    items: readonly string[] | undefined,
    confirmReadings = false,
  ): { revision: ArtifactRevision | null; held: readonly string[] } {
    const open = this.requireOpen(sessionId, step);
    if (open.readings.length > 0 && !confirmReadings) throw unconfirmedReadings(open.readings);
    const current = this.current(sessionId, step);
    if (items) this.requireKnown(open, current, items, 'items');
    const acceptance: Acceptance = items ? { kind: 'items', keys: items } : { kind: 'all' };
    const merged = mergeProposal(step, current, open, acceptance, open.rejected);
    const revision =
      merged.applied.length > 0 || !current
        ? this.deps.storeRevision(sessionId, step, merged.data, {
            source: open.provider === 'offline' ? 'offline' : 'model',
            provider: open.provider,
            model: open.model,
            promptVersion: open.promptVersion,
            messageId: open.messageId,
            proposalId: open.id,
            provenance: () => merged.provenance,
          })
        : null;
    this.closeIfDecided(open, 'accepted');
    return { revision, held: merged.held };
  }

  /**
   * The advisor edits the draft before accepting it: what they changed is marked as theirs, so a later
   * redraft will not undo it without their word.
   */
  editProposal(sessionId: number, step: StepId, data: unknown): void {
    const open = this.requireOpen(sessionId, step);
    const parsed = validated(step, data);
    store.updateProposal(this.deps.db, open.id, parsed, editedProvenance(step, open.data, open.provenance, parsed));
  }

  /** Rejects the named items of the open proposal, or discards all of it. */
  reject(sessionId: number, step: StepId, items: readonly string[] | undefined): void {
    const open = this.requireOpen(sessionId, step);
    if (!items) {
      store.closeProposal(this.deps.db, open.id, 'discarded');
      return;
    }
    this.requireKnown(open, this.current(sessionId, step), items, 'items');
    store.rejectProposalItems(this.deps.db, open.id, [...open.rejected, ...items]);
    this.closeIfDecided({ ...open, rejected: [...open.rejected, ...items] }, 'discarded');
  }

  /** Writes an earlier revision again as the newest: history keeps both. */
  restore(sessionId: number, step: StepId, revision: number): ArtifactRevision {
    const history = this.history(sessionId, step);
    const old = history.find((r) => r.revision === revision);
    if (!old) {
      throw invalid(
        `The ${STEPS[step].produces.toLowerCase()} has no revision ${revision} (it has ${history.length}).`,
        'revision',
      );
    }
    return this.deps.storeRevision(sessionId, step, old.data, {
      source: 'user',
      promptVersion: null,
      messageId: null,
      restoredFrom: revision,
      provenance: () => old.provenance,
    });
  }

  /** What revision `to` changed in revision `from` (either may be any two revisions of the step). */
  diff(sessionId: number, step: StepId, from: number, to: number): ArtifactDiff {
    const history = this.history(sessionId, step);
    const find = (n: number, field: string) => {
      const r = history.find((h) => h.revision === n);
      if (!r) throw invalid(`There is no revision ${n} of this step (it has ${history.length}).`, field);
      return r;
    };
    const a = find(from, 'from');
    const b = find(to, 'to');
    return diffArtifacts(step, a.data, b.data, a.provenance);
  }

  /** What the user wrote in the step: the messages a drafted item may be drawn from. */
  private userMessages(sessionId: number, step: StepId): SourceMessage[] {
    return store.listStepTranscript(this.deps.db, sessionId, step).filter((m) => m.role === 'user');
  }

  private viewOf(p: Proposal): ProposalView {
    const current = this.current(p.sessionId, p.step);
    const diff = diffArtifacts(p.step, current?.data ?? null, p.data, current?.provenance ?? {});
    return {
      id: p.id,
      step: p.step,
      createdAt: p.createdAt,
      provider: p.provider,
      model: p.model,
      promptVersion: p.promptVersion,
      messageId: p.messageId,
      baseRevision: p.baseRevision,
      currentRevision: current?.revision ?? null,
      changes: diff.changes.filter((c) => !p.rejected.includes(c.key)),
      unchanged: diff.unchanged,
      rejected: p.rejected,
      data: p.data,
      provenance: p.provenance,
      readings: p.readings,
    };
  }

  private closeIfDecided(p: Proposal, status: 'accepted' | 'discarded'): void {
    const left = this.viewOf(p).changes;
    if (left.length === 0) store.closeProposal(this.deps.db, p.id, status);
  }

  private requireOpen(sessionId: number, step: StepId): Proposal {
    const open = store.openProposal(this.deps.db, sessionId, step);
    if (!open) {
      throw conflict(
        `There is no draft of the ${STEPS[step].produces.toLowerCase()} waiting for review. Press Draft first.`,
      );
    }
    return open;
  }

  private requireKnown(p: Proposal, current: TracedRevision | null, items: readonly string[], field: string): void {
    const keys = new Set(
      diffArtifacts(p.step, current?.data ?? null, p.data, current?.provenance ?? {}).changes.map((c) => c.key),
    );
    const unknown = items.filter((k) => !keys.has(k));
    if (unknown.length > 0) {
      throw invalid(
        `Not a change in this draft: ${unknown.map((k) => `"${k}"`).join(', ')}. The draft changes: ${[...keys].join(', ') || 'nothing'}.`,
        field,
      );
    }
  }
}

/** The artifact as its schema reads it, or a 422 naming the first field that is wrong. */
export function validated(step: StepId, data: unknown): unknown {
  const parsed = ARTIFACT_SCHEMAS[step].safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = ['data', ...issue.path.map(String)].join('.');
  throw invalid(
    `The ${STEPS[step].produces.toLowerCase()} is not valid: ${path}: ${issue.message}`,
    path,
    parsed.error.issues,
  );
}

/**
 * A draft with values read from chat answers is accepted only with the advisor's word that they
 * checked them (`confirmReadings: true`, which the page sends from beside the list it shows).
 */
function unconfirmedReadings(readings: readonly Reading[]): AppError {
  const n = readings.length;
  return new AppError(
    'conflict',
    `The draft holds ${n === 1 ? 'a value' : `${n} values`} read from answers given in the chat, not typed into a form: check ${n === 1 ? 'it' : 'them'} against the words ${n === 1 ? 'it was' : 'they were'} read from (correct any in "Edit draft in forms"), then accept with "confirmReadings": true.`,
    { field: 'confirmReadings', details: { readings } },
  );
}
