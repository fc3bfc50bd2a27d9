import { ProgressSchema, type Progress, type Session, type SessionMode } from '../domain/index.js';
import { deepFreeze, now, stmt, type Db } from './db.js';

interface SessionRow {
  id: number;
  client_id: number;
  quarter: string;
  mode: SessionMode;
  title: string | null;
  progress: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/**
 * The last progress validated per session, by its stored text: a turn reads its session every time,
 * and the same text parses to the same value, so it is validated once per change, not per read.
 */
const validatedProgress = new WeakMap<Db, Map<number, { readonly text: string; readonly progress: Progress }>>();

function progressOf(db: Db, r: SessionRow): Progress {
  let perDb = validatedProgress.get(db);
  if (!perDb) {
    perDb = new Map();
    validatedProgress.set(db, perDb);
  }
  const hit = perDb.get(r.id);
  if (hit?.text === r.progress) return hit.progress;
  // Validated on the way out too: a hand-edited or corrupted row fails loudly, not deep in the engine.
  const progress = deepFreeze(ProgressSchema.parse(JSON.parse(r.progress)) as Progress);
  perDb.set(r.id, { text: r.progress, progress });
  return progress;
}

function toSession(db: Db, r: SessionRow): Session {
  return {
    id: r.id,
    clientId: r.client_id,
    quarter: r.quarter,
    mode: r.mode,
    title: r.title,
    progress: progressOf(db, r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function insertSession(
  db: Db,
  s: { clientId: number; quarter: string; mode: SessionMode; title: string | null; progress: Progress },
): Session {
  const t = now();
  const row = stmt(
    db,
    'INSERT INTO sessions (client_id, quarter, mode, title, progress, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
  ).get(s.clientId, s.quarter, s.mode, s.title, JSON.stringify(s.progress), t, t) as SessionRow;
  return toSession(db, row);
}

/**
 * Sessions in use: neither in the trash themselves nor of a client in the trash. A session of a
 * trashed client keeps its own deleted_at null, so it comes back with its client.
 */
const LIVE = 's.deleted_at IS NULL AND c.deleted_at IS NULL';

/** A session in use (see LIVE); a trashed one is not found here. */
export function getSession(db: Db, id: number): Session | undefined {
  const row = stmt(
    db,
    `SELECT s.* FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = ? AND ${LIVE}`,
  ).get(id) as SessionRow | undefined;
  return row && toSession(db, row);
}

/** Any stored session, and whether it is in the trash: by itself, or with its client. */
export interface SessionRecord {
  readonly session: Session;
  readonly trashed: null | { readonly with: 'session' | 'client'; readonly at: string };
}

export function getSessionRecord(db: Db, id: number): SessionRecord | undefined {
  const row = stmt(
    db,
    'SELECT s.*, c.deleted_at AS client_deleted_at FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = ?',
  ).get(id) as (SessionRow & { client_deleted_at: string | null }) | undefined;
  if (!row) return undefined;
  const trashed = row.deleted_at
    ? { with: 'session' as const, at: row.deleted_at }
    : row.client_deleted_at
      ? { with: 'client' as const, at: row.client_deleted_at }
      : null;
  return { session: toSession(db, row), trashed };
}

/** Sessions in use, newest quarter first. */
export function listSessions(db: Db, clientId?: number): Session[] {
  const rows = (
    clientId === undefined
      ? stmt(
          db,
          `SELECT s.* FROM sessions s JOIN clients c ON c.id = s.client_id WHERE ${LIVE} ORDER BY s.quarter DESC, s.id DESC`,
        ).all()
      : stmt(
          db,
          `SELECT s.* FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.client_id = ? AND ${LIVE} ORDER BY s.quarter DESC, s.id DESC`,
        ).all(clientId)
  ) as SessionRow[];
  return rows.map((r) => toSession(db, r));
}

/** The client's quarterly sessions of that quarter that are in use: a second one is usually a mistake. */
export function quarterlySessionsOf(db: Db, clientId: number, quarter: string): Session[] {
  return (
    stmt(
      db,
      `SELECT s.* FROM sessions s JOIN clients c ON c.id = s.client_id
       WHERE s.client_id = ? AND s.quarter = ? AND s.mode = 'quarterly' AND ${LIVE} ORDER BY s.id`,
    ).all(clientId, quarter) as SessionRow[]
  ).map((r) => toSession(db, r));
}

/**
 * What a new quarter can start from and be compared with: the client's quarterly sessions in use of
 * a quarter before `quarter` that hold work of their own (an artifact not only carried over), latest
 * first. A quick check, a trashed session and an empty duplicate are never among them.
 */
export function earlierQuarterlySessions(db: Db, clientId: number, quarter: string): Session[] {
  return (
    stmt(
      db,
      `SELECT s.* FROM sessions s JOIN clients c ON c.id = s.client_id
       WHERE s.client_id = ? AND s.quarter < ? AND s.mode = 'quarterly' AND ${LIVE}
         AND EXISTS (SELECT 1 FROM artifacts a WHERE a.session_id = s.id AND a.source != 'carried')
       ORDER BY s.quarter DESC, s.id DESC`,
    ).all(clientId, quarter) as SessionRow[]
  ).map((r) => toSession(db, r));
}

export function renameSession(db: Db, id: number, title: string | null): void {
  stmt(db, 'UPDATE sessions SET title = ?, updated_at = ? WHERE id = ?').run(title, now(), id);
}

/** Moves a session to the trash, or back (`at` null). */
export function setSessionDeleted(db: Db, id: number, at: string | null): void {
  stmt(db, 'UPDATE sessions SET deleted_at = ? WHERE id = ?').run(at, id);
}

export function updateProgress(db: Db, id: number, progress: Progress): void {
  stmt(db, 'UPDATE sessions SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), now(), id);
}

export function touchSession(db: Db, id: number): void {
  stmt(db, 'UPDATE sessions SET updated_at = ? WHERE id = ?').run(now(), id);
}
