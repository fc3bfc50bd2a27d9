import {
  ProvenanceMap,
  Readings,
  safeParseArtifact,
  type Proposal,
  type ProposalStatus,
  type Reading,
  type StepId,
} from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface ProposalRow {
  id: number;
  session_id: number;
  step: StepId;
  data: string;
  provenance: string;
  base_revision: number | null;
  provider: string;
  model: string | null;
  prompt_version: string | null;
  message_id: number | null;
  status: ProposalStatus;
  rejected: string;
  readings: string;
  created_at: string;
  closed_at: string | null;
}

function toProposal(r: ProposalRow): Proposal {
  const parsed = safeParseArtifact(r.step, JSON.parse(r.data));
  if (!parsed.success) {
    throw new Error(
      `Stored ${r.step} proposal ${r.id} of session ${r.session_id} no longer matches its schema: ${parsed.error.message}`,
    );
  }
  return {
    id: r.id,
    sessionId: r.session_id,
    step: r.step,
    data: parsed.data,
    provenance: ProvenanceMap.parse(JSON.parse(r.provenance)),
    baseRevision: r.base_revision,
    provider: r.provider,
    model: r.model,
    promptVersion: r.prompt_version,
    messageId: r.message_id,
    status: r.status,
    rejected: JSON.parse(r.rejected) as string[],
    readings: Readings.parse(JSON.parse(r.readings)),
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

export interface NewProposal {
  sessionId: number;
  step: StepId;
  data: unknown;
  provenance: ProvenanceMap;
  baseRevision: number | null;
  provider: string;
  model: string | null;
  promptVersion: string | null;
  messageId: number | null;
  /** What the offline parser read from chat answers, to be confirmed on accepting; none by default. */
  readings?: readonly Reading[];
}

/** Stores a draft as the step's open proposal; an earlier open one is superseded (kept, closed). */
export function insertProposal(db: Db, p: NewProposal): Proposal {
  const at = now();
  stmt(
    db,
    `UPDATE proposals SET status = 'superseded', closed_at = ? WHERE session_id = ? AND step = ? AND status = 'open'`,
  ).run(at, p.sessionId, p.step);
  const row = stmt(
    db,
    `INSERT INTO proposals (session_id, step, data, provenance, base_revision, provider, model, prompt_version, message_id, status, rejected, readings, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '[]', ?, ?) RETURNING *`,
  ).get(
    p.sessionId,
    p.step,
    JSON.stringify(p.data),
    JSON.stringify(p.provenance),
    p.baseRevision,
    p.provider,
    p.model,
    p.promptVersion,
    p.messageId,
    JSON.stringify(p.readings ?? []),
    at,
  ) as ProposalRow;
  return toProposal(row);
}

export function openProposal(db: Db, sessionId: number, step: StepId): Proposal | undefined {
  const row = stmt(db, `SELECT * FROM proposals WHERE session_id = ? AND step = ? AND status = 'open'`).get(
    sessionId,
    step,
  ) as ProposalRow | undefined;
  return row ? toProposal(row) : undefined;
}

export function openProposals(db: Db, sessionId: number): Proposal[] {
  return (
    stmt(db, `SELECT * FROM proposals WHERE session_id = ? AND status = 'open' ORDER BY id`).all(
      sessionId,
    ) as ProposalRow[]
  ).map(toProposal);
}

/** The advisor's edit of a draft before accepting it: the draft is not history, so it is changed in place. */
export function updateProposal(db: Db, id: number, data: unknown, provenance: ProvenanceMap): void {
  stmt(db, `UPDATE proposals SET data = ?, provenance = ? WHERE id = ? AND status = 'open'`).run(
    JSON.stringify(data),
    JSON.stringify(provenance),
    id,
  );
}

export function rejectProposalItems(db: Db, id: number, keys: readonly string[]): void {
  stmt(db, 'UPDATE proposals SET rejected = ? WHERE id = ?').run(JSON.stringify([...new Set(keys)]), id);
}

export function closeProposal(db: Db, id: number, status: Exclude<ProposalStatus, 'open'>): void {
  stmt(db, `UPDATE proposals SET status = ?, closed_at = ? WHERE id = ? AND status = 'open'`).run(status, now(), id);
}
