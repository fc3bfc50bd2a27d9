import {
  ProvenanceMap,
  STEP_IDS,
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

/** `validated`: the row was just written from data the caller validated, so its schema check is not repeated. */
function cachedRevision(db: Db, r: ArtifactRow, validated = false): ArtifactRevision {
  let cache = parsedCache.get(db);
  if (!cache) {
    cache = new Map();
    parsedCache.set(db, cache);
  }
  const hit = cache.get(r.id);
  if (hit) return hit;
  const revision = deepFreeze(toRevision(r, validated));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(r.id, revision);
  return revision;
}

function toRevision(r: ArtifactRow, validated: boolean): ArtifactRevision {
  const json: unknown = JSON.parse(r.data);
  const parsed = validated ? { success: true as const, data: json } : safeParseArtifact(r.step, json);
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
  return cachedRevision(db, row, true);
}

/**
 * The latest revision of each step, one index lookup per step (the UNIQUE (session_id, step, revision)
 * index), so it costs the same at revision 2,000 as at revision 2: a GROUP BY over the session's
 * revisions grew with every turn that revised the dialogue's ledger.
 */
export function latestRevisions(db: Db, sessionId: number): ArtifactRevision[] {
  const latest = stmt(db, 'SELECT * FROM artifacts WHERE session_id = ? AND step = ? ORDER BY revision DESC LIMIT 1');
  return STEP_IDS.flatMap((step) => {
    const row = latest.get(sessionId, step) as ArtifactRow | undefined;
    return row ? [cachedRevision(db, row)] : [];
  });
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
