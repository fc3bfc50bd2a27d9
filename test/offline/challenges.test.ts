import { describe, expect, it } from 'vitest';
import { parseArtifact, type ContextArtifact, type TrendsArtifact } from '../../src/domain/index.js';
import { findChallenge, recordedNumbers, type ChallengeContext } from '../../src/facilitators/offline/challenges.js';
import { Interview } from './driver.js';

const context = (over: Partial<ContextArtifact> = {}): ContextArtifact =>
  parseArtifact('context', {
    summary: 'Northwind Logistics, a regional freight broker.',
    services: [],
    products: [],
    customers: ['NHS work is 35% of revenue'],
    marketPosition: null,
    competitors: [],
    businessModel: null,
    ceoGoals: ['Driver turnover is 68% a year', 'Turnover down to 50% by 2027'],
    constraints: {
      budget: null,
      budgetAmount: null,
      team: '420 employees, 14 of them in IT',
      teamWeeksPerQuarter: null,
      time: null,
      freezes: [],
      regulation: null,
    },
    keyNumbers: [
      { label: 'Headcount', value: '120' },
      { label: 'Gross logo churn', value: '11%' },
    ],
    gaps: [],
    ...over,
  });

const plain: ChallengeContext = { question: null, asksWhy: false, recorded: recordedNumbers(context()) };
const kind = (answer: string, ctx: ChallengeContext = plain) => findChallenge(answer, ctx)?.kind ?? null;

describe('the challenge rules', () => {
  it('read what a recorded number measures from the key numbers and the context, not a target or a limit', () => {
    const heads = recordedNumbers(context()).map((r) => `${r.head}=${r.value}${r.percent ? '%' : ''}`);
    expect(heads).toEqual(['headcount=120', 'churn=11%', 'work=35%', 'turnover=68%', 'employees=420']);
  });

  it('flag absolute words, but not idioms that claim nothing', () => {
    for (const answer of [
      'Autonomous trucks will replace all our drivers by 2028.',
      'Shippers never pay for visibility.',
      'Customers always want a human on the phone.',
      'Everyone is moving to usage pricing.',
      'Nobody will click through forms in a year.',
    ])
      expect(kind(answer), answer).toBe('absolute');
    const all = findChallenge('Autonomous trucks will replace all our drivers by 2028.', plain)!;
    expect(all).toMatchObject({ trigger: 'all', sentence: 'Autonomous trucks will replace all our drivers by 2028' });
    expect(kind('We run 9 terminals all in, and rebooking is manual.')).toBeNull();
    expect(kind('Nobody cleaned the data last year, so the pilot stalled.')).toBeNull();
  });

  it('flag a claim with no source, and let one with a source stand', () => {
    expect(kind('Our customers would pay more for autonomous lanes, they would love it.')).toBe('no_evidence');
    expect(kind('And customers will happily pay 30% more for the AI tier.')).toBe('no_evidence');
    expect(kind('Two customers asked for it in the last RFP, so they would pay more.')).toBeNull();
    expect(kind('We measured it: rebooking takes 40 minutes per load.')).toBeNull();
  });

  it('flag a number that contradicts a recorded one of the same label, from the recorded facts', () => {
    const headcount = findChallenge('We are 124 people now, so a data team is out of reach.', plain)!;
    expect(headcount).toMatchObject({ kind: 'contradiction', trigger: '124', earlier: 'Headcount: 120' });
    expect(findChallenge('Turnover is not our problem. We are at maybe 30%.', plain)).toMatchObject({
      kind: 'contradiction',
      trigger: '30%',
      earlier: 'Driver turnover is 68% a year',
    });
    expect(findChallenge("Churn's not a worry, we basically don't lose customers.", plain)).toMatchObject({
      kind: 'contradiction',
      earlier: 'Gross logo churn: 11%',
    });
    // The recorded figure said again, or a target, contradicts nothing.
    expect(kind('If turnover goes from 68% to 50%, that saves about 200 hires.')).toBeNull();
    expect(kind('Our headcount is 120, as I said.')).toBeNull();
    // Without a recorded number there is nothing to contradict.
    expect(kind('We are 124 people now.', { ...plain, recorded: [] })).toBeNull();
  });

  it('flag an answer that does not answer: one word, filler, or the question said back', () => {
    expect(kind('Yes.')).toBe('non_answer');
    expect(kind('It matters a lot.')).toBe('non_answer');
    const question = 'What would your best engineer say about the routing engine?';
    expect(kind('What my best engineer would say about the routing engine.', { ...plain, question })).toBe(
      'non_answer',
    );
    // "Don't know" is an honest answer, kept as a gap elsewhere; "Everyone says so." is an absolute claim.
    expect(kind("Don't know")).toBeNull();
    expect(kind('Everyone says so.')).toBe('absolute');
  });

  it('flag a request for advice before anything else', () => {
    expect(kind('Just tell me: should we buy a retention platform like WorkHound or build our own?')).toBe(
      'advice_request',
    );
    expect(kind("Should we use OpenAI's API or host an open model? What's your recommendation?")).toBe(
      'advice_request',
    );
  });

  it('ask for the reason when a why-question is answered without one', () => {
    const why = { ...plain, asksWhy: true };
    expect(kind('Cost, mostly.', why)).toBe('no_reason');
    expect(kind('Cost, because fuel is 22 cents of each revenue dollar.', why)).toBeNull();
    expect(kind('Cost, mostly.')).toBeNull();
  });
});

const TRENDS: TrendsArtifact = parseArtifact('trends', {
  trends: [
    {
      id: 't1',
      name: 'Agentic AI in operations',
      lens: 'technology',
      description: 'Agents',
      whyNow: null,
      signals: [],
      timeToImpact: '6-18',
      relevance: null,
      chosen: true,
      origin: 'proposed',
    },
  ],
});

describe('the offline dialogue challenges by rule', () => {
  it('points out a headcount of 124 after the context recorded 120, keeps the trend, and puts it on the ledger', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS, context: context() });
    await interview.answer('Dispatch exceptions first: late pickups, about 400 a week.');
    const reply = await interview.answer('We are 124 people now, so nobody can own this.');
    expect(reply.text).toContain('does not match the context: “Headcount: 120”');
    expect(reply.text).toMatch(/\*\*(Clarify|Probe evidence)\.\*\* Which/);
    expect(reply.finish.trendId).toBe('t1');
    expect(reply.finish.question?.id).toMatch(/^challenge\.contradiction\./);
    const ledger = interview.artifacts.dialogue!;
    expect(ledger.assumptions.at(-1)).toMatchObject({
      text: 'We are 124 people now, so nobody can own this.',
      status: 'challenged',
      note: 'Challenged by rule (it contradicts a number the context recorded); not answered yet.',
    });
    // The answer to the challenge is not challenged again, and is recorded against it.
    const next = await interview.answer('120 was last year; we hired four dispatchers since.');
    expect(next.finish.question?.id ?? '').not.toMatch(/^challenge\./);
    expect(interview.artifacts.dialogue!.assumptions.find((a) => a.text.startsWith('We are 124'))!.note).toBe(
      'Challenged by rule (it contradicts a number the context recorded); your answer: “120 was last year; we hired four dispatchers since”.',
    );
  });

  it('turns a request for advice back without giving any, and learns nothing from it', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answer('Dispatch exceptions first: late pickups, about 400 a week.');
    const reply = await interview.answer('Just tell me: should we buy WorkHound or build our own?');
    expect(reply.text).toContain('The offline facilitator gives no advice (it is not an AI): the choice is yours.');
    expect(reply.text).toMatch(/What would decide it for you|what would you need to see/);
    expect(reply.text).not.toMatch(/you should|I recommend|go with/i);
    expect(JSON.stringify(interview.artifacts.dialogue)).not.toContain('WorkHound');
  });

  it('asks for the reason after a why-question answered without one', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    let reply = await interview.answer('Dispatch exceptions first: late pickups, about 400 a week.');
    const asksWhy = ['clarify.lever', 'assume.timing', 'qq.one-thing'];
    for (let i = 0; i < 20 && !asksWhy.includes(reply.finish.question?.id ?? ''); i++)
      reply = await interview.answer(`We track ${400 + i} exceptions a week in the TMS dashboard.`);
    expect(asksWhy).toContain(reply.finish.question?.id);
    const why = await interview.answer('Cost.');
    expect(why.finish.question?.id).toMatch(/^challenge\.(reason|non-answer)\./);
  });
});
