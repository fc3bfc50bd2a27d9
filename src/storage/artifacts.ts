import {
  ProvenanceMap,
  safeParseArtifact,
  type ArtifactRevision,
  type ArtifactSet,
  type ArtifactSource,
  type StepId,
} from '../domain/index.js';
import { deepFreeze, now, stmt, type Db } from './db.js';

interface ArtifactRow {
  id: number;
  session_id: number;
  step: StepId;
  revision: number;
  data: string;
  source: ArtifactSource;
  provider: string | null;
  model: string | null;
  prompt_version: string | null;
  message_id: number | null;
  carried_from: number | null;
  provenance: string | null;
  proposal_id: number | null;
  restored_from: number | null;
  created_at: string;
}

/**
 * Revisions are append-only, so a row validated once stays valid: keep the parsed value by row id
 * and skip re-validating on every turn. Bounded; the oldest entries go first.
 */
const parsedCache = new WeakMap<Db, Map<number, ArtifactRevision>>();
const CACHE_LIMIT = 1000;

function cachedRevision(db: Db, r: ArtifactRow): ArtifactRevision {
  let cache = parsedCache.get(db);
  if (!cache) {
    cache = new Map();
    parsedCache.set(db, cache);
  }
  const hit = cache.get(r.id);
  if (hit) return hit;
  const revision = deepFreeze(toRevision(r));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(r.id, revision);
  return revision;
}

function toRevision(r: ArtifactRow): ArtifactRevision {
  const parsed = safeParseArtifact(r.step, JSON.parse(r.data));
  if (!parsed.success) {
    throw new Error(
      `Stored ${r.step} artifact revision ${r.revision} of session ${r.session_id} no longer matches its schema: ${parsed.error.message}`,
    );
  }
  return {
    id: r.id,
    sessionId: r.session_id,
    step: r.step,
    revision: r.revision,
    data: parsed.data,
    source: r.source,
    provider: r.provider,
    model: r.model,
    promptVersion: r.prompt_version,
    messageId: r.message_id,
    carriedFrom: r.carried_from,
    provenance: r.provenance === null ? null : ProvenanceMap.parse(JSON.parse(r.provenance)),
    proposalId: r.proposal_id,
    restoredFrom: r.restored_from,
    createdAt: r.created_at,
  };
}

export interface NewRevision {
  sessionId: number;
  step: StepId;
  data: unknown;
  source: ArtifactSource;
  provider?: string | null;
  model?: string | null;
  promptVersion?: string | null;
  messageId?: number | null;
  carriedFrom?: number | null;
  /** Where each item came from; omitted only by callers that store a revision as older versions did. */
  provenance?: ProvenanceMap | null;
  proposalId?: number | null;
  restoredFrom?: number | null;
}

/** Appends a revision; history is never overwritten. The caller validates `data` first. */
export function insertRevision(db: Db, r: NewRevision): ArtifactRevision {
  const row = stmt(
    db,
    `INSERT INTO artifacts (session_id, step, revision, data, source, provider, model, prompt_version, message_id, carried_from, provenance, proposal_id, restored_from, created_at)
     VALUES (?, ?, (SELECT COALESCE(MAX(revision), 0) + 1 FROM artifacts WHERE session_id = ? AND step = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     RETURNING *`,
  ).get(
    r.sessionId,
    r.step,
    r.sessionId,
    r.step,
    JSON.stringify(r.data),
    r.source,
    r.provider ?? null,
    r.model ?? null,
    r.promptVersion ?? null,
    r.messageId ?? null,
    r.carriedFrom ?? null,
    r.provenance ? JSON.stringify(r.provenance) : null,
    r.proposalId ?? null,
    r.restoredFrom ?? null,
    now(),
  ) as ArtifactRow;
  return cachedRevision(db, row);
}

export function latestRevisions(db: Db, sessionId: number): ArtifactRevision[] {
  const rows = stmt(
    db,
    `SELECT a.* FROM artifacts a
     JOIN (SELECT step, MAX(revision) AS revision FROM artifacts WHERE session_id = ? GROUP BY step) m
       ON a.step = m.step AND a.revision = m.revision
     WHERE a.session_id = ?`,
  ).all(sessionId, sessionId) as ArtifactRow[];
  return rows.map((r) => cachedRevision(db, r));
}

export function latestArtifacts(db: Db, sessionId: number): ArtifactSet {
  const set: Record<string, unknown> = {};
  for (const r of latestRevisions(db, sessionId)) set[r.step] = r.data;
  return set as ArtifactSet;
}

export function revisionHistory(db: Db, sessionId: number, step: StepId): ArtifactRevision[] {
  return (
    stmt(db, 'SELECT * FROM artifacts WHERE session_id = ? AND step = ? ORDER BY revision').all(
      sessionId,
      step,
    ) as ArtifactRow[]
  ).map((r) => cachedRevision(db, r));
}
