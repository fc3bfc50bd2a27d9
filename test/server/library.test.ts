import { describe, expect, it } from 'vitest';
import type { SessionPlan, SessionView } from '../../src/engine/engine.js';
import { insertRevision } from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { countRows, workedQuarter } from '../support/workedQuarter.js';

type H = ReturnType<typeof harness>;

const body = async <T>(res: Response) => (await res.json()) as T;
const count = countRows;

describe('clients: rename and archive', () => {
  it('renames a client and refuses a name another client has', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    await h.createSession({ clientName: 'Acme', industry: 'Retail' });
    const view = await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`));
    const renamed = await h.json('PATCH', `/api/clients/${view.client.id}`, { name: 'Northwind Freight' });
    expect(renamed.status).toBe(200);
    expect((await body<{ client: { name: string } }>(renamed)).client.name).toBe('Northwind Freight');
    expect((await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`))).client.name).toBe(
      'Northwind Freight',
    );
    const taken = await h.json('PATCH', `/api/clients/${view.client.id}`, { name: 'acme' });
    expect(taken.status).toBe(409);
    expect((await body<{ error: { message: string } }>(taken)).error.message).toMatch(/already named "Acme"/);
    expect((await h.json('PATCH', `/api/clients/${view.client.id}`, {})).status).toBe(422);
    expect((await h.json('PATCH', '/api/clients/999', { name: 'X' })).status).toBe(404);
  });

  it('takes an archived client off the list, shows it with the filter, and keeps it searchable', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    await h.engine.postMessage(session.id, { content: 'We ship refrigerated pallets across the Baltics' }).finished;
    const { client } = await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`));
    await h.json('PATCH', `/api/clients/${client.id}`, { archived: true });
    const names = async (q = '') =>
      (await body<{ clients: Array<{ name: string }> }>(await h.app.request(`/api/clients${q}`))).clients.map(
        (c) => c.name,
      );
    expect(await names()).toEqual([]);
    expect(await names('?archived=only')).toEqual(['Northwind Logistics']);
    expect(await names('?archived=include')).toEqual(['Northwind Logistics']);
    const hits = await body<{ hits: unknown[] }>(await h.app.request('/api/search?q=refrigerated'));
    expect(hits.hits).toHaveLength(1);
    await h.json('PATCH', `/api/clients/${client.id}`, { archived: false });
    expect(await names()).toEqual(['Northwind Logistics']);
  });
});

describe('the trash', () => {
  it('trashes a session, hides it everywhere, and restores it intact', async () => {
    const h = harness(new ScriptedFacilitator());
    const id = await workedQuarter(h, '2027-Q1', {}, 'Pallet volumes are up');
    const before = {
      messages: await (await h.app.request(`/api/sessions/${id}/messages`)).text(),
      view: await (await h.app.request(`/api/sessions/${id}`)).text(),
    };
    const res = await h.app.request(`/api/sessions/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const trashed = await body<{ trashed: { purgeAfter: string }; undo: { method: string; path: string } }>(res);
    expect(trashed.undo).toEqual({ method: 'POST', path: `/api/sessions/${id}/restore` });
    expect(Date.parse(trashed.trashed.purgeAfter) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const gone = await h.app.request(`/api/sessions/${id}`);
    expect(gone.status).toBe(404);
    expect((await body<{ error: { message: string } }>(gone)).error.message).toMatch(/in the trash/);
    expect((await body<{ sessions: unknown[] }>(await h.app.request('/api/sessions'))).sessions).toEqual([]);
    expect((await body<{ hits: unknown[] }>(await h.app.request('/api/search?q=pallet'))).hits).toEqual([]);
    expect((await h.json('POST', `/api/sessions/${id}/messages`, { content: 'hello' })).status).toBe(404);
    const trash = await body<{ sessions: Array<{ session: { id: number } }> }>(await h.app.request('/api/trash'));
    expect(trash.sessions.map((s) => s.session.id)).toEqual([id]);

    expect((await h.app.request(trashed.undo.path, { method: 'POST' })).status).toBe(200);
    expect(await (await h.app.request(`/api/sessions/${id}/messages`)).text()).toBe(before.messages);
    expect(await (await h.app.request(`/api/sessions/${id}`)).text()).toBe(before.view);
    expect((await h.app.request(`/api/sessions/${id}/restore`, { method: 'POST' })).status).toBe(409);
  });

  it('trashes a client with its sessions and brings them back with it, but not a session trashed before', async () => {
    const h = harness(new ScriptedFacilitator());
    const q1 = await workedQuarter(h, '2027-Q1');
    const q2 = await workedQuarter(h, '2027-Q2');
    const { client } = await body<SessionView>(await h.app.request(`/api/sessions/${q1}`));
    await h.app.request(`/api/sessions/${q1}`, { method: 'DELETE' });
    const res = await h.app.request(`/api/clients/${client.id}`, { method: 'DELETE' });
    expect((await body<{ undo: { path: string } }>(res)).undo.path).toBe(`/api/clients/${client.id}/restore`);
    expect((await body<{ clients: unknown[] }>(await h.app.request('/api/clients'))).clients).toEqual([]);
    expect((await h.app.request(`/api/sessions/${q2}`)).status).toBe(404);
    // Its sessions come back with the client, not one by one.
    expect((await h.app.request(`/api/sessions/${q2}/restore`, { method: 'POST' })).status).toBe(409);
    // Its name stays taken while it is in the trash.
    const reuse = await h.json('POST', '/api/sessions', {
      clientName: 'northwind logistics',
      industry: 'x',
      quarter: '2027-Q3',
    });
    expect(reuse.status).toBe(409);
    expect((await body<{ error: { message: string } }>(reuse)).error.message).toMatch(/is in the trash/);
    const trash = await body<{ clients: Array<{ client: { id: number }; sessions: number }>; sessions: unknown[] }>(
      await h.app.request('/api/trash'),
    );
    expect(trash.clients).toEqual([
      expect.objectContaining({ client: expect.objectContaining({ id: client.id }), sessions: 1 }),
    ]);
    expect(trash.sessions).toEqual([]);

    expect((await h.app.request(`/api/clients/${client.id}/restore`, { method: 'POST' })).status).toBe(200);
    const sessions = await body<{ sessions: Array<{ id: number }> }>(await h.app.request('/api/sessions'));
    expect(sessions.sessions.map((s) => s.id)).toEqual([q2]);
    expect((await h.app.request(`/api/sessions/${q1}/restore`, { method: 'POST' })).status).toBe(200);
  });

  it('emptying the trash removes its rows from every table, and leaves the rest alone', async () => {
    const h = harness(new ScriptedFacilitator());
    const q1 = await workedQuarter(h, '2027-Q1', {}, 'Volumes are up');
    expect(count(h, 'model_calls', `session_id = ${q1}`)).toBeGreaterThan(1);
    const q2 = (
      await body<SessionView>(
        await h.json('POST', '/api/sessions', {
          clientName: 'Northwind Logistics',
          industry: 'Logistics',
          quarter: '2027-Q2',
          carryOver: true,
        }),
      )
    ).session.id;
    const kept = {
      messages: count(h, 'messages', `session_id = ${q2}`),
      artifacts: count(h, 'artifacts', `session_id = ${q2}`),
    };
    await h.app.request(`/api/sessions/${q1}`, { method: 'DELETE' });
    const res = await h.app.request('/api/trash', { method: 'DELETE' });
    expect(await body(res)).toEqual({ purged: { clients: 0, sessions: 1 } });
    for (const table of ['messages', 'artifacts', 'model_calls'])
      expect(count(h, table, `session_id = ${q1}`), table).toBe(0);
    expect(count(h, 'sessions', `id = ${q1}`)).toBe(0);
    expect(count(h, 'messages', `session_id = ${q2}`)).toBe(kept.messages);
    expect(count(h, 'artifacts', `session_id = ${q2}`)).toBe(kept.artifacts);
    // What was carried from the purged quarter stays, marked carried, pointing at nothing.
    expect(count(h, 'artifacts', `session_id = ${q2} AND source = 'carried' AND carried_from IS NULL`)).toBe(
      kept.artifacts,
    );
    expect((await h.app.request(`/api/sessions/${q1}/restore`, { method: 'POST' })).status).toBe(404);
    expect(await body(await h.app.request('/api/trash'))).toMatchObject({ clients: [], sessions: [] });
  });

  it('keeps a trashed session 30 days, then purges it when the trash is next read', async () => {
    const h = harness(new ScriptedFacilitator());
    const old = await workedQuarter(h, '2027-Q1');
    const recent = await workedQuarter(h, '2027-Q2');
    await h.app.request(`/api/sessions/${old}`, { method: 'DELETE' });
    await h.app.request(`/api/sessions/${recent}`, { method: 'DELETE' });
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    h.db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(daysAgo(31), old);
    h.db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(daysAgo(29), recent);
    const trash = await body<{ sessions: Array<{ session: { id: number } }>; keepsDays: number }>(
      await h.app.request('/api/trash'),
    );
    expect(trash.keepsDays).toBe(30);
    expect(trash.sessions.map((s) => s.session.id)).toEqual([recent]);
    expect(count(h, 'sessions', `id = ${old}`)).toBe(0);
    expect(count(h, 'artifacts', `session_id = ${old}`)).toBe(0);
  });

  it('renames a session, and clears the title with an empty one', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    const res = await h.json('PATCH', `/api/sessions/${session.id}`, { title: '  Board prep  ' });
    expect((await body<{ session: { title: string } }>(res)).session.title).toBe('Board prep');
    const cleared = await h.json('PATCH', `/api/sessions/${session.id}`, { title: '' });
    expect((await body<{ session: { title: string | null } }>(cleared)).session.title).toBeNull();
    expect((await h.json('PATCH', `/api/sessions/${session.id}`, { quarter: '2027-Q2' })).status).toBe(422);
  });
});

describe('no accidental duplicate quarter', () => {
  it('refuses a second quarterly session for the same quarter with 409 naming the first, unless asked for', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession({ quarter: '2027-Q1' });
    const res = await h.json('POST', '/api/sessions', {
      clientName: 'NORTHWIND logistics',
      industry: 'x',
      quarter: '2027-Q1',
    });
    expect(res.status).toBe(409);
    const { error } = await body<{ error: { message: string; details: { existingSession: { id: number } } } }>(res);
    expect(error.message).toMatch(new RegExp(`already has a quarterly session for 2027-Q1 \\(session ${session.id}`));
    expect(error.details.existingSession).toMatchObject({ id: session.id, quarter: '2027-Q1' });
    expect(count(h, 'sessions')).toBe(1);
    // A quick check in the same quarter is no duplicate; a second quarterly one on purpose is allowed.
    expect(
      (
        await h.json('POST', '/api/sessions', {
          clientName: 'Northwind Logistics',
          industry: 'x',
          quarter: '2027-Q1',
          mode: 'quick_check',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await h.json('POST', '/api/sessions', {
          clientName: 'Northwind Logistics',
          industry: 'x',
          quarter: '2027-Q1',
          allowDuplicate: true,
        })
      ).status,
    ).toBe(201);
    // A trashed session is no longer in the way.
    const other = await h.createSession({ quarter: '2027-Q2' });
    await h.app.request(`/api/sessions/${other.session.id}`, { method: 'DELETE' });
    expect(
      (await h.json('POST', '/api/sessions', { clientName: 'Northwind Logistics', industry: 'x', quarter: '2027-Q2' }))
        .status,
    ).toBe(201);
  });
});

describe('the right previous quarter', () => {
  const newQuarter = (h: H, quarter: string, over: Record<string, unknown> = {}) =>
    h.json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter,
      carryOver: true,
      ...over,
    });

  it('carries from the quarterly session after a quick check, an empty duplicate and a trashed session', async () => {
    const h = harness(new ScriptedFacilitator());
    const q1 = await workedQuarter(h, '2027-Q1');
    // A quick check before a CEO meeting, with its own sounding board…
    const quick = await h.createSession({ quarter: '2027-Q2', mode: 'quick_check' });
    insertRevision(h.db, {
      sessionId: quick.session.id,
      step: 'sounding_board',
      data: northwindArtifactsQ1().sounding_board,
      source: 'model',
    });
    // …an empty quarterly session started by mistake, and a worked one later put in the trash.
    await h.createSession({ quarter: '2027-Q2' });
    const trashed = await workedQuarter(h, '2027-Q2', { allowDuplicate: true });
    await h.app.request(`/api/sessions/${trashed}`, { method: 'DELETE' });

    const plan = await body<SessionPlan>(
      await h.app.request('/api/sessions/plan?clientName=Northwind%20Logistics&quarter=2027-Q3'),
    );
    expect(plan.carryFrom.map((s) => s.id)).toEqual([q1]);
    expect(plan.suggestedQuarter).toBe('2027-Q3');
    const res = await newQuarter(h, '2027-Q3');
    expect(res.status).toBe(201);
    const view = await body<SessionView>(res);
    expect(view.artifacts.roadmap?.source).toBe('carried');
    expect(view.previousSession).toEqual({ id: q1, quarter: '2027-Q1' });
    const history = await body<{ revisions: Array<{ carriedFrom: number }> }>(
      await h.app.request(`/api/sessions/${view.session.id}/artifacts/roadmap`),
    );
    expect(history.revisions.map((r) => r.carriedFrom)).toEqual([q1]);
    // The Radar Review compares with the same quarter.
    const review = await body<{ earlier: { sessionId: number } }>(
      await h.app.request(`/api/sessions/${view.session.id}/compare`),
    );
    expect(review.earlier.sessionId).toBe(q1);
  });

  it('carries from the session the advisor chose, and refuses one that cannot be carried from', async () => {
    const h = harness(new ScriptedFacilitator());
    const q1 = await workedQuarter(h, '2027-Q1');
    const q2 = await workedQuarter(h, '2027-Q2');
    const plan = await body<SessionPlan>(
      await h.app.request('/api/sessions/plan?clientName=Northwind%20Logistics&quarter=2027-Q3'),
    );
    expect(plan.carryFrom.map((s) => s.id)).toEqual([q2, q1]);
    const quick = await h.createSession({ quarter: '2027-Q2', mode: 'quick_check' });
    const refusedRes = await newQuarter(h, '2027-Q3', { carryFrom: quick.session.id });
    expect(refusedRes.status).toBe(422);
    expect((await body<{ error: { field: string } }>(refusedRes)).error.field).toBe('carryFrom');
    expect(count(h, 'sessions', "quarter = '2027-Q3'")).toBe(0);
    const view = await body<SessionView>(await newQuarter(h, '2027-Q3', { carryFrom: q1 }));
    const history = await body<{ revisions: Array<{ carriedFrom: number }> }>(
      await h.app.request(`/api/sessions/${view.session.id}/artifacts/context`),
    );
    expect(history.revisions.map((r) => r.carriedFrom)).toEqual([q1]);
  });

  it('tells the form about a quarter the client already has', async () => {
    const h = harness(new ScriptedFacilitator());
    const q1 = await workedQuarter(h, '2027-Q1');
    const plan = await body<SessionPlan>(
      await h.app.request('/api/sessions/plan?clientName=northwind%20logistics&quarter=2027-Q1'),
    );
    expect(plan.existing).toEqual([{ id: q1, quarter: '2027-Q1', title: null, current: null }]);
    expect(plan.suggestedQuarter).toBe('2027-Q2');
    const unknown = await body<SessionPlan>(await h.app.request('/api/sessions/plan?clientName=Acme&quarter=2027-Q1'));
    expect(unknown).toEqual({ client: null, existing: [], carryFrom: [], suggestedQuarter: null });
  });
});
