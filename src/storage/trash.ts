import type { Client, Session } from '../domain/index.js';
import { getClientRecord } from './clients.js';
import { stmt, type Db } from './db.js';
import { getSessionRecord } from './sessions.js';
import { TABLES } from './tables.js';

/** What the trash holds: clients (each with its sessions), and sessions trashed on their own. */
export interface TrashContents {
  readonly clients: ReadonlyArray<{ readonly client: Client; readonly deletedAt: string; readonly sessions: number }>;
  readonly sessions: ReadonlyArray<{
    readonly session: Session;
    readonly clientName: string;
    readonly deletedAt: string;
  }>;
}

export function listTrash(db: Db): TrashContents {
  const clients = (
    stmt(db, 'SELECT id FROM clients WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC').all() as Array<{
      id: number;
    }>
  ).map(({ id }) => {
    const record = getClientRecord(db, id)!;
    const { n } = stmt(db, 'SELECT COUNT(*) AS n FROM sessions WHERE client_id = ? AND deleted_at IS NULL').get(id) as {
      n: number;
    };
    return { client: record.client, deletedAt: record.deletedAt!, sessions: n };
  });
  const sessions = (
    stmt(
      db,
      `SELECT s.id, c.name FROM sessions s JOIN clients c ON c.id = s.client_id
       WHERE s.deleted_at IS NOT NULL AND c.deleted_at IS NULL ORDER BY s.deleted_at DESC`,
    ).all() as Array<{ id: number; name: string }>
  ).map(({ id, name }) => {
    const record = getSessionRecord(db, id)!;
    return { session: record.session, clientName: name, deletedAt: record.trashed!.at };
  });
  return { clients, sessions };
}

/**
 * Deletes for good what went to the trash before `before` (an ISO time; everything when omitted):
 * clients with all their sessions, and sessions trashed on their own, with every row that belongs
 * to them in every table of the registry, children first. An artifact of another session that was
 * carried over from a purged one keeps its data and its source ("carried"), but no longer points at
 * a session that is gone. Returns how many clients and sessions went.
 */
export function purgeTrash(db: Db, before?: string): { clients: number; sessions: number } {
  return db.transaction(() => {
    const cutoff = before ?? '\uffff';
    const clientIds = (
      stmt(db, 'SELECT id FROM clients WHERE deleted_at IS NOT NULL AND deleted_at < ?').all(cutoff) as Array<{
        id: number;
      }>
    ).map((r) => r.id);
    const sessionIds = (
      stmt(
        db,
        `SELECT id FROM sessions WHERE (deleted_at IS NOT NULL AND deleted_at < ?)
           OR client_id IN (SELECT value FROM json_each(?))`,
      ).all(cutoff, JSON.stringify(clientIds)) as Array<{ id: number }>
    ).map((r) => r.id);
    if (clientIds.length === 0 && sessionIds.length === 0) return { clients: 0, sessions: 0 };
    const params = { clients: JSON.stringify(clientIds), sessions: JSON.stringify(sessionIds) };
    const byName = new Map<string, (typeof TABLES)[number]>(TABLES.map((t) => [t.name, t]));
    // Rows outside the purge that point at a purged row let go of it (only nullable references can).
    for (const table of TABLES) {
      for (const [column, target] of Object.entries(table.refs)) {
        const targetSpec = byName.get(target)!;
        db.prepare(
          `UPDATE ${table.name} SET ${column} = NULL
           WHERE ${column} IN (SELECT id FROM ${target} WHERE ${targetSpec.scope}) AND NOT (${table.scope})`,
        ).run(params);
      }
    }
    for (const table of [...TABLES].reverse()) db.prepare(`DELETE FROM ${table.name} WHERE ${table.scope}`).run(params);
    return { clients: clientIds.length, sessions: sessionIds.length };
  })();
}

/** How long the trash keeps what is put in it. */
export const TRASH_DAYS = 30;

/** Purges what has been in the trash longer than TRASH_DAYS; run on start and whenever the trash is read. */
export function purgeExpiredTrash(db: Db, at = new Date()): { clients: number; sessions: number } {
  return purgeTrash(db, new Date(at.getTime() - TRASH_DAYS * 86_400_000).toISOString());
}
