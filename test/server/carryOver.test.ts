import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { insertRevision, updateProgress } from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';

describe('starting a quarter from the previous one', () => {
  async function withFirstQuarter() {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession({ quarter: '2027-Q1' });
    const q1 = northwindArtifactsQ1();
    for (const step of STEP_IDS) insertRevision(h.db, { sessionId: session.id, step, data: q1[step], source: 'model' });
    updateProgress(h.db, session.id, { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] });
    return { h, q1, q1Id: session.id };
  }

  it('carries the context, trends, risks and roadmap over as revision 1, marked carried, and redoes the rest', async () => {
    const { h, q1, q1Id } = await withFirstQuarter();
    const res = await h.json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q2',
      carryOver: true,
    });
    expect(res.status).toBe(201);
    const view = (await res.json()) as SessionView;
    expect(Object.keys(view.artifacts).sort()).toEqual(['context', 'risks', 'roadmap', 'trends']);
    expect(view.artifacts.roadmap).toMatchObject({ revision: 1, source: 'carried', stale: false, data: q1.roadmap });
    expect(view.artifacts.trends!.data).toEqual(q1.trends);
    expect(view.current).toBe('context');
    expect(view.previousSession).toEqual({ id: q1Id, quarter: '2027-Q1' });
    const { messages } = (await (await h.app.request(`/api/sessions/${view.session.id}/messages`)).json()) as {
      messages: Array<{ content: string; provider: string | null }>;
    };
    expect(messages.at(-1)).toMatchObject({ provider: null });
    expect(messages.at(-1)!.content).toMatch(
      /^Carried over from 2027-Q1: company context, 2–3 chosen trends, risk register, roadmap\./,
    );
    const history = (await (await h.app.request(`/api/sessions/${view.session.id}/artifacts/risks`)).json()) as {
      revisions: Array<{ carriedFrom: number }>;
    };
    expect(history.revisions.map((r) => r.carriedFrom)).toEqual([q1Id]);
    // The carried context and chosen trends satisfy their guards: the advisor confirms and moves on.
    expect(
      ((await (await h.json('POST', `/api/sessions/${view.session.id}/advance`, {})).json()) as SessionView).current,
    ).toBe('trends');
    expect(
      ((await (await h.json('POST', `/api/sessions/${view.session.id}/advance`, {})).json()) as SessionView).current,
    ).toBe('dialogue');
  });

  it('lets the Radar Review pair a carried risk by its id even after the advisor rewrote it', async () => {
    const { h, q1 } = await withFirstQuarter();
    const res = await h.json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q2',
      carryOver: true,
    });
    const q2Id = ((await res.json()) as SessionView).session.id;
    const risks = q1.risks!.risks.map((r, i) =>
      i === 0 ? { ...r, threat: 'A port strike stops inbound containers' } : r,
    );
    // A later revision of the carried register (as a hand edit on reaching the risks step would store it).
    insertRevision(h.db, { sessionId: q2Id, step: 'risks', data: { risks }, source: 'user' });
    const review = (await (await h.app.request(`/api/sessions/${q2Id}/compare`)).json()) as {
      comparison: { risks: { closed: Array<{ id: string }>; unchanged: Array<{ id: string }> } };
    };
    expect(review.comparison.risks.closed).toEqual([]);
    expect(review.comparison.risks.unchanged.map((r) => r.id)).toContain(q1.risks!.risks[0]!.id);
  });

  it('starts empty when the client has no earlier quarter', async () => {
    const h = harness(new ScriptedFacilitator());
    const res = await h.json('POST', '/api/sessions', {
      clientName: 'Acme',
      industry: 'Retail',
      quarter: '2027-Q1',
      carryOver: true,
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as SessionView).artifacts).toEqual({});
  });

  it('refuses to carry over into a quick check, and creates nothing', async () => {
    const { h } = await withFirstQuarter();
    const before = (await (await h.app.request('/api/sessions')).json()) as { sessions: unknown[] };
    const res = await h.json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q2',
      mode: 'quick_check',
      carryOver: true,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('carryOver');
    expect(((await (await h.app.request('/api/sessions')).json()) as { sessions: unknown[] }).sessions).toHaveLength(
      before.sessions.length,
    );
  });
});
