import { describe, expect, it } from 'vitest';
import {
  STEP_IDS,
  parseArtifact,
  type ContextArtifact,
  type ItemChange,
  type Risk,
  type RisksArtifact,
} from '../../src/domain/index.js';
import type { ProposalView } from '../../src/engine/artifactReview.js';
import type { SessionView } from '../../src/engine/engine.js';
import { loadConfig } from '../../src/config.js';
import { createFacilitator } from '../../src/facilitators/index.js';
import { insertRevision, updateProgress } from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { minimal } from '../support/minimal.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { readSSE } from '../support/sse.js';

type Harness = ReturnType<typeof harness>;

const THREATS = [
  'The WMS integration depends on one engineer',
  'Scanner fleet ransomware stops the warehouse',
  'Shippers leave over missing emissions data',
  'Cloud commitments outgrow the freight volume',
  'Pricing model drifts after a fuel shock',
  'Carrier portal outage during peak season',
];

/** A register numbered by position, each risk 3 × 3: as a redraft that knows nothing of hand edits writes it. */
function register(threats: readonly string[]): RisksArtifact {
  const risk = (threat: string, i: number): Risk => ({
    ...minimal.risks().risks[0]!,
    id: `r${i + 1}`,
    threat,
    // This session has no trends: a risk citing one would be refused (references resolve).
    trendId: null,
    likelihood: 3,
    impact: 3,
  });
  return parseArtifact('risks', { risks: threats.map(risk) });
}

async function draft(h: Harness, id: number): Promise<ProposalView> {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  expect(frames.find((f) => f.event === 'error')?.data).toBeUndefined();
  return frames.find((f) => f.event === 'proposal')!.data as ProposalView;
}

async function post(h: Harness, path: string, body: unknown = {}) {
  const res = await h.json('POST', path, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { session: SessionView } };
}

/** A session at the risk step, the scripted facilitator drafting what `drafts` says next. */
async function atRisks(drafts: RisksArtifact[]) {
  const f = new ScriptedFacilitator();
  f.draftResult = () => ({
    artifact: drafts.shift(),
    note: 'Drafted the risk register.',
    usage: { tokensIn: 1, tokensOut: 1 },
    promptVersion: 'risks/extractor@2',
    promptTokens: 1,
    calls: [],
  });
  const h = harness(f);
  const { session } = await h.createSession();
  updateProgress(h.db, session.id, {
    status: 'active',
    mode: 'quarterly',
    current: 'risks',
    furthest: 'risks',
    stale: [],
  });
  return { h, id: session.id };
}

const changeOf = (p: ProposalView, key: string) => p.changes.find((c) => c.key === key) as ItemChange;

describe('a draft is a proposal, reviewed before it becomes the artifact', () => {
  it('keeps a hand edit through a redraft that adds a risk, and no risk is renumbered (the r2 finding)', async () => {
    const { h, id } = await atRisks([
      register(THREATS),
      register([...THREATS.slice(0, 3), 'Customs rules change at the Mexican border', ...THREATS.slice(3)]),
    ]);
    const first = await draft(h, id);
    expect(first.currentRevision).toBeNull();
    expect(first.changes.map((c) => c.change)).toEqual(Array(6).fill('added'));
    // Not the artifact yet: leaving the step says what to do.
    const early = await post(h, `/api/sessions/${id}/advance`);
    expect(early.status).toBe(409);
    expect((early.body.error as { message: string }).message).toMatch(
      /^A draft of the risk register is waiting for review: accept it/,
    );
    expect((await post(h, `/api/sessions/${id}/artifacts/risks/accept`)).status).toBe(200);

    const drafted = (await post(h, `/api/sessions/${id}/artifacts/risks/accept`)).status;
    expect(drafted).toBe(409); // nothing left to accept

    const edited = register(THREATS);
    edited.risks[1] = { ...edited.risks[1]!, likelihood: 4, impact: 4 };
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/risks`, { data: edited })).status).toBe(200);

    const second = await draft(h, id);
    expect(second.changes.map((c) => [c.key, c.change, c.protected])).toEqual([
      ['risks/r2', 'changed', 'edited'],
      ['risks/r7', 'added', null],
    ]);
    const r2 = changeOf(second, 'risks/r2');
    expect(r2.change === 'changed' && r2.fields.map((f) => [f.field, f.before, f.after])).toEqual([
      ['likelihood', 4, 3],
      ['impact', 4, 3],
    ]);

    const accepted = await post(h, `/api/sessions/${id}/artifacts/risks/accept`);
    expect(accepted.body.held).toEqual(['risks/r2']);
    const risks = accepted.body.session.artifacts.risks!.data as RisksArtifact;
    expect(risks.risks.map((r) => [r.id, r.likelihood, r.impact])).toEqual([
      ['r1', 3, 3],
      ['r2', 4, 4],
      ['r3', 3, 3],
      ['r7', 3, 3],
      ['r4', 3, 3],
      ['r5', 3, 3],
      ['r6', 3, 3],
    ]);
    expect(accepted.body.session.artifacts.risks!.provenance['risks/r2']).toMatchObject({
      origin: { kind: 'drafted', promptVersion: 'risks/extractor@2' },
      edited: ['impact', 'likelihood'],
    });
    // The held change stays on offer until the advisor decides it.
    expect((accepted.body.proposal as ProposalView).changes.map((c) => c.key)).toEqual(['risks/r2']);
    const rejected = await post(h, `/api/sessions/${id}/artifacts/risks/reject`, { items: ['risks/r2'] });
    expect(rejected.body.proposal).toBeNull();
    expect(rejected.body.session.proposals).toEqual({});
  });

  it('accepts and rejects item by item, and says which items it does not know', async () => {
    const { h, id } = await atRisks([register(THREATS.slice(0, 3)), register(THREATS.slice(0, 5))]);
    await draft(h, id);
    await post(h, `/api/sessions/${id}/artifacts/risks/accept`);
    const proposal = await draft(h, id);
    expect(proposal.changes.map((c) => c.key)).toEqual(['risks/r4', 'risks/r5']);

    const unknown = await post(h, `/api/sessions/${id}/artifacts/risks/accept`, { items: ['risks/r9'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ field: 'items' });
    expect((unknown.body.error as { message: string }).message).toMatch(/"risks\/r9".*risks\/r4, risks\/r5/);

    const one = await post(h, `/api/sessions/${id}/artifacts/risks/accept`, { items: ['risks/r5'] });
    expect((one.body.revision as { revision: number }).revision).toBe(2);
    expect((one.body.proposal as ProposalView).changes.map((c) => c.key)).toEqual(['risks/r4']);
    const other = await post(h, `/api/sessions/${id}/artifacts/risks/reject`, { items: ['risks/r4'] });
    expect(other.body.proposal).toBeNull();
    const data = other.body.session.artifacts.risks!.data as RisksArtifact;
    expect(data.risks.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r5']);

    const nothing = await post(h, `/api/sessions/${id}/artifacts/risks/reject`);
    expect(nothing.status).toBe(409);
    expect((nothing.body.error as { message: string }).message).toMatch(/no draft .* waiting for review/);
  });

  it('edits a draft before accepting it, and what the advisor changed is theirs from then on', async () => {
    const { h, id } = await atRisks([register(THREATS.slice(0, 2))]);
    const drafted = await draft(h, id);
    const res = await h.json('PUT', `/api/sessions/${id}/artifacts/risks/proposal`, { data: { risks: 'none' } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('data.risks');

    const data = register(THREATS.slice(0, 2));
    data.risks[1] = { ...data.risks[1]!, owner: 'Head of Ops', likelihood: 2 };
    const edited = await h.json('PUT', `/api/sessions/${id}/artifacts/risks/proposal`, { data });
    const { proposal } = (await edited.json()) as { proposal: ProposalView };
    expect(proposal.id).toBe(drafted.id);
    expect(proposal.provenance['risks/r2']).toMatchObject({
      origin: { kind: 'drafted' },
      edited: ['likelihood', 'owner'],
    });
    const accepted = await post(h, `/api/sessions/${id}/artifacts/risks/accept`);
    const view = accepted.body.session.artifacts.risks!;
    expect((view.data as RisksArtifact).risks[1]).toMatchObject({ owner: 'Head of Ops', likelihood: 2 });
    expect(view.provenance['risks/r2']!.edited).toEqual(['likelihood', 'owner']);
  });

  it('lists every revision with its provenance, diffs any two and restores one as a new revision', async () => {
    const { h, id } = await atRisks([register(THREATS.slice(0, 2))]);
    await draft(h, id);
    await post(h, `/api/sessions/${id}/artifacts/risks/accept`);
    const edited = register(THREATS.slice(0, 2));
    edited.risks[0] = { ...edited.risks[0]!, owner: 'Jens' };
    await h.json('PUT', `/api/sessions/${id}/artifacts/risks`, { data: edited });

    const diff = (await (await h.app.request(`/api/sessions/${id}/artifacts/risks/diff?from=1&to=2`)).json()) as {
      changes: ItemChange[];
    };
    expect(diff.changes).toMatchObject([
      { key: 'risks/r1', change: 'changed', fields: [{ field: 'owner', before: 'CTO', after: 'Jens' }] },
    ]);
    const bad = await h.app.request(`/api/sessions/${id}/artifacts/risks/diff?from=1&to=9`);
    expect(bad.status).toBe(422);

    const restored = await post(h, `/api/sessions/${id}/artifacts/risks/restore`, { revision: 1 });
    expect(restored.status).toBe(200);
    expect(restored.body.revision).toMatchObject({ revision: 3, restoredFrom: 1, source: 'user' });
    const history = (await (await h.app.request(`/api/sessions/${id}/artifacts/risks`)).json()) as {
      revisions: Array<{ revision: number; source: string; data: RisksArtifact; provenance: Record<string, unknown> }>;
    };
    expect(history.revisions.map((r) => [r.revision, r.source, r.data.risks[0]!.owner])).toEqual([
      [1, 'model', 'CTO'],
      [2, 'user', 'Jens'],
      [3, 'user', 'CTO'],
    ]);
    expect(history.revisions[1]!.provenance['risks/r1']).toMatchObject({ edited: ['owner'] });
    expect(history.revisions[2]!.provenance['risks/r1']).toMatchObject({ edited: [] });
    expect((await post(h, `/api/sessions/${id}/artifacts/risks/restore`, { revision: 7 })).status).toBe(422);
  });

  it('keeps what was carried from last quarter when the context is redrafted (the carry-over finding)', async () => {
    const h = harness(createFacilitator(loadConfig({})));
    const { session } = await h.createSession({ quarter: '2027-Q1' });
    const q1 = northwindArtifactsQ1();
    for (const step of STEP_IDS) insertRevision(h.db, { sessionId: session.id, step, data: q1[step], source: 'model' });
    updateProgress(h.db, session.id, { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] });
    const created = await h.json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q2',
      carryOver: true,
    });
    const q2 = ((await created.json()) as SessionView).session.id;
    await readSSE(
      await h.json('POST', `/api/sessions/${q2}/messages`, {
        content: 'Key numbers: Revenue $39.5M run-rate, headcount 124',
      }),
    );
    const proposal = await draft(h, q2);
    expect(changeOf(proposal, 'services')).toMatchObject({ change: 'changed', protected: 'carried' });

    const accepted = await post(h, `/api/sessions/${q2}/artifacts/context/accept`, { confirmReadings: true });
    const context = accepted.body.session.artifacts.context!.data as ContextArtifact;
    const carried = q1.context!;
    expect(context.services).toEqual(carried.services);
    expect(context.products).toEqual(carried.products);
    expect(context.customers).toEqual(carried.customers);
    expect(context.competitors).toEqual(carried.competitors);
    expect(context.ceoGoals).toEqual(carried.ceoGoals);
    expect(context.constraints).toEqual(carried.constraints);
    // A new figure joins; a carried figure the advisor has not accepted a new value for stays as it was.
    expect(context.keyNumbers).toEqual([...carried.keyNumbers, { label: 'headcount', value: '124' }]);
    expect(accepted.body.held).toContain('keyNumbers/revenue');
    const revenue = await post(h, `/api/sessions/${q2}/artifacts/context/accept`, {
      items: ['keyNumbers/revenue'],
      confirmReadings: true,
    });
    const after = revenue.body.session.artifacts.context!.data as ContextArtifact;
    expect(after.keyNumbers.find((k) => k.label === 'Revenue')!.value).toMatch(/39\.5/);
    expect(after.services).toEqual(carried.services);
    expect(accepted.body.session.artifacts.context!.provenance.services).toEqual({
      origin: { kind: 'carried', fromSessionId: session.id, quarter: '2027-Q1' },
      edited: [],
    });
  });
});

describe('with the offline facilitator, as the finding was made', () => {
  it('keeps r2 as edited and every risk its id when one more risk is sent and the register redrafted', async () => {
    const h = harness(createFacilitator(loadConfig({})));
    const { session } = await h.createSession();
    const id = session.id;
    updateProgress(h.db, id, { status: 'active', mode: 'quarterly', current: 'risks', furthest: 'risks', stale: [] });
    const say = async (content: string) => readSSE(await h.json('POST', `/api/sessions/${id}/messages`, { content }));
    // Entered directly (no opening posted), the step's first question comes with the first reply.
    await say('Ready.');
    await say(
      'The one engineer who knows the WMS integration leaves; likelihood 4; impact 5; owner: CTO; mitigation: pair and document.',
    );
    await say('Shippers leave over missing emissions data; possible, moderate impact; owner: Head of Sales.');
    await say('Ransomware on the scanner fleet stops a warehouse for a week; unlikely but catastrophic.');
    await draft(h, id);
    const firstView = (await post(h, `/api/sessions/${id}/artifacts/risks/accept`, { confirmReadings: true })).body
      .session.artifacts.risks!;
    const first = firstView.data as RisksArtifact;
    expect(first.risks.length).toBe(3);
    // Each risk is traced to the answer it was written in.
    const answers = (await (await h.app.request(`/api/sessions/${id}/messages`)).json()) as {
      messages: Array<{ id: number; role: string; content: string }>;
    };
    for (const risk of first.risks) {
      const origin = firstView.provenance[`risks/${risk.id}`]!.origin as { messageIds: number[] };
      expect(origin.messageIds).toHaveLength(1);
      const source = answers.messages.find((m) => m.id === origin.messageIds[0])!;
      expect(source.role).toBe('user');
      expect(source.content.toLowerCase()).toContain(risk.threat.toLowerCase().replace(/[.;]$/, ''));
    }
    const r2 = first.risks.find((r) => r.id === 'r2')!;
    const edited = { risks: first.risks.map((r) => (r.id === 'r2' ? { ...r, likelihood: 4, impact: 4 } : r)) };
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/risks`, { data: edited })).status).toBe(200);

    await say('A key customer insists on CO2 per shipment data by September; likely, major impact.');
    const redraft = await draft(h, id);
    // The redraft scores r2 from the words again: the diff marks the change as undoing the advisor's edit.
    expect(redraft.changes.find((c) => c.key === 'risks/r2')).toMatchObject({ change: 'changed', protected: 'edited' });
    const accepted = await post(h, `/api/sessions/${id}/artifacts/risks/accept`, { confirmReadings: true });
    const after = accepted.body.session.artifacts.risks!.data as RisksArtifact;
    const kept = after.risks.find((r) => r.id === 'r2')!;
    expect([kept.threat, kept.likelihood, kept.impact]).toEqual([r2.threat, 4, 4]);
    // Every risk drafted before keeps its id; the new one takes an id nobody had.
    for (const before of first.risks) expect(after.risks.find((r) => r.id === before.id)?.threat).toBe(before.threat);
    const added = after.risks.filter((r) => !first.risks.some((b) => b.id === r.id));
    expect(added.map((r) => r.threat).join(' ')).toMatch(/CO2/);
  });
});
