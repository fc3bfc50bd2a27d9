import { ProgressSchema, type Progress, type Session, type SessionMode } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface SessionRow {
  id: number; client_id: number; quarter: string; mode: SessionMode; title: string | null;
  progress: string; created_at: string; updated_at: string;
}

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    clientId: r.client_id,
    quarter: r.quarter,
    mode: r.mode,
    title: r.title,
    // Validated on the way out too: a hand-edited or corrupted row fails loudly, not deep in the engine.
    progress: ProgressSchema.parse(JSON.parse(r.progress)) as Progress,
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
  return toSession(row);
}

export function getSession(db: Db, id: number): Session | undefined {
  const row = stmt(db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  return row && toSession(row);
}

export function listSessions(db: Db, clientId?: number): Session[] {
  const rows = (clientId === undefined
    ? stmt(db, 'SELECT * FROM sessions ORDER BY quarter DESC, id DESC').all()
    : stmt(db, 'SELECT * FROM sessions WHERE client_id = ? ORDER BY quarter DESC, id DESC').all(clientId)) as SessionRow[];
  return rows.map(toSession);
}

export function updateProgress(db: Db, id: number, progress: Progress): void {
  stmt(db, 'UPDATE sessions SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), now(), id);
}

export function touchSession(db: Db, id: number): void {
  stmt(db, 'UPDATE sessions SET updated_at = ? WHERE id = ?').run(now(), id);
}
