import type { Database } from 'better-sqlite3';
import { currencyInText } from '../domain/index.js';

/** Every text in a stored artifact's data, for reading what currency its amounts are written in. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

/**
 * Gives each stored client the currency its company contexts are written in (key numbers, budget,
 * summary: every revision of every session), where that is unambiguous: "€", "EUR", "£", "US$"… and
 * nothing that contradicts it. A bare "$" (which dollar?), two currencies or none leave it null,
 * "not set", and the page asks for it.
 */
export function backfillClientCurrencies(db: Database): void {
  const clients = db.prepare('SELECT id FROM clients WHERE currency IS NULL').all() as Array<{ id: number }>;
  const contexts = db.prepare(
    `SELECT a.data FROM artifacts a JOIN sessions s ON s.id = a.session_id
     WHERE s.client_id = ? AND a.step = 'context' ORDER BY a.id`,
  );
  const update = db.prepare('UPDATE clients SET currency = ? WHERE id = ?');
  for (const { id } of clients) {
    const rows = contexts.all(id) as Array<{ data: string }>;
    const text = rows.flatMap((r) => texts(JSON.parse(r.data) as unknown)).join('\n');
    const currency = currencyInText(text);
    if (currency !== null) update.run(currency, id);
  }
}
