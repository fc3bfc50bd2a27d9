import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { initialProgress, type Recommendation } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';
import { minimal } from '../support/minimal.js';
import { seeded } from '../support/seeded.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'foresight-')), 'test.db');

describe('storage', () => {
  it('opens in WAL mode with foreign keys on and the schema migrated', () => {
    const path = tempDb();
    const db = store.openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(store.MIGRATIONS.length);
    db.close();
    // Opening again runs nothing twice.
    const again = store.openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(store.MIGRATIONS.length);
    again.close();
  });

  it('refuses a database newer than the code, with a message that says what to do', () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${store.MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => store.openDatabase(path)).toThrow(/newer than this build/);
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:');
    const bad = [
      ...store.MIGRATIONS,
      { version: store.MIGRATIONS.length + 1, up: 'CREATE TABLE ok (x); CREATE TABLE broken (' },
    ];
    expect(() => store.migrate(db, bad)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('ok', 'clients')").all()).toEqual([]);
  });

  it('keeps every artifact revision and returns the latest per step', () => {
    const { db, session } = seeded();
    store.insertRevision(db, { sessionId: session.id, step: 'trends', data: minimal.trends(1), source: 'offline' });
    store.insertRevision(db, { sessionId: session.id, step: 'trends', data: minimal.trends(2), source: 'user' });
    store.insertRevision(db, { sessionId: session.id, step: 'context', data: minimal.context(), source: 'offline' });
    const history = store.revisionHistory(db, session.id, 'trends');
    expect(history.map((r) => [r.revision, r.source])).toEqual([
      [1, 'offline'],
      [2, 'user'],
    ]);
    const latest = store.latestArtifacts(db, session.id);
    expect(latest.trends!.trends.filter((t) => t.chosen)).toHaveLength(2);
    expect(latest.context!.summary).toContain('Northwind');
  });

  it('refuses to read back a stored artifact that no longer matches its schema', () => {
    const { db, session } = seeded();
    db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (?, 'risks', 1, ?, 'user', 'now')",
    ).run(session.id, JSON.stringify({ risks: [{ id: 'r1', likelihood: 9 }] }));
    expect(() => store.latestArtifacts(db, session.id)).toThrow(/no longer matches its schema/);
  });

  it('marks replies that were streaming when the process died as incomplete, keeping their text', () => {
    const { db, session } = seeded();
    const m = store.insertMessage(db, {
      sessionId: session.id,
      step: 'context',
      trendId: null,
      role: 'assistant',
      kind: 'chat',
      content: '',
      status: 'streaming',
    });
    store.savePartialContent(db, m.id, 'Half a thought');
    expect(store.markInterruptedReplies(db)).toBe(1);
    const after = store.getMessage(db, m.id)!;
    expect(after).toMatchObject({ status: 'incomplete', content: 'Half a thought' });
    expect(after.error).toMatch(/server stopped/);
  });

  it('finds messages by words and prefixes across sessions, with the client and quarter', () => {
    const { db, session } = seeded();
    store.insertMessage(db, {
      sessionId: session.id,
      step: 'dialogue',
      trendId: 't1',
      role: 'user',
      kind: 'chat',
      content: 'Our dispatchers distrust automated routing.',
      status: 'complete',
    });
    store.insertMessage(db, {
      sessionId: session.id,
      step: 'context',
      trendId: null,
      role: 'user',
      kind: 'chat',
      content: 'ARR is $8M with 14 engineers.',
      status: 'complete',
    });
    const hits = store.searchMessages(db, 'dispatch rout');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ clientName: 'Northwind Logistics', quarter: '2027-Q1', step: 'dialogue' });
    expect(hits[0]!.snippet).toContain('\u0002dispatchers\u0003');
    expect(store.searchMessages(db, '" OR ( NEAR')).toEqual([]);
    expect(store.searchMessages(db, '***')).toEqual([]);
  });

  it('keeps the search index in step with streamed updates', () => {
    const { db, session } = seeded();
    const m = store.insertMessage(db, {
      sessionId: session.id,
      step: 'context',
      trendId: null,
      role: 'assistant',
      kind: 'chat',
      content: '',
      status: 'streaming',
    });
    store.savePartialContent(db, m.id, 'Consider tariffs');
    store.finishMessage(db, m.id, {
      content: 'Consider tariffs and nearshoring',
      status: 'complete',
      provider: 'offline',
      model: null,
      promptVersion: null,
      tokensIn: null,
      tokensOut: null,
      promptTokens: null,
      latencyMs: 1,
      error: null,
    });
    expect(store.searchMessages(db, 'nearshoring')).toHaveLength(1);
    expect(store.searchMessages(db, 'tariffs')).toHaveLength(1);
  });

  it('queues finished messages for the search index and indexes the queue in one batch, before any search', () => {
    const { db, session } = seeded();
    const pending = () =>
      db
        .prepare('SELECT message_id AS id FROM messages_fts_pending ORDER BY message_id')
        .all()
        .map((r) => (r as { id: number }).id);
    // Straight at the index: searchMessages would index the queue first.
    const indexed = (word: string) =>
      (db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(word) as { n: number }).n;
    const add = (content: string, status: 'complete' | 'streaming' = 'complete') =>
      store.insertMessage(db, {
        sessionId: session.id,
        step: 'context',
        trendId: null,
        role: 'user',
        kind: 'chat',
        content,
        status,
      });
    const a = add('Freight brokers consolidate');
    const streaming = add('', 'streaming');
    expect(pending()).toEqual([a.id]);
    store.finishMessage(db, streaming.id, {
      content: 'Carriers adopt telematics',
      status: 'complete',
      provider: 'offline',
      model: null,
      promptVersion: null,
      tokensIn: null,
      tokensOut: null,
      promptTokens: null,
      latencyMs: 1,
      error: null,
    });
    expect(pending()).toEqual([a.id, streaming.id]);
    expect(indexed('telematics')).toBe(0);
    expect(store.indexPendingMessages(db)).toBe(2);
    expect(pending()).toEqual([]);
    expect(store.searchMessages(db, 'telematics')).toHaveLength(1);
    // Edited after indexing: the index follows. Edited or deleted while queued: only the queue is touched.
    db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('Freight brokers merge', a.id);
    const queued = add('Queued then edited');
    db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('Queued then rewritten', queued.id);
    const dropped = add('Queued then deleted');
    db.prepare('DELETE FROM messages WHERE id = ?').run(dropped.id);
    expect(pending()).toEqual([queued.id]);
    expect(store.searchMessages(db, 'merge')).toHaveLength(1);
    expect(store.searchMessages(db, 'consolidate')).toHaveLength(0);
    expect(store.searchMessages(db, 'rewritten')).toHaveLength(1);
    expect(store.searchMessages(db, 'deleted')).toHaveLength(0);
    expect(() =>
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('checkpoints the WAL from a worker thread and indexes the search queue in the background', async () => {
    const path = tempDb();
    const db = store.openDatabase(path);
    const { id: clientId } = store.insertClient(db, 'Northwind Logistics', 'Logistics');
    const session = store.insertSession(db, {
      clientId,
      quarter: '2027-Q1',
      mode: 'quarterly',
      title: null,
      progress: initialProgress('quarterly'),
    });
    for (let i = 0; i < 50; i++) {
      store.insertMessage(db, {
        sessionId: session.id,
        step: 'context',
        trendId: null,
        role: 'user',
        kind: 'chat',
        content: `answer number ${i}`,
        status: 'complete',
      });
    }
    // Everything so far is in the WAL: SQLite's own checkpoint comes at 1000 pages.
    const fileBytes = () => statSync(path).size;
    const before = fileBytes();
    const maintenance = store.startMaintenance(db, { path, indexEveryMs: 20, checkpointEveryMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    // Wait for the batch and the worker's checkpoint (a worker thread starts slowly on a busy machine).
    await vi.waitFor(
      () => {
        expect((db.prepare('SELECT count(*) AS n FROM messages_fts_pending').get() as { n: number }).n).toBe(0);
        // The worker copied the pages into the database file, without a commit or checkpoint on this connection.
        expect(fileBytes()).toBeGreaterThan(before);
      },
      { timeout: 15_000 },
    );
    await maintenance.stop();
    db.close();
  });

  it('keeps the server up when the checkpoint worker cannot open the database, and still stops cleanly', async () => {
    const db = store.openDatabase(':memory:');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const maintenance = store.startMaintenance(db, {
        path: join(tmpdir(), 'no-such-folder-for-foresight', 'x.db'),
        checkpointEveryMs: 10,
      });
      // A worker thread takes a while to start on a busy machine: wait for its report, not a fixed time.
      await vi.waitFor(() => expect(errors.join('\n')).toMatch(/checkpoint worker stopped/), { timeout: 15_000 });
      await maintenance.stop();
    } finally {
      console.error = original;
    }
  });

  it('reads in one snapshot inside inOneRead, and rolls back whatever it wrote when it throws', () => {
    const path = tempDb();
    const db = store.openDatabase(path);
    const client = store.insertClient(db, 'Northwind Logistics', 'Logistics');
    const other = new Database(path);
    const renameElsewhere = () =>
      other.prepare('UPDATE clients SET name = ? WHERE id = ?').run('Renamed Elsewhere', client.id);
    const names = store.inOneRead(db, () => {
      const before = store.getClient(db, client.id)!.name;
      renameElsewhere(); // another connection commits between our two reads
      return [before, store.getClient(db, client.id)!.name];
    });
    expect(names).toEqual(['Northwind Logistics', 'Northwind Logistics']);
    // Outside it, each statement reads the latest commit.
    expect(store.getClient(db, client.id)!.name).toBe('Renamed Elsewhere');
    expect(() =>
      store.inOneRead(db, () => {
        store.insertClient(db, 'Half Written', 'Retail');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.listClients(db).map((c) => c.name)).toEqual(['Renamed Elsewhere']);
    other.close();
    db.close();
  });

  it('enforces foreign keys', () => {
    const { db } = seeded();
    expect(() =>
      store.insertMessage(db, {
        sessionId: 999,
        step: 'context',
        trendId: null,
        role: 'user',
        kind: 'chat',
        content: 'x',
        status: 'complete',
      }),
    ).toThrow(/FOREIGN KEY/);
  });
});

/** A database migrated only up to `version`, with client 1 and its session 1, written as that schema had them. */
function atSchemaVersion(version: number) {
  const db = new Database(':memory:');
  store.migrate(db, store.MIGRATIONS.slice(0, version));
  db.prepare("INSERT INTO clients (id, name, industry, created_at) VALUES (1, 'Northwind', 'Logistics', 'now')").run();
  db.prepare(
    "INSERT INTO sessions (id, client_id, quarter, mode, progress, created_at, updated_at) VALUES (1, 1, '2027-Q1', 'quarterly', '{}', 'now', 'now')",
  ).run();
  return db;
}

describe('migration 6', () => {
  it('keeps what the old triggers indexed searchable and queues only what comes after', () => {
    const db = atSchemaVersion(5);
    const insert = db.prepare(
      "INSERT INTO messages (session_id, step, role, kind, content, status, created_at, updated_at) VALUES (1, 'context', 'user', 'chat', ?, 'complete', 'now', 'now')",
    );
    const old = Number(insert.run('Dispatchers distrust routing').lastInsertRowid);
    store.migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM messages_fts_pending').get()).toEqual({ n: 0 });
    insert.run('Carriers adopt telematics');
    expect(store.searchMessages(db, 'distrust')).toHaveLength(1);
    expect(store.searchMessages(db, 'telematics')).toHaveLength(1);
    db.prepare('DELETE FROM messages WHERE id = ?').run(old);
    expect(store.searchMessages(db, 'distrust')).toHaveLength(0);
    expect(() =>
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });
});

describe('migration 4', () => {
  it('gives stored roadmap entries a status and assumptions their message, keeping every value', () => {
    const db = atSchemaVersion(3);
    const entry = { ...minimal.roadmap().entries[0]! } as Record<string, unknown>;
    delete entry.status;
    entry.metric = { name: 'bus factor', baseline: '1', target: '3' };
    const insert = db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (1, ?, 1, ?, 'offline', 'now')",
    );
    insert.run('roadmap', JSON.stringify({ entries: [entry, { ...entry, id: 'e2', metric: null }] }));
    insert.run(
      'dialogue',
      JSON.stringify({
        trendSummaries: [],
        insights: [],
        assumptions: [
          { id: 'a1', trendId: 't1', text: 'Dispatchers resist', status: 'stated', note: 'Stated in message 12.' },
          { id: 'a2', trendId: 't1', text: 'Shippers pay for speed', status: 'challenged', note: 'Challenged later.' },
        ],
      }),
    );
    store.migrate(db);
    const latest = store.latestArtifacts(db, 1);
    expect(latest.roadmap!.entries.map((e) => [e.id, e.status, e.metric])).toEqual([
      ['e1', 'planned', { name: 'bus factor', baseline: '1', current: null, target: '3' }],
      ['e2', 'planned', null],
    ]);
    expect(latest.roadmap!.entries[0]!.title).toBe('Document the routing engine');
    expect(latest.dialogue!.assumptions.map((a) => [a.id, a.fromMessageId, a.note])).toEqual([
      ['a1', 12, null],
      ['a2', null, 'Challenged later.'],
    ]);
  });
});

describe('migration 7', () => {
  it('keeps revisions stored before provenance was kept readable, and stores proposals beside them', () => {
    const db = atSchemaVersion(6);
    db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, carried_from, created_at) VALUES (1, 'risks', 1, ?, 'carried', 1, 'now')",
    ).run(JSON.stringify(minimal.risks()));
    store.migrate(db);
    const [old] = store.revisionHistory(db, 1, 'risks');
    expect(old).toMatchObject({
      revision: 1,
      source: 'carried',
      provenance: null,
      proposalId: null,
      restoredFrom: null,
    });
    expect(old!.data).toEqual(minimal.risks());

    const proposal = {
      sessionId: 1,
      step: 'risks' as const,
      data: minimal.risks(),
      provenance: {},
      baseRevision: 1,
      provider: 'offline',
      model: null,
      promptVersion: 'risks@1',
      messageId: null,
    };
    const first = store.insertProposal(db, proposal);
    const second = store.insertProposal(db, proposal);
    expect(store.openProposal(db, 1, 'risks')!.id).toBe(second.id);
    expect(db.prepare('SELECT status FROM proposals WHERE id = ?').get(first.id)).toEqual({ status: 'superseded' });
    const accepted = store.insertRevision(db, {
      sessionId: 1,
      step: 'risks',
      data: minimal.risks(),
      source: 'offline',
      provenance: {},
      proposalId: second.id,
    });
    expect(accepted).toMatchObject({ revision: 2, proposalId: second.id, provenance: {} });
  });
});

describe('migration 10', () => {
  /** Written as the offline facilitator before migration 10 wrote them (its own words, copied). */
  const oldRisk = (id: string, threat: string, likelihood: number, impact: number) => ({
    id,
    threat,
    category: 'technical',
    trendId: null,
    likelihood,
    impact,
    mitigation: null,
    owner: null,
    trigger: null,
    reviewDate: null,
  });
  const oldForecast = (scope: string, change: string, over: Record<string, unknown> = {}) => ({
    scope,
    trendId: null,
    change,
    direction: 'mixed',
    magnitude: 'medium',
    horizon: '6-18',
    confidence: 'low',
    reasoning: null,
    insightIds: [],
    signpost: null,
    ...over,
  });

  it('turns stored placeholders into nulls and removes their text, keeping what was stated or fixed by hand', () => {
    const db = atSchemaVersion(9);
    const insert = db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (1, ?, ?, ?, 'offline', 'now')",
    );
    insert.run(
      'risks',
      1,
      JSON.stringify({
        risks: [
          oldRisk('r1', 'Legacy TMS has no API', 4, 3),
          oldRisk(
            'r2',
            'Carrier scoring classed as high-risk [likelihood and impact not given: 3 is a placeholder]',
            3,
            3,
          ),
          // The advisor set the likelihood to 4 by hand afterwards: it stays; the impact is still the placeholder.
          oldRisk('r3', 'Jens retires [likelihood and impact not given: 3 is a placeholder]', 4, 3),
          oldRisk('r4', 'The MES cannot feed a vision system [impact not given: 3 is a placeholder]', 4, 3),
        ],
      }),
    );
    insert.run(
      'risks',
      2,
      JSON.stringify({
        risks: [
          oldRisk(
            'r1',
            'Not discussed yet — which threat does “Agentic AI” bring to Northwind? Likelihood and impact are placeholders (3 of 5) until you score them.',
            3,
            3,
          ),
        ],
      }),
    );
    insert.run(
      'impact',
      1,
      JSON.stringify({
        forecasts: [
          oldForecast('company', 'Brokerage margin goes up', {
            direction: 'up',
            reasoning:
              'The pilot lanes. Not stated in your answers: magnitude, horizon and confidence (recorded as magnitude medium, horizon 6–18 months and confidence low).',
          }),
          oldForecast('industry', 'Smaller brokers fall behind', {
            reasoning:
              'Not stated in your answers: direction, magnitude, horizon and confidence (recorded as direction mixed, magnitude medium, horizon 6–18 months and confidence low).',
            // Edited by hand since: a stated horizon is kept.
            horizon: '18-36',
          }),
          oldForecast(
            'market',
            'Not discussed yet — what changes for the market Northwind sells into was not answered in this step.',
            {
              reasoning:
                'Placeholder: nothing was said about this scope, so direction, magnitude and horizon are not a forecast.',
            },
          ),
        ],
      }),
    );
    const entry = { ...minimal.roadmap().entries[0]! };
    insert.run(
      'roadmap',
      1,
      JSON.stringify({
        entries: [
          {
            ...entry,
            rationale: 'Rationale not given yet: say which trend, insight or risk this answers.',
            adr: {
              context: 'Context not stated yet: what forces this decision?',
              decision: 'We use the vendor API',
              alternatives: [],
              consequences: 'Not stated yet.',
            },
          },
          { ...entry, id: 'e2', title: 'Not defined yet — no initiative named' },
        ],
      }),
    );
    const rec = { ...minimal.sounding_board().recommendations[0]! };
    insert.run(
      'sounding_board',
      1,
      JSON.stringify({
        recommendations: [
          {
            ...rec,
            claim: 'Not stated yet — the recommendation to pressure-test has not been written down.',
            ceoOneLiner: 'Not stated yet.',
          },
        ],
      }),
    );

    // A draft waiting for review, from the same build: its placeholders go too.
    db.prepare(
      "INSERT INTO proposals (session_id, step, data, provenance, provider, status, rejected, created_at) VALUES (1, 'risks', ?, '{}', 'offline', 'open', '[]', 'now')",
    ).run(
      JSON.stringify({
        risks: [oldRisk('r1', 'Vendor lock-in [likelihood and impact not given: 3 is a placeholder]', 3, 3)],
      }),
    );
    store.migrate(db);
    expect(store.openProposal(db, 1, 'risks')!.data).toEqual({
      risks: [expect.objectContaining({ threat: 'Vendor lock-in', likelihood: null, impact: null })],
    });

    const [risks1, risks2] = store.revisionHistory(db, 1, 'risks').map((r) => r.data as { risks: unknown[] });
    const scored = (r: unknown) => {
      const { threat, likelihood, impact } = r as { threat: string; likelihood: number | null; impact: number | null };
      return [threat, likelihood, impact];
    };
    expect(risks1!.risks.map(scored)).toEqual([
      ['Legacy TMS has no API', 4, 3],
      ['Carrier scoring classed as high-risk', null, null],
      ['Jens retires', 4, null],
      ['The MES cannot feed a vision system', 4, null],
    ]);
    expect(risks2!.risks).toEqual([]);
    const latest = store.latestArtifacts(db, 1);
    expect(
      latest.impact!.forecasts.map((f) => [f.scope, f.direction, f.magnitude, f.horizon, f.confidence, f.reasoning]),
    ).toEqual([
      ['company', 'up', null, null, null, 'The pilot lanes.'],
      ['industry', null, null, '18-36', null, null],
    ]);
    expect(latest.roadmap!.entries).toHaveLength(1);
    expect(latest.roadmap!.entries[0]).toMatchObject({
      rationale: null,
      adr: { context: null, decision: 'We use the vendor API', consequences: null },
    });
    expect(latest.sounding_board!.recommendations[0]).toMatchObject({ claim: null, ceoOneLiner: null });
    const everything = db.prepare('SELECT group_concat(data) AS all_data FROM artifacts').get() as { all_data: string };
    expect(everything.all_data).not.toMatch(/placeholder|Not stated yet|Not defined yet|not given yet/i);
  });
});

describe('migration 12', () => {
  it('marks the attempts earlier Retries replaced, and nothing the user answered or went on from', () => {
    const db = atSchemaVersion(11);
    const insert = db.prepare(
      "INSERT INTO messages (session_id, step, role, kind, content, status, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, 'now', 'now')",
    );
    const add = (step: string, role: string, kind: string, status: string, content = 'x') =>
      Number(insert.run(step, role, kind, content, status).lastInsertRowid);
    add('context', 'assistant', 'opening', 'complete');
    add('context', 'user', 'chat', 'complete');
    const cut = add('context', 'assistant', 'chat', 'incomplete', 'Which lanes');
    const failed = add('context', 'assistant', 'chat', 'failed', '');
    const retried = add('context', 'assistant', 'chat', 'complete', 'Which customers');
    add('context', 'user', 'chat', 'complete');
    const stoppedThenAnswered = add('context', 'assistant', 'chat', 'stopped', 'Who');
    add('context', 'user', 'chat', 'complete');
    const lastCut = add('context', 'assistant', 'chat', 'incomplete', 'What');
    const draftNote = add('context', 'assistant', 'draft', 'complete', 'Drafted');
    store.migrate(db);
    const by = (id: number) => store.getMessage(db, id)!.supersededBy;
    expect([by(cut), by(failed), by(retried)]).toEqual([failed, retried, null]);
    expect([by(stoppedThenAnswered), by(lastCut), by(draftNote)]).toEqual([null, null, null]);
  });
});

describe('migration 13', () => {
  it('gives stored contexts and open proposals the budget amount and team capacity as gaps, keeping every value', () => {
    const db = atSchemaVersion(12);
    const old = minimal.context() as unknown as { constraints: Record<string, unknown> };
    const { budgetAmount: _b, teamWeeksPerQuarter: _t, ...constraints } = old.constraints;
    const stored = JSON.stringify({
      ...old,
      constraints: { ...constraints, budget: '$2M for 2027', team: '14 engineers' },
    });
    db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (1, 'context', 1, ?, 'offline', 'now')",
    ).run(stored);
    db.prepare(
      "INSERT INTO proposals (session_id, step, data, provenance, provider, status, rejected, created_at) VALUES (1, 'context', ?, '{}', 'offline', 'open', '[]', 'now')",
    ).run(stored);
    store.migrate(db);
    expect(store.latestArtifacts(db, 1).context!.constraints).toEqual({
      budget: '$2M for 2027',
      budgetAmount: null,
      team: '14 engineers',
      teamWeeksPerQuarter: null,
      time: null,
      freezes: [],
      regulation: null,
    });
    expect(store.openProposal(db, 1, 'context')!.data).toMatchObject({
      constraints: { budget: '$2M for 2027', budgetAmount: null, teamWeeksPerQuarter: null },
    });
  });
});

describe('migration 15', () => {
  it('gives stored objections a status, the pre-mortem its stories and the open objections a place, losing no word', () => {
    const db = atSchemaVersion(14);
    const old = {
      recommendations: [
        {
          id: 'c1',
          claim: 'Fund the pricing model',
          roadmapEntryIds: [],
          objections: [
            { lens: 'cfo', objection: 'What is the payback?', response: 'Ten months' },
            { lens: 'engineer', objection: 'Who builds it?', response: null },
          ],
          preMortem: ['The model mispriced the first shock'],
          evidenceGaps: ['Back-test'],
          strongestAlternative: null,
          verdict: 'revise',
          confidence: 'medium',
          openObjections: ['CFO: ten months is a guess'],
          ceoOneLiner: null,
          supportingPoints: [],
        },
      ],
    };
    db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (1, 'sounding_board', 1, ?, 'model', 'now')",
    ).run(JSON.stringify(old));
    store.migrate(db);
    const [rec] = store.latestArtifacts(db, 1).sounding_board!.recommendations;
    expect(rec!.objections).toEqual([
      {
        lens: 'cfo',
        objection: 'What is the payback?',
        basis: null,
        response: 'Ten months',
        status: 'answered_with_reason',
        closedByMessageId: null,
      },
      {
        lens: 'engineer',
        objection: 'Who builds it?',
        basis: null,
        response: null,
        status: 'open',
        closedByMessageId: null,
      },
    ]);
    expect(rec!.preMortem).toEqual([
      { stakeholder: null, story: 'The model mispriced the first shock', cause: null, mitigation: null },
    ]);
    expect(rec!.flipConditions).toEqual([]);
    expect(rec!.evidenceGaps).toEqual([
      'Back-test',
      'Open objection (recorded before objections had a status): CFO: ten months is a guess',
    ]);
    expect(rec).not.toHaveProperty('openObjections');
  });
});

describe('migration 20', () => {
  const REASON = 'Ready, because Sage ends support for our version in March and the board accepted the risk';
  /** A ready recommendation as earlier builds drafted it: the reason appended to every open objection's response. */
  const readyAsBuild17 = (id: string, verdict: string) => ({
    id,
    claim: 'Move our on-prem ERP (Sage 300) to SaaS within 9 months',
    roadmapEntryIds: [],
    objections: [
      {
        lens: 'cfo',
        objection: 'What does it cost?',
        basis: null,
        response: `called ready despite it: “${REASON}”`,
        status: 'open',
        closedByMessageId: null,
      },
      {
        lens: 'board',
        objection: 'Who answers for it?',
        basis: null,
        response: `Not decided yet; called ready despite it: “${REASON}”`,
        status: 'open',
        closedByMessageId: null,
      },
      {
        lens: 'engineer',
        objection: 'Who builds it?',
        basis: null,
        response: 'Our two ERP admins',
        status: 'answered_with_reason',
        closedByMessageId: 7,
      },
    ],
    preMortem: [],
    flipConditions: [],
    evidenceGaps: [],
    strongestAlternative: null,
    verdict,
    confidence: null,
    ceoOneLiner: null,
    supportingPoints: [],
  });

  it('gives stored contexts no freeze windows and moves the appended ready reason into its field, in revisions and proposals', () => {
    const db = atSchemaVersion(19);
    const context = minimal.context() as unknown as { constraints: Record<string, unknown> };
    const { freezes: _f, ...constraints } = context.constraints;
    const insertArtifact = db.prepare(
      "INSERT INTO artifacts (session_id, step, revision, data, source, created_at) VALUES (1, ?, 1, ?, 'offline', 'now')",
    );
    const insertProposal = db.prepare(
      "INSERT INTO proposals (session_id, step, data, provenance, provider, status, rejected, created_at) VALUES (1, ?, ?, '{}', 'offline', 'open', '[]', 'now')",
    );
    insertArtifact.run(
      'context',
      JSON.stringify({ ...context, constraints: { ...constraints, time: 'Peak-season freeze Oct–Dec' } }),
    );
    insertArtifact.run(
      'sounding_board',
      JSON.stringify({ recommendations: [readyAsBuild17('c1', 'ready'), readyAsBuild17('c2', 'revise')] }),
    );
    insertProposal.run('sounding_board', JSON.stringify({ recommendations: [readyAsBuild17('c1', 'ready')] }));

    store.migrate(db);
    const after = store.latestArtifacts(db, 1);
    expect(after.context!.constraints).toMatchObject({ time: 'Peak-season freeze Oct–Dec', freezes: [] });
    const [ready, revise] = after.sounding_board!.recommendations;
    expect(ready!.readyDespite).toEqual({ reason: REASON, messageId: null });
    // Each response gets back what it was; the objections stay open, the answered one untouched.
    expect(ready!.objections.map((o) => [o.response, o.status])).toEqual([
      [null, 'open'],
      ['Not decided yet', 'open'],
      ['Our two ERP admins', 'answered_with_reason'],
    ]);
    // No longer ready: the field would contradict the verdict, so the words stay where they were written.
    expect(revise!.readyDespite).toBeNull();
    expect(revise!.objections[0]!.response).toBe(`called ready despite it: “${REASON}”`);
    const proposal = store.openProposal(db, 1, 'sounding_board')!.data as { recommendations: Recommendation[] };
    expect(proposal.recommendations[0]!.readyDespite).toEqual({ reason: REASON, messageId: null });
    expect(proposal.recommendations[0]!.objections[0]!.response).toBeNull();
  });
});
