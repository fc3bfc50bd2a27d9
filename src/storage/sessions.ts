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

export function getSession(db: Db, id: number): Session | undefined {
  const row = stmt(db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  return row && toSession(db, row);
}

export function listSessions(db: Db, clientId?: number): Session[] {
  const rows = (
    clientId === undefined
      ? stmt(db, 'SELECT * FROM sessions ORDER BY quarter DESC, id DESC').all()
      : stmt(db, 'SELECT * FROM sessions WHERE client_id = ? ORDER BY quarter DESC, id DESC').all(clientId)
  ) as SessionRow[];
  return rows.map((r) => toSession(db, r));
}

export function updateProgress(db: Db, id: number, progress: Progress): void {
  stmt(db, 'UPDATE sessions SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), now(), id);
}

export function touchSession(db: Db, id: number): void {
  stmt(db, 'UPDATE sessions SET updated_at = ? WHERE id = ?').run(now(), id);
}
