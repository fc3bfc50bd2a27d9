/**
 * Typed answers through the API, with the offline facilitator: the question standing has a form; a
 * pasted text PRE-FILLS it (POST /prefill, nothing stored) with what each value was read from; the
 * advisor corrects and confirms (POST /messages with `answer`), and the draft takes the confirmed
 * values as they are. Each misreading issue 19 found is shown in a pre-fill, corrected, and only the
 * correction reaches the artifact and the memo.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerForm, AnswerValues, Message, StepId } from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { createOfflineFacilitator } from '../../src/facilitators/offline/index.js';
import { updateProgress } from '../../src/storage/index.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { readSSE } from '../support/sse.js';

const NOW = new Date('2027-01-11T09:00:00Z');
type Harness = ReturnType<typeof harness>;

async function offlineSession(step: StepId = 'context') {
  const h = harness(createOfflineFacilitator({ now: () => NOW }));
  const { session } = await h.createSession({ clientName: 'Contoso Freight', industry: 'Freight carrier' });
  if (step !== 'context')
    updateProgress(h.db, session.id, { status: 'active', mode: 'quarterly', current: step, furthest: step, stale: [] });
  return { h, id: session.id };
}

const view = async (h: Harness, id: number) =>
  (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;

interface Prefilled {
  questionId: string;
  values: AnswerValues;
  readFrom: Record<string, string>;
  form: AnswerForm;
}

async function prefill(h: Harness, id: number, questionId: string, text: string) {
  const res = await h.json('POST', `/api/sessions/${id}/prefill`, { questionId, text });
  expect(res.status).toBe(200);
  return (await res.json()) as Prefilled;
}

/** Confirms the form: the message's text is what the transcript shows; the values are what the draft takes. */
async function confirm(h: Harness, id: number, questionId: string, values: AnswerValues, content = 'As confirmed.') {
  const res = await h.json('POST', `/api/sessions/${id}/messages`, { content, answer: { questionId, values } });
  expect(res.status, await res.clone().text()).toBe(200);
  const frames = await readSSE(res);
  return {
    user: frames.find((f) => f.event === 'turn')!.data as { userMessage: Message },
    reply: frames.find((f) => f.event === 'message')!.data as Message,
  };
}

async function draftAndAccept(h: Harness, id: number, step: StepId) {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  expect(frames.find((f) => f.event === 'error')?.data).toBeUndefined();
  const res = await h.acceptDraft(id, step);
  expect(res.status).toBe(200);
  return (await view(h, id)).artifacts[step]!;
}

const memo = async (h: Harness, id: number) => (await h.app.request(`/api/sessions/${id}/export/memo.md`)).text();

describe('the form of the question standing', () => {
  it('is in the session view, built from the fields the bank question fills', async () => {
    const { h, id } = await offlineSession();
    const form = (await view(h, id)).answerForm!;
    expect(form).toMatchObject({ step: 'context', questionId: 'context.services', topic: 'Services' });
    expect(form.fields.map((f) => [f.path, f.spec.kind])).toEqual([['services', 'list']]);
  });

  it('is filed under its own question, whatever its note says: a "Competitors:" line skips nothing', async () => {
    const { h, id } = await offlineSession();
    const { user, reply } = await confirm(
      h,
      id,
      'context.services',
      { services: ['Full-truckload freight', 'Dedicated fleet'] },
      'Competitors: J.B. Hunt and Schneider, but first our services.',
    );
    expect(user.userMessage.answer).toEqual({
      questionId: 'context.services',
      values: { services: ['Full-truckload freight', 'Dedicated fleet'] },
    });
    expect(reply.content).toContain('Confirmed under **Services**: services Full-truckload freight, Dedicated fleet');
    // The next question is the bank's next, Products; Competitors still waits for its own answer.
    expect((await view(h, id)).answerForm?.questionId).toBe('context.products');
    const context = await draftAndAccept(h, id, 'context');
    expect(context.data).toMatchObject({ services: ['Full-truckload freight', 'Dedicated fleet'], competitors: [] });
    expect((context.data as { gaps: string[] }).gaps.join(' ')).toMatch(/compet/i);
  });

  it('asks the budget question for the amount too, pre-filled when the text names one, and takes it as confirmed', async () => {
    const { h, id } = await offlineSession();
    const read = await prefill(h, id, 'context.budget', 'EUR 450.000 for 2027, half of it capitalisable');
    expect(read.form.fields.map((f) => f.path)).toEqual(['constraints.budget', 'constraints.budgetAmount']);
    expect(read.values['constraints.budgetAmount']).toBe(450);
    await confirm(h, id, 'context.budget', { ...read.values, 'constraints.budgetAmount': 450_000 });
    const context = await draftAndAccept(h, id, 'context');
    expect(context.data).toMatchObject({
      constraints: { budget: 'EUR 450.000 for 2027, half of it capitalisable', budgetAmount: 450_000 },
    });
  });

  it('asks the deadlines question for the freeze windows as dates, never reads them from prose, and takes them as confirmed', async () => {
    const { h, id } = await offlineSession();
    const read = await prefill(h, id, 'context.time', 'Peak season freeze from October to December 2027');
    expect(read.form.fields.map((f) => [f.path, f.spec.kind])).toEqual([
      ['constraints.time', 'longText'],
      ['constraints.freezes', 'items'],
    ]);
    expect(read.form.fields[1]!.spec.fields!.map((f) => [f.key, f.kind])).toEqual([
      ['what', 'text'],
      ['from', 'deadline'],
      ['to', 'deadline'],
    ]);
    // The parser is frozen: the words stay words, the window is typed by the advisor.
    expect(read.values['constraints.freezes']).toBeUndefined();
    const backwards = await h.json('POST', `/api/sessions/${id}/messages`, {
      content: 'Peak season',
      answer: {
        questionId: 'context.time',
        values: { 'constraints.freezes': [{ what: 'Peak season', from: '2027-12-31', to: '2027-10-01' }] },
      },
    });
    expect(backwards.status).toBe(422);
    expect(await backwards.json()).toMatchObject({ error: { field: 'answer.values.constraints.freezes.0.to' } });
    const peak = { what: 'Peak season', from: '2027-10-01', to: '2027-12-31' };
    await confirm(h, id, 'context.time', { ...read.values, 'constraints.freezes': [peak] });
    const context = await draftAndAccept(h, id, 'context');
    expect(context.data).toMatchObject({
      constraints: { time: 'Peak season freeze from October to December 2027', freezes: [peak] },
    });
  });

  it('keeps the confirmed values with the message, through a reload of the transcript', async () => {
    const { h, id } = await offlineSession();
    await confirm(h, id, 'context.services', { services: ['Freight'] });
    const { messages } = (await (await h.app.request(`/api/sessions/${id}/messages`)).json()) as {
      messages: Message[];
    };
    expect(messages.find((m) => m.role === 'user')!.answer).toEqual({
      questionId: 'context.services',
      values: { services: ['Freight'] },
    });
  });

  it('refuses values its fields do not take, naming the field, and stores nothing', async () => {
    const { h, id } = await offlineSession('risks');
    const before = (await view(h, id)).answerForm!;
    const bad = await h.json('POST', `/api/sessions/${id}/messages`, {
      content: 'x',
      answer: {
        questionId: 'risks.technical',
        values: { 'risks[].threat': 'Routing engine', 'risks[].likelihood': 7 },
      },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('answer.values.risks[].likelihood');
    const other = await h.json('POST', `/api/sessions/${id}/messages`, {
      content: 'x',
      answer: { questionId: 'roadmap.e1.what', values: {} },
    });
    expect(other.status).toBe(422);
    expect((await view(h, id)).answerForm).toEqual(before);
  });

  it('is not offered with a model, and a pre-fill there says why', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    expect((await view(h, session.id)).answerForm).toBeNull();
    const res = await h.json('POST', `/api/sessions/${session.id}/prefill`, {
      questionId: 'context.services',
      text: 'x',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('offline facilitator');
  });
});

describe('a pasted answer pre-fills the form, the advisor corrects it, and only the correction reaches the memo', () => {
  it('money: "€ 1,2 Mio." read as 1.2 and "EUR 300.000" as 300, corrected to 1,200,000 and 300,000', async () => {
    const { h, id } = await offlineSession('roadmap');
    const what = await prefill(
      h,
      id,
      'roadmap.e1.what',
      'Vision inspection pilot — 16 weeks; owner: Priya Shah; deadline 2027-Q3',
    );
    expect(what.values).toMatchObject({
      'entries[].title': 'Vision inspection pilot',
      'entries[].effortWeeks': 16,
      'entries[].owner': 'Priya Shah',
    });
    expect(what.readFrom['entries[].effortWeeks']).toBe('16 weeks');
    await confirm(h, id, 'roadmap.e1.what', what.values, 'Vision inspection pilot, 16 weeks, Priya Shah, 2027-Q3');

    const text = 'Vision inspection pilot: one-off cost € 1,2 Mio., EBITDA +EUR 300.000 a year';
    const measure = await prefill(h, id, 'roadmap.e1.measure', text);
    // What the frozen parser reads, shown with where it read it, for the advisor to see and correct.
    expect(measure.values['entries[].financial.oneOffCost']).toBe(1.2);
    expect(measure.values['entries[].financial.annualEbitdaEffect']).toBe(300);
    expect(measure.readFrom['entries[].financial.oneOffCost']).toContain('€ 1,2 Mio');
    expect(measure.readFrom['entries[].financial.annualEbitdaEffect']).toContain('EUR 300.000');
    await confirm(h, id, 'roadmap.e1.measure', {
      ...measure.values,
      'entries[].financial.oneOffCost': 1_200_000,
      'entries[].financial.annualEbitdaEffect': 300_000,
      'entries[].metric': { name: 'Damage claims per 1,000 loads', baseline: '4.1', current: null, target: '2.5' },
    });

    const roadmap = await draftAndAccept(h, id, 'roadmap');
    const [entry] = (roadmap.data as { entries: Array<Record<string, unknown>> }).entries;
    expect(entry).toMatchObject({
      title: 'Vision inspection pilot',
      effortWeeks: 16,
      owner: 'Priya Shah',
      deadline: '2027-Q3',
      financial: { oneOffCost: 1_200_000, annualEbitdaEffect: 300_000 },
      metric: { name: 'Damage claims per 1,000 loads', target: '2.5' },
    });
    const md = await memo(h, id);
    expect(md).toContain('1,200,000');
    expect(md).toContain('300,000');
    expect(md).not.toMatch(/\b1\.2\b/);
  });

  it('money: "EUR 450.000" read as 450, corrected to 450,000', async () => {
    const { h, id } = await offlineSession('roadmap');
    await confirm(h, id, 'roadmap.e1.what', { 'entries[].title': 'Telematics retrofit' });
    const measure = await prefill(h, id, 'roadmap.e1.measure', 'one-off cost EUR 450.000');
    expect(measure.values['entries[].financial.oneOffCost']).toBe(450);
    await confirm(h, id, 'roadmap.e1.measure', { 'entries[].financial.oneOffCost': 450_000 });
    const roadmap = await draftAndAccept(h, id, 'roadmap');
    expect(roadmap.data).toMatchObject({ entries: [{ financial: { oneOffCost: 450_000 } }] });
    expect(await memo(h, id)).toContain('450,000');
  });

  it('money: "about forty-five thousand dollars one-off (12% margin on $4.5M)" read as 4,500,000, corrected to 45,000', async () => {
    const { h, id } = await offlineSession('roadmap');
    await confirm(h, id, 'roadmap.e1.what', { 'entries[].title': 'Lane pricing model' });
    const measure = await prefill(
      h,
      id,
      'roadmap.e1.measure',
      'about forty-five thousand dollars one-off for the model (12% margin on $4.5M)',
    );
    expect(measure.values['entries[].financial.oneOffCost']).toBe(4_500_000);
    await confirm(h, id, 'roadmap.e1.measure', { 'entries[].financial.oneOffCost': 45_000 });
    const roadmap = await draftAndAccept(h, id, 'roadmap');
    expect(roadmap.data).toMatchObject({ entries: [{ financial: { oneOffCost: 45_000 } }] });
    const md = await memo(h, id);
    expect(md).toContain('45,000');
    expect(md).not.toContain('4,500,000');
  });

  it('"10x faster deploys" read as an EBITDA multiple of 10, corrected to none', async () => {
    const { h, id } = await offlineSession('roadmap');
    await confirm(h, id, 'roadmap.e1.what', { 'entries[].title': 'CI pipeline rebuild' });
    const measure = await prefill(h, id, 'roadmap.e1.measure', 'Deploys per week from 2 to 20, 10x faster deploys');
    expect(measure.values['entries[].financial.evMultiple']).toBe(10);
    expect(measure.readFrom['entries[].financial.evMultiple']).toBe('10x faster deploys');
    await confirm(h, id, 'roadmap.e1.measure', {
      ...measure.values,
      'entries[].financial.evMultiple': null,
      'entries[].financial.assumption': null,
    });
    const roadmap = await draftAndAccept(h, id, 'roadmap');
    expect(roadmap.data).toMatchObject({
      entries: [{ metric: { name: 'Deploys per week', baseline: '2', target: '20' }, financial: { evMultiple: null } }],
    });
    expect(await memo(h, id)).not.toMatch(/multiple of 10|×\s?10|10×/);
  });

  it('"not significant" read as high magnitude and "I am not certain" as high confidence, both corrected to low', async () => {
    const { h, id } = await offlineSession('impact');
    const change = await prefill(
      h,
      id,
      'impact.company.change',
      'Brokered-load margins shrink, but the effect is not significant, within 18 months',
    );
    expect(change.values['forecasts[].magnitude']).toBe('high');
    expect(change.readFrom['forecasts[].magnitude']).toBe('but the effect is not significant');
    await confirm(h, id, 'impact.company.change', { ...change.values, 'forecasts[].magnitude': 'low' });
    const signpost = await prefill(
      h,
      id,
      'impact.company.signpost',
      'Spot rates on the top ten lanes. I am not certain.',
    );
    expect(signpost.values['forecasts[].confidence']).toBe('high');
    expect(signpost.readFrom['forecasts[].confidence']).toBe('I am not certain');
    await confirm(h, id, 'impact.company.signpost', { ...signpost.values, 'forecasts[].confidence': 'low' });
    const impact = await draftAndAccept(h, id, 'impact');
    expect(impact.data).toMatchObject({
      forecasts: [
        {
          scope: 'company',
          change: 'Brokered-load margins shrink, but the effect is not significant, within 18 months',
          magnitude: 'low',
          confidence: 'low',
          signpost: 'Spot rates on the top ten lanes.',
        },
      ],
    });
  });

  it('"That\'s enough for the market, I think" pre-filled as a signpost, cleared to a gap; "twelve weeks" not read, typed as 12', async () => {
    const { h, id } = await offlineSession('impact');
    await confirm(h, id, 'impact.company.change', {
      'forecasts[].change': 'Shippers book spot capacity online',
      'forecasts[].direction': 'down',
    });
    const signpost = await prefill(h, id, 'impact.company.signpost', "That's enough for the market, I think");
    expect(signpost.values['forecasts[].signpost']).toMatch(/enough for the market/);
    await confirm(h, id, 'impact.company.signpost', { ...signpost.values, 'forecasts[].signpost': '' });
    const impact = await draftAndAccept(h, id, 'impact');
    expect(impact.data).toMatchObject({ forecasts: [{ scope: 'company', signpost: null }] });
    expect(await memo(h, id)).not.toMatch(/enough for the market/);

    const roadmap = await offlineSession('roadmap');
    const what = await prefill(
      roadmap.h,
      roadmap.id,
      'roadmap.e1.what',
      'Dock scheduling app, twelve weeks, owner Ops',
    );
    expect(what.values['entries[].effortWeeks']).toBeNull();
    await confirm(roadmap.h, roadmap.id, 'roadmap.e1.what', { ...what.values, 'entries[].effortWeeks': 12 });
    const entries = (await draftAndAccept(roadmap.h, roadmap.id, 'roadmap')).data as { entries: unknown[] };
    expect(entries.entries).toMatchObject([{ effortWeeks: 12 }]);
  });

  it('scores: a risk typed with its scores reaches the register as confirmed, with its severity derived', async () => {
    const { h, id } = await offlineSession('risks');
    const read = await prefill(
      h,
      id,
      'risks.technical',
      'Only Mike knows the routing engine, likelihood four, impact 5',
    );
    // "likelihood four": numbers in words are not read; the advisor picks 4.
    expect(read.values['risks[].likelihood']).toBeNull();
    expect(read.values['risks[].impact']).toBe(5);
    await confirm(h, id, 'risks.technical', { ...read.values, 'risks[].likelihood': 4, 'risks[].owner': 'CTO' });
    const risks = await draftAndAccept(h, id, 'risks');
    expect(risks.data).toMatchObject({
      risks: [{ id: 'r1', category: 'technical', likelihood: 4, impact: 5, owner: 'CTO' }],
    });
    expect(await memo(h, id)).toMatch(/Critical/);
  });
});

describe('an answer given in the chat instead of the form', () => {
  /** Two initiatives' words in the chat, as the freight carrier answered: nothing typed into a form. */
  async function chatRoadmap() {
    const { h, id } = await offlineSession('roadmap');
    const say = async (content: string) => readSSE(await h.json('POST', `/api/sessions/${id}/messages`, { content }));
    await say('Ready.');
    await say('Vision inspection pilot at the Duisburg depot, owner Priya Shah, 16 weeks');
    await say('Damage claims per 1,000 loads from 4.1 to 2.5; one-off cost € 1,2 Mio., EBITDA +EUR 300.000 a year');
    const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
    expect(frames.find((f) => f.event === 'error')?.data).toBeUndefined();
    const proposal = (await view(h, id)).proposals.roadmap!;
    return { h, id, proposal };
  }

  it('lists what the parser read, each with its words, and refuses to accept until they are confirmed', async () => {
    const { h, id, proposal } = await chatRoadmap();
    const cost = proposal.readings.find((r) => r.field === 'entries[].financial.oneOffCost')!;
    // The misreading is there to see, beside the words it came from and the message that said them.
    expect(cost).toMatchObject({ value: 1.2, kind: 'money', topic: expect.any(String) });
    expect(cost.readFrom).toContain('€ 1,2 Mio');
    const messages = (await (await h.app.request(`/api/sessions/${id}/messages`)).json()) as { messages: Message[] };
    expect(messages.messages.find((m) => m.id === cost.messageId)?.content).toContain('€ 1,2 Mio.');
    expect(proposal.readings.find((r) => r.field === 'entries[].owner')?.value).toBe('Priya Shah');
    // A new entry's status is the parser's default, not something read: it is not listed.
    expect(proposal.readings.map((r) => r.field)).not.toContain('entries[].status');

    const refused = await h.json('POST', `/api/sessions/${id}/artifacts/roadmap/accept`, {});
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { message: string; details: { readings: unknown[] } } };
    expect(body.error.message).toMatch(/read from answers given in the chat/);
    expect(body.error.details.readings).toHaveLength(proposal.readings.length);
    // Refused means nothing was written: the step still has no roadmap.
    expect((await view(h, id)).artifacts.roadmap).toBeUndefined();
  });

  it('takes the advisor’s correction of a misread amount, and only the correction reaches the memo', async () => {
    const { h, id, proposal } = await chatRoadmap();
    const data = proposal.data as { entries: Array<{ financial: Record<string, unknown> }> };
    const corrected = {
      entries: data.entries.map((e) => ({
        ...e,
        financial: { ...e.financial, oneOffCost: 1_200_000, annualEbitdaEffect: 300_000 },
      })),
    };
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/roadmap/proposal`, { data: corrected })).status).toBe(
      200,
    );
    const accepted = await h.acceptDraft(id, 'roadmap');
    expect(accepted.status).toBe(200);
    const roadmap = (await view(h, id)).artifacts.roadmap!;
    expect(roadmap.data).toMatchObject({
      entries: [{ financial: { oneOffCost: 1_200_000, annualEbitdaEffect: 300_000 } }],
    });
    const md = await memo(h, id);
    expect(md).toContain('1,200,000');
    expect(md).not.toMatch(/\b1\.2\b/);
  });

  it('lists nothing for answers typed into the form: they were confirmed as typed', async () => {
    const { h, id } = await offlineSession('roadmap');
    await confirm(h, id, 'roadmap.e1.what', { 'entries[].title': 'Telematics retrofit', 'entries[].effortWeeks': 12 });
    await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
    expect((await view(h, id)).proposals.roadmap!.readings).toEqual([]);
    expect((await h.json('POST', `/api/sessions/${id}/artifacts/roadmap/accept`, {})).status).toBe(200);
  });
});

describe('the sounding board in its forms', () => {
  it('has a form for the recommendation, none for the lenses’ objections, which are argued in the chat', async () => {
    const { h, id } = await offlineSession('sounding_board');
    const claim = (await view(h, id)).answerForm!;
    expect(claim.fields.map((f) => [f.path, f.spec.kind])).toEqual([
      ['recommendations[].claim', 'longText'],
      ['recommendations[].roadmapEntryIds', 'refs'],
    ]);
    await confirm(h, id, claim.questionId, { 'recommendations[].claim': 'Move our on-prem ERP (Sage 300) to SaaS' });
    // The CEO's objection stands next: a question for the conversation, with no form beside it.
    expect((await view(h, id)).answerForm).toBeNull();
  });

  it('"Ready once we drop the second phase" read as drop, and "…anyway, on price" as a pre-mortem story: both corrected', async () => {
    const { h, id } = await offlineSession('sounding_board');
    await confirm(h, id, 'sb.claim', { 'recommendations[].claim': 'Move our on-prem ERP (Sage 300) to SaaS' });
    const premortem = await prefill(h, id, 'sb.premortem', 'The cut-over slipped past the close, and anyway, on price');
    const stories = premortem.values['recommendations[].preMortem'] as Array<{ story: string }>;
    expect(stories.map((s) => s.story)).toContain('On price');
    await confirm(h, id, 'sb.premortem', {
      'recommendations[].preMortem': [
        { stakeholder: 'CFO', story: 'The migration overran the year-end close', cause: null, mitigation: null },
      ],
    });
    const verdict = await prefill(h, id, 'sb.verdict', 'Ready once we drop the second phase');
    expect(verdict.values['recommendations[].verdict']).toBe('drop');
    expect(verdict.readFrom['recommendations[].verdict']).toBe('Ready once we drop the second phase');
    await confirm(h, id, 'sb.verdict', {
      'recommendations[].verdict': 'ready',
      'recommendations[].confidence': 'medium',
      'recommendations[].readyDespite.reason':
        'The second phase is out of scope, so the open objections are about work we no longer do.',
    });
    // The one-liner as typed, lower case and all: a typed value is taken as it is.
    await confirm(h, id, 'sb.oneliner', { 'recommendations[].ceoOneLiner': 'move the ERP before the support ends' });
    const board = await draftAndAccept(h, id, 'sounding_board');
    const [rec] = (board.data as { recommendations: Array<Record<string, unknown>> }).recommendations;
    expect(rec).toMatchObject({
      ceoOneLiner: 'move the ERP before the support ends',
      claim: 'Move our on-prem ERP (Sage 300) to SaaS',
      verdict: 'ready',
      confidence: 'medium',
      preMortem: [{ stakeholder: 'CFO', story: 'The migration overran the year-end close' }],
      readyDespite: { reason: expect.stringContaining('out of scope') },
    });
    const md = await memo(h, id);
    expect(md).not.toMatch(/On price/);
    expect(md).toMatch(/out of scope/);
  });

  it('takes no typed "ready" with objections open unless a reason is typed beside it', async () => {
    const { h, id } = await offlineSession('sounding_board');
    await confirm(h, id, 'sb.claim', { 'recommendations[].claim': 'Move our on-prem ERP (Sage 300) to SaaS' });
    // The reason's field left empty, as the page sends it: a gap, not a refusal.
    await confirm(h, id, 'sb.verdict', {
      'recommendations[].verdict': 'ready',
      'recommendations[].confidence': 'high',
      'recommendations[].readyDespite.reason': '',
    });
    const board = await draftAndAccept(h, id, 'sounding_board');
    const [rec] = (board.data as { recommendations: Array<Record<string, unknown>> }).recommendations;
    expect(rec).toMatchObject({ verdict: null, readyDespite: null });
  });

  it('lists a verdict said in the chat as read, to be confirmed: "Ready once we drop the second phase" shows as drop', async () => {
    const { h, id } = await offlineSession('sounding_board');
    await confirm(h, id, 'sb.claim', { 'recommendations[].claim': 'Move our on-prem ERP (Sage 300) to SaaS' });
    await readSSE(
      await h.json('POST', `/api/sessions/${id}/messages`, { content: 'Verdict: Ready once we drop the second phase' }),
    );
    await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
    const { readings } = (await view(h, id)).proposals.sounding_board!;
    expect(readings.find((r) => r.field === 'recommendations[].verdict')).toMatchObject({
      value: 'drop',
      label: 'Verdict',
      readFrom: expect.stringContaining('Ready once we drop the second phase'),
    });
    expect((await h.json('POST', `/api/sessions/${id}/artifacts/sounding_board/accept`, {})).status).toBe(409);
  });
});
