import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initialProgress } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';
import { seeded } from '../support/seeded.js';

/**
 * Every table is the user's work (in TABLES: backed up, restored, purged with its sessions) or is
 * excluded on purpose (EXCLUDED_TABLES, with the reason). A table or column added without that
 * decision fails here: add it to src/storage/tables.ts. Never archive a secret or its hash.
 */
describe('the table registry', () => {
  const db = store.openDatabase(':memory:');
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>
  ).map((t) => t.name);

  it('covers every table of the database: archived, or excluded with a reason', () => {
    const archived = new Set<string>(store.TABLES.map((t) => t.name));
    const undecided = tables.filter(
      (name) => !archived.has(name) && !(name in store.EXCLUDED_TABLES) && !store.isInternalTable(name),
    );
    expect(undecided, 'add these tables to TABLES or EXCLUDED_TABLES in src/storage/tables.ts').toEqual([]);
    // And names nothing that is not there (a renamed table would leave a stale entry behind).
    expect([...archived, ...Object.keys(store.EXCLUDED_TABLES)].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('describes every column of each archived table, and nothing more', () => {
    for (const spec of store.TABLES) {
      const columns = (db.prepare(`PRAGMA table_info(${spec.name})`).all() as Array<{ name: string }>)
        .map((c) => c.name)
        .sort();
      expect(Object.keys(spec.row.shape).sort(), `columns of ${spec.name}`).toEqual(columns);
    }
  });

  it('lists a table only after the tables it refers to, so a restore inserts parents first', () => {
    const order = store.TABLES.map((t) => t.name);
    for (const spec of store.TABLES) {
      for (const target of Object.values(spec.refs)) {
        if (target !== spec.name)
          expect(order.indexOf(target), `${spec.name} → ${target}`).toBeLessThan(order.indexOf(spec.name));
      }
    }
  });

  it("knows each archived table's references: every foreign key of the schema is a remapped column", () => {
    for (const spec of store.TABLES) {
      const keys = db.prepare(`PRAGMA foreign_key_list(${spec.name})`).all() as Array<{ table: string; from: string }>;
      const declared = Object.fromEntries(keys.map((k) => [k.from, k.table]));
      expect(spec.refs, `references of ${spec.name}`).toEqual(declared);
    }
  });
});

/** A database at schema `version`, as that version left it, with one client and one session. */
function withOneSession(version: number) {
  const db = new Database(':memory:');
  store.migrate(db, store.MIGRATIONS.slice(0, version));
  db.prepare("INSERT INTO clients (name, industry, created_at) VALUES ('Northwind', 'Logistics', '2027-01-01')").run();
  db.prepare(
    "INSERT INTO sessions (client_id, quarter, mode, title, progress, created_at, updated_at) VALUES (1, '2027-Q1', 'quarterly', NULL, ?, '2027-01-01', '2027-01-01')",
  ).run(JSON.stringify(initialProgress('quarterly')));
  return db;
}

describe('migration 11 (archive and trash)', () => {
  it('upgrades a database made by the previous version: its clients and sessions stay, in use', () => {
    const db = withOneSession(10);
    expect(store.migrate(db)).toEqual({ from: 10, to: store.MIGRATIONS.length });
    expect(store.listClients(db, 'exclude').map((c) => c.name)).toEqual(['Northwind']);
    expect(store.listSessions(db).map((s) => s.quarter)).toEqual(['2027-Q1']);
  });
});

describe('the step_overrides migration', () => {
  it('upgrades a database made by the previous version: its sessions stay, and overrides can be recorded', () => {
    const version = store.MIGRATIONS.findIndex((m) => m.up.includes('CREATE TABLE step_overrides')) + 1;
    const db = withOneSession(version - 1);
    expect(store.migrate(db)).toEqual({ from: version - 1, to: store.MIGRATIONS.length });
    expect(store.listOverrides(db, 1)).toEqual([]);
    const unmet = [{ code: 'not_drafted' as const, message: 'The company context is not drafted yet.', items: [] }];
    store.recordOverride(db, { sessionId: 1, step: 'context', unmet, reason: 'From the kickoff deck.' });
    expect(store.listOverrides(db, 1)).toEqual([
      { id: 1, sessionId: 1, step: 'context', unmet, reason: 'From the kickoff deck.', createdAt: expect.any(String) },
    ]);
  });
});

describe('the typed-answer migration (messages.answer)', () => {
  it('upgrades a database made by the previous version: its messages stay, with no typed answer', () => {
    const version = store.MIGRATIONS.findIndex((m) => m.up.includes('ADD COLUMN answer')) + 1;
    const db = new Database(':memory:');
    store.migrate(db, store.MIGRATIONS.slice(0, version - 1));
    db.prepare(
      "INSERT INTO clients (name, industry, created_at) VALUES ('Northwind', 'Logistics', '2027-01-01')",
    ).run();
    db.prepare(
      "INSERT INTO sessions (client_id, quarter, mode, title, progress, created_at, updated_at) VALUES (1, '2027-Q1', 'quarterly', NULL, ?, '2027-01-01', '2027-01-01')",
    ).run(JSON.stringify(initialProgress('quarterly')));
    db.prepare(
      "INSERT INTO messages (session_id, step, role, kind, content, status, created_at, updated_at) VALUES (1, 'context', 'user', 'chat', 'Freight', 'complete', '2027-01-01', '2027-01-01')",
    ).run();
    expect(store.migrate(db)).toEqual({ from: version - 1, to: store.MIGRATIONS.length });
    expect(store.listMessages(db, 1).map((m) => [m.content, m.answer])).toEqual([['Freight', null]]);
  });

  it('keeps a typed answer through an archive and a restore', () => {
    const { db, session } = seeded('Northwind');
    const answer = { questionId: 'roadmap.e1.measure', values: { 'entries[].financial.oneOffCost': 450000 } };
    store.insertMessage(db, {
      sessionId: session.id,
      step: 'roadmap',
      trendId: null,
      role: 'user',
      kind: 'chat',
      content: 'One-off cost 450,000',
      status: 'complete',
      answer,
    });
    const target = store.openDatabase(':memory:');
    store.restoreArchive(target, JSON.stringify(store.writeArchive(db, { appVersion: 'test' })));
    expect(store.listMessages(target, store.listSessions(target)[0]!.id).map((m) => m.answer)).toEqual([answer]);
  });
});

describe('the readings migration (proposals.readings)', () => {
  const version = store.MIGRATIONS.findIndex((m) => m.up.includes('ADD COLUMN readings')) + 1;
  const risks = { risks: [] };

  it('upgrades a database made by the previous version: its open draft stays, listing no readings', () => {
    const db = withOneSession(version - 1);
    db.prepare(
      "INSERT INTO proposals (session_id, step, data, provenance, base_revision, provider, model, prompt_version, message_id, status, rejected, created_at) VALUES (1, 'risks', ?, '{}', NULL, 'offline', NULL, NULL, NULL, 'open', '[]', '2027-01-01')",
    ).run(JSON.stringify(risks));
    expect(store.migrate(db)).toEqual({ from: version - 1, to: store.MIGRATIONS.length });
    expect(store.openProposal(db, 1, 'risks')).toMatchObject({ data: risks, readings: [] });
  });

  it('keeps a draft’s readings through an archive and a restore', () => {
    const { db, session } = seeded('Northwind');
    const message = store.insertMessage(db, {
      sessionId: session.id,
      step: 'roadmap',
      trendId: null,
      role: 'user',
      kind: 'chat',
      content: 'one-off cost EUR 450.000',
      status: 'complete',
    });
    const readings = [
      {
        messageId: message.id,
        questionId: 'roadmap.e1.measure',
        topic: 'First initiative measure',
        field: 'entries[].financial.oneOffCost',
        label: 'One-off cost',
        kind: 'money' as const,
        unit: null,
        options: null,
        value: 450,
        readFrom: 'one-off cost EUR 450.000',
      },
    ];
    store.insertProposal(db, {
      sessionId: session.id,
      step: 'risks',
      data: risks,
      provenance: {},
      baseRevision: null,
      provider: 'offline',
      model: null,
      promptVersion: null,
      messageId: null,
      readings,
    });
    // Restored twice into one database: the second copy's messages get new ids, and its reading follows them.
    const target = store.openDatabase(':memory:');
    const archive = JSON.stringify(store.writeArchive(db, { appVersion: 'test' }));
    store.restoreArchive(target, archive);
    store.restoreArchive(target, archive);
    const second = Math.max(...store.listSessions(target).map((s) => s.id));
    const restored = store.openProposal(target, second, 'risks')!;
    const [said] = store.listMessages(target, second);
    expect(said!.id).not.toBe(message.id);
    expect(restored.readings).toEqual([{ ...readings[0], messageId: said!.id }]);
  });
});
