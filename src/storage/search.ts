import { stmt, type Db } from './db.js';
import type { StepId } from '../domain/index.js';

export interface SearchHit {
  messageId: number;
  sessionId: number;
  clientId: number;
  clientName: string;
  quarter: string;
  step: StepId;
  role: 'user' | 'assistant';
  /** The matching passage with matches between \u0002 and \u0003, for the caller to mark up safely. */
  snippet: string;
}

/** Turns what a person types into an FTS5 query: every word must appear, prefixes match, no syntax errors. */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}

/**
 * Indexes the messages queued since the last call (migration 6), in one transaction: one FTS segment
 * for the batch instead of one per turn. Returns how many were indexed.
 */
export function indexPendingMessages(db: Db): number {
  return db.transaction(() => {
    const indexed = stmt(
      db,
      `INSERT INTO messages_fts(rowid, content)
       SELECT m.id, m.content FROM messages_fts_pending p JOIN messages m ON m.id = p.message_id ORDER BY m.id`,
    ).run().changes;
    stmt(db, 'DELETE FROM messages_fts_pending').run();
    return indexed;
  })();
}

/** Finished messages matching `text`; sessions in the trash are left out, archived clients' are searched. */
export function searchMessages(db: Db, text: string, options: { clientId?: number; limit?: number } = {}): SearchHit[] {
  const query = toFtsQuery(text);
  if (!query) return [];
  // A search sees every finished message, however recently it was queued.
  indexPendingMessages(db);
  const rows = stmt(
    db,
    `SELECT m.id AS messageId, m.session_id AS sessionId, s.client_id AS clientId, c.name AS clientName, s.quarter AS quarter,
            m.step AS step, m.role AS role, snippet(messages_fts, 0, char(2), char(3), '…', 16) AS snippet
     FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
     JOIN sessions s ON s.id = m.session_id JOIN clients c ON c.id = s.client_id
     WHERE messages_fts MATCH ? AND (? IS NULL OR s.client_id = ?) AND s.deleted_at IS NULL AND c.deleted_at IS NULL
     ORDER BY rank LIMIT ?`,
  ).all(query, options.clientId ?? null, options.clientId ?? null, options.limit ?? 50) as SearchHit[];
  return rows;
}
