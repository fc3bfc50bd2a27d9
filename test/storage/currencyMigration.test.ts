import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initialProgress } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';

/** A database of schema 15 (before clients had a currency) with one client per context text. */
function schema15(contexts: Record<string, string[]>) {
  const db = new Database(':memory:');
  store.migrate(db, store.MIGRATIONS.slice(0, 15));
  for (const [name, texts] of Object.entries(contexts)) {
    const client = db
      .prepare("INSERT INTO clients (name, industry, created_at) VALUES (?, 'Logistics', '2027-01-01')")
      .run(name).lastInsertRowid;
    const session = db
      .prepare(
        "INSERT INTO sessions (client_id, quarter, mode, title, progress, created_at, updated_at) VALUES (?, '2027-Q1', 'quarterly', NULL, ?, '2027-01-01', '2027-01-01')",
      )
      .run(client, JSON.stringify(initialProgress('quarterly'))).lastInsertRowid;
    texts.forEach((budget, i) => {
      const data = {
        summary: 'A freight forwarder.',
        services: [],
        products: [],
        customers: [],
        marketPosition: null,
        competitors: [],
        businessModel: null,
        ceoGoals: [],
        constraints: { budget, team: null, time: null, regulation: null },
        keyNumbers: [{ label: 'Headcount', value: '124' }],
        gaps: [],
      };
      db.prepare(
        "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (?, 'context', ?, ?, 'user', '2027-01-01')",
      ).run(session, i + 1, JSON.stringify(data));
    });
  }
  return db;
}

describe('migration 16 (a client has a currency)', () => {
  it('gives a stored client the currency its context is written in, only where unambiguous', () => {
    const db = schema15({
      Euro: ['EUR 450.000 for the pilot', '€ 1,2 Mio. over two years'],
      Sterling: ['£300k'],
      Dollar: ['$4.5M, margin 12%'],
      Mixed: ['€2M', 'GBP 1M more in revision 2'],
      Silent: [],
    });
    expect(store.migrate(db)).toEqual({ from: 15, to: store.MIGRATIONS.length });
    const currencies = Object.fromEntries(store.listClients(db, 'include').map((c) => [c.name, c.currency]));
    expect(currencies).toEqual({ Euro: 'EUR', Sterling: 'GBP', Dollar: null, Mixed: null, Silent: null });
    expect(store.listSessions(db)).toHaveLength(5);
  });

  it('keeps a currency set later through a restart (the migration runs once)', () => {
    const db = schema15({ Dollar: ['$4.5M'] });
    store.migrate(db);
    const [client] = store.listClients(db);
    store.setClientCurrency(db, client!.id, 'USD');
    store.migrate(db);
    expect(store.getClient(db, client!.id)!.currency).toBe('USD');
  });
});
