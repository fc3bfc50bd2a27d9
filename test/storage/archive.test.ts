import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as store from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { countRows, workedQuarter } from '../support/workedQuarter.js';

type Db = store.Db;

/** Two clients' work as the product leaves it: transcripts, revisions, model calls, a hand edit, the trash. */
async function library() {
  const h = harness(new ScriptedFacilitator());
  const q1 = await workedQuarter(h, '2027-Q1', {}, 'We broker freight across the Baltics — “cold chain” too.');
  const q2 = await workedQuarter(h, '2027-Q2', { carryOver: true }, 'Volumes are up 12 %');
  await workedQuarter(h, '2027-Q1', { clientName: 'Acme', industry: 'Retail' }, 'Stores in Ghent');
  // A conversation event that names its message inside its JSON.
  const said = store.listMessages(h.db, q2).find((m) => m.role === 'user')!;
  store.recordConversationEvent(h.db, q2, said.step, said.id, {
    type: 'user_message',
    messageId: said.id,
    trendId: null,
    intent: 'answer',
  });
  // A draft waiting for review: a proposal, with where its items came from.
  store.insertProposal(h.db, {
    sessionId: q2,
    step: 'roadmap',
    data: northwindArtifactsQ1().roadmap,
    provenance: {},
    baseRevision: 1,
    provider: 'openai',
    model: 'gpt-test',
    promptVersion: 'roadmap@1',
    messageId: null,
  });
  const quick = await h.createSession({ quarter: '2027-Q2', mode: 'quick_check' });
  h.engine.library.trashSession(quick.session.id);
  const acme = h.engine.library.listClients('include').find((c) => c.name === 'Acme')!;
  h.engine.library.updateClient(acme.id, { archived: true });
  return { h, q1, q2 };
}

const rowsOf = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
const allCounts = (db: Db) => Object.fromEntries(store.TABLES.map((t) => [t.name, countRows({ db }, t.name)]));
const archiveText = (db: Db, clientName?: string) =>
  JSON.stringify(store.writeArchive(db, { appVersion: 'test', clientName }));
/** An archive changed by `edit`, with its checksum made right again: only the change itself is wrong. */
function edited(
  text: string,
  edit: (a: { schemaVersion: number; version: number; tables: Record<string, Array<Record<string, unknown>>> }) => void,
) {
  const archive = JSON.parse(text);
  edit(archive);
  archive.sha256 = createHash('sha256').update(JSON.stringify(archive.tables)).digest('hex');
  return JSON.stringify(archive);
}

describe('backup and restore', () => {
  it('restores into an empty database row for row: the same messages, revisions and every other row', async () => {
    const { h } = await library();
    const text = archiveText(h.db);
    const empty = store.openDatabase(':memory:');
    const report = store.restoreArchive(empty, text);
    expect(report.rows).toEqual(allCounts(h.db));
    expect(report.clients.map((c) => [c.name, c.as])).toEqual([
      ['Northwind Logistics', 'added'],
      ['Acme', 'added'],
    ]);
    for (const table of store.TABLES.map((t) => t.name)) {
      expect(rowsOf(empty, table), table).toEqual(rowsOf(h.db, table));
    }
    expect(countRows({ db: empty }, 'messages')).toBeGreaterThan(6);
    expect(countRows({ db: empty }, 'artifacts')).toBeGreaterThan(14);
    expect(countRows({ db: empty }, 'proposals')).toBe(1);
    // The search index is rebuilt from the restored messages.
    expect(store.searchMessages(empty, 'cold chain').length).toBe(1);
  });

  it('restores an archive written before the context had budget and capacity numbers, with them as gaps', async () => {
    const { h } = await library();
    const before13 = edited(archiveText(h.db), (a) => {
      a.schemaVersion = 12;
      for (const row of [...a.tables.artifacts!, ...a.tables.proposals!]) {
        if (row.step !== 'context') continue;
        const data = JSON.parse(row.data as string);
        delete data.constraints.budgetAmount;
        delete data.constraints.teamWeeksPerQuarter;
        row.data = JSON.stringify(data);
      }
    });
    const empty = store.openDatabase(':memory:');
    store.restoreArchive(empty, before13);
    const contexts = empty.prepare("SELECT data FROM artifacts WHERE step = 'context'").all() as Array<{
      data: string;
    }>;
    expect(contexts.length).toBeGreaterThan(0);
    for (const { data } of contexts) {
      expect(JSON.parse(data).constraints).toMatchObject({ budgetAmount: null, teamWeeksPerQuarter: null });
    }
  });

  it('restores an archive written before freeze windows were data, with none on record', async () => {
    const { h } = await library();
    const before20 = edited(archiveText(h.db), (a) => {
      a.schemaVersion = 19;
      for (const row of [...a.tables.artifacts!, ...a.tables.proposals!]) {
        if (row.step !== 'context') continue;
        const data = JSON.parse(row.data as string);
        delete data.constraints.freezes;
        row.data = JSON.stringify(data);
      }
    });
    const empty = store.openDatabase(':memory:');
    store.restoreArchive(empty, before20);
    const contexts = empty.prepare("SELECT data FROM artifacts WHERE step = 'context'").all() as Array<{
      data: string;
    }>;
    expect(contexts.length).toBeGreaterThan(0);
    for (const { data } of contexts) expect(JSON.parse(data).constraints.freezes).toEqual([]);
  });

  it('adds to a database that has work in it, as new rows, never changing what is there', async () => {
    const { h } = await library();
    const text = archiveText(h.db);
    const before = Object.fromEntries(store.TABLES.map((t) => [t.name, rowsOf(h.db, t.name)]));
    const report = store.restoreArchive(h.db, text);
    expect(report.clients.map((c) => [c.name, c.as, c.from])).toEqual([
      [`Northwind Logistics (restored ${new Date().toISOString().slice(0, 10)})`, 'renamed', 'Northwind Logistics'],
      [`Acme (restored ${new Date().toISOString().slice(0, 10)})`, 'renamed', 'Acme'],
    ]);
    for (const t of store.TABLES) {
      const now = rowsOf(h.db, t.name);
      expect(now.slice(0, before[t.name]!.length), t.name).toEqual(before[t.name]);
      expect(now.length, t.name).toBe(2 * before[t.name]!.length);
    }
    // References follow the new ids: a restored carried revision points at the restored quarter.
    const restoredQ2 = report.sessions.find((s) => s.quarter === '2027-Q2' && s.client.startsWith('Northwind'))!;
    const restoredQ1 = report.sessions.find((s) => s.quarter === '2027-Q1' && s.client.startsWith('Northwind'))!;
    const carried = h.db
      .prepare("SELECT DISTINCT carried_from FROM artifacts WHERE session_id = ? AND source = 'carried'")
      .pluck()
      .all(restoredQ2.id);
    expect(carried).toEqual([restoredQ1.id]);
    // Message ids inside the conversation's JSON follow too: each names a message of its own session.
    const events = h.db
      .prepare('SELECT session_id AS sessionId, event FROM conversation_events WHERE session_id = ?')
      .all(restoredQ2.id) as Array<{ sessionId: number; event: string }>;
    const named = events.map((e) => JSON.parse(e.event).messageId).filter((id) => typeof id === 'number');
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(store.getMessage(h.db, id)?.sessionId).toBe(restoredQ2.id);
    const states = h.db
      .prepare('SELECT state FROM conversation_state WHERE session_id = ?')
      .pluck()
      .all(restoredQ2.id) as string[];
    const last = states.map((s) => JSON.parse(s).lastQuestion?.messageId).filter((id) => typeof id === 'number');
    expect(last.length).toBeGreaterThan(0);
    for (const id of last) expect(store.getMessage(h.db, id)?.sessionId).toBe(restoredQ2.id);
  });

  it('keeps a reply replaced by a later retry pointing at that retry, in the new ids', async () => {
    const { h } = await library();
    const [first] = store.listMessages(h.db, 1).filter((m) => m.role === 'assistant');
    const later = store.insertMessage(h.db, { ...first!, content: 'The retry', status: 'complete' });
    store.supersedeReplies(h.db, [first!.id], later.id);
    const report = store.restoreArchive(h.db, archiveText(h.db));
    const restored = store.listMessages(h.db, report.sessions.find((s) => s.client.startsWith('Northwind'))!.id);
    const replaced = restored.find((m) => m.supersededBy !== null)!;
    expect(store.getMessage(h.db, replaced.supersededBy!)).toMatchObject({
      content: 'The retry',
      sessionId: replaced.sessionId,
    });
  });

  it("joins a client of the same name when asked to merge, and backs up one client's work alone", async () => {
    const { h } = await library();
    const text = archiveText(h.db, 'acme');
    const parsed = JSON.parse(text) as store.Archive;
    expect(parsed.scope).toEqual({ client: 'Acme' });
    expect(parsed.counts.clients).toBe(1);
    expect(parsed.counts.sessions).toBe(1);
    const clientsBefore = countRows(h, 'clients');
    const report = store.restoreArchive(h.db, text, { mergeClients: true });
    expect(report.clients).toEqual([expect.objectContaining({ name: 'Acme', as: 'merged' })]);
    expect(countRows(h, 'clients')).toBe(clientsBefore);
    const acme = store.findClientRecordByName(h.db, 'Acme')!.client;
    expect(countRows(h, 'sessions', `client_id = ${acme.id}`)).toBe(2);
    expect(() => store.writeArchive(h.db, { appVersion: 'test', clientName: 'Nobody' })).toThrow(/Nobody/);
  });

  describe('refuses a bad archive whole, writing nothing, and names what is wrong', () => {
    const refusals: Array<[string, (text: string) => string, RegExp]> = [
      ['an empty file', () => '', /the file is empty/],
      [
        'a truncated one',
        (t) => t.slice(0, Math.floor(t.length * 0.7)),
        /not complete JSON, so it is cut short or damaged/,
      ],
      [
        'one from another application',
        () => JSON.stringify({ format: 'librechat-export', conversations: [] }),
        /not a Foresight Accelerator archive \(its format is "librechat-export"\)/,
      ],
      ['a JSON file that is not an archive', () => '[1, 2, 3]', /names no format/],
      [
        'one from a newer version',
        (t) => edited(t, (a) => (a.schemaVersion += 1)),
        /written by a newer Foresight Accelerator .*Upgrade, then restore it/,
      ],
      ['one in a newer archive format', (t) => edited(t, (a) => (a.version += 1)), /newer Foresight Accelerator/],
      [
        'one changed after it was written',
        (t) => t.replace('Volumes are up', 'Volumes are down'),
        /do not match its checksum/,
      ],
      [
        'one with an artifact that fails validation',
        (t) =>
          edited(t, (a) => {
            const risks = a.tables.artifacts!.find((r) => r.step === 'risks')!;
            const data = JSON.parse(risks.data as string);
            data.risks[0].likelihood = 9;
            risks.data = JSON.stringify(data);
          }),
        /artifacts record \d+ \(id \d+\): data\.risks\.0\.likelihood: .*\(not a valid risks artifact\)/,
      ],
      [
        'a message with an unknown status',
        (t) => edited(t, (a) => (a.tables.messages![2]!.status = 'lost')),
        /messages record 3 \(id 3\): status: /,
      ],
      [
        'a row with a column this version does not know',
        (t) => edited(t, (a) => (a.tables.clients![0]!.secret = 'x')),
        /clients record 1 \(id 1\): .*secret/,
      ],
      [
        'a reference to a row that is not in it',
        (t) => edited(t, (a) => (a.tables.messages![0]!.session_id = 99)),
        /messages record 1 \(id 1\): session_id refers to sessions id 99, which is not in the archive/,
      ],
      [
        'a table it does not know',
        (t) => edited(t, (a) => (a.tables.auth_tokens = [])),
        /a table this version does not know \(auth_tokens\)/,
      ],
    ];
    it.each(refusals)('%s', async (_, spoil, message) => {
      const { h } = await library();
      const bad = spoil(archiveText(h.db));
      const target = store.openDatabase(':memory:');
      store.insertClient(target, 'Already here', 'Retail');
      const before = allCounts(target);
      let error: unknown;
      try {
        store.restoreArchive(target, bad);
      } catch (e) {
        error = e;
      }
      expect((error as Error).message).toMatch(/^The archive was not restored, and nothing was written: /);
      expect((error as Error).message).toMatch(message);
      expect(allCounts(target)).toEqual(before);
    });
  });
});
