import { describe, expect, it } from 'vitest';
import {
  chosenTrends,
  enterpriseValueEffect,
  objectionText,
  openObjections,
  parseArtifact,
  rankRisks,
  roadmapGaps,
  scopesMissing,
  type ArtifactSet,
} from '../../src/domain/index.js';
import { CONTEXT_ANSWERS, Interview } from './driver.js';

const trend = (id: string, name: string, lens: 'technology' | 'regulation_politics', chosen = true) => ({
  id,
  name,
  lens,
  description: name,
  whyNow: null,
  signals: [],
  timeToImpact: '6-18' as const,
  relevance: null,
  chosen,
  origin: 'proposed' as const,
});

const UPSTREAM: ArtifactSet = {
  trends: parseArtifact('trends', {
    trends: [
      trend('t1', 'Agentic AI in operations', 'technology'),
      trend('t2', 'EU AI Act obligations', 'regulation_politics'),
    ],
  }),
  dialogue: parseArtifact('dialogue', {
    trendSummaries: [],
    insights: [
      {
        id: 'i1',
        trendId: 't1',
        text: 'Probe evidence: two of the top 5 accounts asked for automated rebooking',
        fromMessageId: 3,
      },
      {
        id: 'i2',
        trendId: 't2',
        text: 'Implications: carrier scoring may be high-risk under the AI Act',
        fromMessageId: 5,
      },
    ],
    assumptions: [],
  }),
  risks: parseArtifact('risks', {
    risks: [
      {
        id: 'r1',
        threat: 'Only Mike knows the routing engine',
        category: 'organisational',
        trendId: null,
        likelihood: 4,
        impact: 5,
        mitigation: null,
        owner: 'Dana',
        trigger: null,
        reviewDate: null,
      },
      {
        id: 'r2',
        threat: 'Legacy TMS has no API for the agent',
        category: 'technical',
        trendId: 't1',
        likelihood: 4,
        impact: 3,
        mitigation: null,
        owner: 'Priya',
        trigger: null,
        reviewDate: null,
      },
    ],
  }),
};

describe('drafting the company context', () => {
  it("builds it from the answers: lists as items, key numbers as written, constraints in the client's words, no gaps", async () => {
    const interview = new Interview('context');
    await interview.answerAll(CONTEXT_ANSWERS);
    const { artifact, note } = await interview.draft('context');
    expect(artifact.services).toEqual(['Freight brokerage', 'Warehousing (3 sites)', 'Last-mile delivery']);
    expect(artifact.products).toEqual(['Shipper portal (our own TMS)', 'driver app']);
    expect(artifact.competitors).toEqual(['Uber Freight', 'Coyote', 'Echo Global']);
    expect(artifact.ceoGoals).toEqual(['Cut churn from 9% to 6% by Q4', 'Launch a shipper API by June']);
    expect(artifact.keyNumbers).toEqual([
      { label: 'ARR', value: '$8M' },
      { label: 'engineers', value: '14' },
      { label: 'churn', value: '9%' },
      { label: 'cloud spend', value: '$45k/month' },
    ]);
    expect(artifact.constraints.team).toContain('Mike is the only one who knows the routing engine');
    // "$400k for the year" is one amount; a head count does not say how much of the team's time the roadmap gets.
    expect(artifact.constraints.budgetAmount).toBe(400_000);
    expect(artifact.constraints.teamWeeksPerQuarter).toBeNull();
    expect(artifact.constraints.regulation).toContain('NIS2');
    expect(artifact.gaps).toEqual([]);
    expect(artifact.summary).toBe(
      "Northwind Logistics (Third-party logistics and freight brokerage). Services: Freight brokerage; Warehousing (3 sites); Last-mile delivery. Customers: Mid-market manufacturers in the Midwest; top 5 accounts = 41% of revenue. Key numbers: ARR $8M, engineers 14, churn 9%, cloud spend $45k/month. The CEO's goals: Cut churn from 9% to 6% by Q4; Launch a shipper API by June.",
    );
    expect(note).toMatch(
      /^Built the company context from your answers \(offline, no AI model\): 12 topics answered, 4 key numbers read\. Gaps: 0\./,
    );
  });

  it('leaves the budget amount a gap when the answer names several amounts', async () => {
    const interview = new Interview('context');
    await interview.answerAll([...CONTEXT_ANSWERS.slice(0, 8), '$400k, maybe $600k if the board agrees']);
    const { artifact } = await interview.draft('context');
    expect(artifact.constraints.budget).toBe('$400k, maybe $600k if the board agrees');
    expect(artifact.constraints.budgetAmount).toBeNull();
  });

  it('lists what was not said as gaps, and invents nothing', async () => {
    const interview = new Interview('context');
    await interview.answerAll(['Freight brokerage', "don't know", 'skip']);
    const { artifact, note } = await interview.draft('context');
    expect(artifact.services).toEqual(['Freight brokerage']);
    expect(artifact).toMatchObject({
      products: [],
      customers: [],
      competitors: [],
      ceoGoals: [],
      keyNumbers: [],
      marketPosition: null,
      businessModel: null,
    });
    expect(artifact.constraints).toEqual({
      budget: null,
      budgetAmount: null,
      team: null,
      teamWeeksPerQuarter: null,
      time: null,
      regulation: null,
    });
    expect(artifact.gaps).toHaveLength(11);
    expect(artifact.gaps).toContain(
      'Key numbers: revenue or ARR, growth, churn, margin, headcount, engineers, cloud spend',
    );
    expect(note).toContain('Gaps: 11');
  });

  it("labels the summary's lines instead of weaving answers into one sentence, so clauses and full stops read right", async () => {
    const interview = new Interview('context');
    await interview.answerAll([
      'We match loads to carriers and handle dispatch.',
      'skip',
      'Mostly mid-market manufacturers in the Midwest. The top five accounts are about 40% of revenue.',
    ]);
    const { artifact } = await interview.draft('context');
    // An answer of several sentences is a list of sentences: the field holds each, the summary keeps them sentences.
    expect(artifact.summary).toBe(
      'Northwind Logistics (Third-party logistics and freight brokerage). Services: We match loads to carriers and handle dispatch. Customers: Mostly mid-market manufacturers in the Midwest. The top five accounts are about 40% of revenue.',
    );
    expect(artifact.customers).toEqual([
      'Mostly mid-market manufacturers in the Midwest',
      'The top five accounts are about 40% of revenue',
    ]);
  });

  it('lists an answer told in sentences by sentence, not at the semicolons inside them', async () => {
    const interview = new Interview('context');
    await interview.answer(
      'We run 42 dental practices across Ohio and Pennsylvania. Patients pay for general dentistry, hygiene and implants; insurers pay most of it.',
    );
    const { artifact } = await interview.draft('context');
    expect(artifact.services).toEqual([
      'We run 42 dental practices across Ohio and Pennsylvania',
      'Patients pay for general dentistry, hygiene and implants; insurers pay most of it',
    ]);
    expect(artifact.summary).toContain(
      'Services: We run 42 dental practices across Ohio and Pennsylvania. Patients pay for general dentistry, hygiene and implants; insurers pay most of it.',
    );
  });

  it('says so when nothing has been answered at all', async () => {
    const { artifact, note } = await new Interview('context').draft('context');
    expect(artifact.summary).toBe(
      'Northwind Logistics (Third-party logistics and freight brokerage): services not described yet.',
    );
    expect(artifact.gaps).toHaveLength(12);
    expect(note).toMatch(/^No context answers yet/);
  });
});

describe('drafting the trend candidates', () => {
  const context = () => new Interview('context').draft('context');

  it('lists every catalogue trend an answer was acknowledged for, whatever the industry ranks higher', async () => {
    const interview = new Interview('trends', { context: (await context()).artifact });
    const replies = await interview.answerAll([
      'none',
      'Two shippers want the CO2 footprint of every shipment.',
      'Our firmware in the trailer sensors falls under the Cyber Resilience Act.',
      'Long-lived signing certificates worry our security team.',
    ]);
    const acks = replies
      .map((r) => r.text.split('\n\n')[0]!)
      .filter((a) => a.startsWith('Catalogue trends whose keywords appear'));
    const acknowledged = acks.flatMap((a) => [...a.matchAll(/\*\*([^*]+)\*\* \(/g)].map((m) => m[1]!));
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    const { artifact } = await interview.draft('trends');
    const listed = artifact.trends.map((t) => t.name);
    for (const name of acknowledged) expect(listed).toContain(name);
  });

  it('quotes the sentence that says most about a proposed trend: a full keyword outweighs "ai" alone, and the summary is never quoted', async () => {
    const interview = new Interview('trends', { context: (await context()).artifact });
    await interview.answerAll([
      'none',
      'Shippers ask about AI in every demo.',
      'Cloud hosting on AWS is our second-largest cost.',
    ]);
    const { artifact } = await interview.draft('trends');
    const finops = artifact.trends.find((t) => t.name === 'FinOps and cloud cost pressure')!;
    expect(finops.relevance).toMatch(
      /^From your answers: “Cloud hosting on AWS is our second-largest cost.” \(on “cloud”, “aws”, “hosting”\)\./,
    );
    for (const t of artifact.trends) expect(t.relevance ?? '').not.toContain('Key numbers:');
  });

  it("ranks the catalogue by the client's industry and context, adds the user's own trends, and chooses only those", async () => {
    const ctx = (
      await (async () => {
        const i = new Interview('context');
        await i.answerAll(CONTEXT_ANSWERS);
        return i.draft('context');
      })()
    ).artifact;
    const interview = new Interview('trends', { context: ctx });
    await interview.answerAll([
      'Agentic AI for dispatch\nAI Act compliance\nDriver shortage in the Midwest',
      'Shippers want live ETAs and API access; two RFPs asked for CO2 per shipment.',
      'Cloud bill is $45k a month and growing faster than revenue.',
    ]);
    const { artifact, note } = await interview.draft('trends');
    const [first, second, third, ...proposed] = artifact.trends;
    expect(first).toMatchObject({
      id: 't1',
      name: 'Agentic AI in operations',
      origin: 'user',
      chosen: true,
      relevance: 'Raised in the session: “Agentic AI for dispatch”.',
    });
    expect(first!.signals.length).toBeGreaterThan(1);
    expect(second).toMatchObject({ name: 'EU AI Act obligations', origin: 'user', chosen: true });
    expect(third).toMatchObject({
      name: 'Driver shortage in the Midwest',
      description: 'Driver shortage in the Midwest',
      origin: 'user',
      chosen: true,
      whyNow: null,
      signals: [],
    });
    expect(proposed.every((t) => t.origin === 'proposed' && !t.chosen)).toBe(true);
    expect(proposed[0]!.name).toBe('AI planning, pricing and visibility in logistics');
    // Why it is on the list, in the user's own words where they used the trend's keywords.
    expect(proposed[0]!.relevance).toBe(
      'From your answers: “Shippers want live ETAs and API access; two RFPs asked for CO2 per shipment.” (on “eta”). Also matches the industry or context on “logistics”, “freight”, “brokerage”, “transport”, “delivery”.',
    );
    expect(new Set(artifact.trends.map((t) => t.lens)).size).toBe(6);
    expect(artifact.trends.length).toBeLessThanOrEqual(12);
    expect(chosenTrends(artifact)).toHaveLength(3);
    expect(note).toMatch(/3 named by you, \d+ from the curated catalogue/);
    expect(note).toContain('3 chosen. Choose two or three to explore.');
  });

  it('chooses none of its own proposals when the user named none, and pre-chooses at most three of theirs', async () => {
    const quiet = new Interview('trends', { context: (await context()).artifact });
    await quiet.answer('none');
    expect(chosenTrends((await quiet.draft('trends')).artifact)).toEqual([]);

    const keen = new Interview('trends');
    await keen.answer('Agentic AI\nFinOps\nQuantum-safe crypto\nData sovereignty\nDrones');
    const { artifact } = await keen.draft('trends');
    expect(artifact.trends.filter((t) => t.origin === 'user')).toHaveLength(5);
    expect(chosenTrends(artifact)).toHaveLength(3);
  });

  it('keeps the ids and choices of trends already listed when drafted again', async () => {
    const interview = new Interview('trends');
    await interview.answer('none');
    const first = (await interview.draft('trends')).artifact;
    const picked = { trends: first.trends.map((t, i) => ({ ...t, chosen: i === 2 || i === 4 })) };
    const again = new Interview('trends', { trends: parseArtifact('trends', picked) });
    await again.answer('Agentic AI for dispatch');
    const second = (await again.draft('trends')).artifact;
    for (const before of picked.trends.filter((t) => t.chosen)) {
      expect(second.trends.find((t) => t.name === before.name)).toMatchObject({ id: before.id, chosen: true });
    }
    expect(new Set(second.trends.map((t) => t.id)).size).toBe(second.trends.length);
  });
});

describe('drafting the impact forecast', () => {
  it('takes the confidence said with the change when the signpost answer gives none, and keeps that sentence out of the change', async () => {
    const interview = new Interview('impact', UPSTREAM);
    const read = await interview.answer('Dispatch cost per load down 15% within 18 months. Fairly confident.');
    expect(read.text).toContain('medium confidence');
    const signpost = await interview.answer('Cost per load under $38 by Q3');
    expect(signpost.text).toContain('Noted as the signpost; confidence medium, as you said with the change.');
    const { artifact } = await interview.draft('impact');
    expect(artifact.forecasts[0]).toMatchObject({
      scope: 'company',
      change: 'Dispatch cost per load down 15% within 18 months.',
      confidence: 'medium',
      signpost: 'Cost per load under $38 by Q3',
    });
  });

  it('reads labelled forecasts joined by semicolons on one line as one forecast each, and "win rate down" as down', async () => {
    const interview = new Interview('impact', UPSTREAM);
    await interview.answer(
      't1: dispatch cost per load down 25% in 12-18 months; t2: new-logo win rate down 5 points within a year',
    );
    const { artifact } = await interview.draft('impact');
    expect(
      artifact.forecasts.filter((f) => f.scope === 'company').map((f) => [f.trendId, f.direction, f.horizon]),
    ).toEqual([
      ['t1', 'down', '6-18'],
      ['t2', 'down', '6-18'],
    ]);
  });

  it('sizes "from 4.2% to 2.5%" by the change (40%, high), and keeps "; fairly confident" out of a shared signpost', async () => {
    const interview = new Interview('impact', UPSTREAM);
    await interview.answerAll([
      't1: dispatch cost per load up 10% next year\nt2: scrap down from 4.2% to 2.5% within 18 months',
      'Monthly cost per load, and the scrap rate in the weekly report; fairly confident',
    ]);
    const { artifact } = await interview.draft('impact');
    const company = artifact.forecasts.filter((f) => f.scope === 'company');
    expect(company.map((f) => [f.magnitude, f.confidence])).toEqual([
      ['medium', 'medium'],
      ['high', 'medium'],
    ]);
    expect(company[0]!.signpost).toBe('Monthly cost per load, and the scrap rate in the weekly report');
  });

  it('keeps a short sentence that only gives the horizon out of the change, and "The signpost is" out of the signpost', async () => {
    const interview = new Interview('impact', UPSTREAM);
    await interview.answerAll([
      'Dispatch cost per load down 15%. Within 18 months.',
      'The signpost is cost per load under $38. By Q3.',
    ]);
    const { artifact } = await interview.draft('impact');
    expect(artifact.forecasts[0]).toMatchObject({
      change: 'Dispatch cost per load down 15%.',
      horizon: '6-18',
      signpost: 'Cost per load under $38. By Q3',
    });
  });

  it('reads direction, size, horizon, trend, signpost, confidence and cited insights from the answers', async () => {
    const interview = new Interview('impact', UPSTREAM);
    await interview.answerAll([
      'Agentic AI: dispatch cost per load down 15%, within 18 months\nAI Act: compliance cost up, small, next year',
      'Cost per load under $38 by Q3; AI questionnaire in a renewal\nconfidence medium',
      'i1 and the pilot numbers from the exception desk',
      'Digital brokers take the spot market: brokerage margins down, high, in 2-3 years',
      'Top-3 digital broker price index; fairly confident',
      'i2',
      'Shippers expect API quotes and ETAs as standard, up, within 6 months',
      'RFPs asking for APIs; very confident',
      'Two RFPs this quarter',
    ]);
    const { artifact, note } = await interview.draft('impact');
    expect(
      artifact.forecasts.map((f) => [f.scope, f.trendId, f.direction, f.magnitude, f.horizon, f.confidence]),
    ).toEqual([
      ['company', 't1', 'down', 'medium', '6-18', 'medium'],
      ['company', 't2', 'up', 'low', '6-18', 'medium'],
      ['industry', null, 'down', 'high', '18-36', 'medium'],
      ['market', null, 'up', null, '0-6', 'high'],
    ]);
    expect(artifact.forecasts[0]!.signpost).toBe('Cost per load under $38 by Q3; AI questionnaire in a renewal');
    expect(artifact.forecasts[0]!.insightIds).toEqual(['i1']);
    expect(artifact.forecasts[2]!.insightIds).toEqual(['i2']);
    // Nobody sized the market's change: a gap, not "medium".
    expect(artifact.forecasts[3]!.reasoning).toBe('Two RFPs this quarter');
    expect(scopesMissing(artifact)).toEqual([]);
    expect(note).toMatch(
      /^Built the impact forecast from your answers \(offline, no AI model\): 4 forecasts \(company 2, industry 1, market 1\)\./,
    );
  });

  it('records what was not said as null, and a scope nobody answered as missing, never as mixed / medium / 6–18 months', async () => {
    const interview = new Interview('impact', UPSTREAM);
    await interview.answerAll(['Things will change a lot for us']);
    const { artifact, note } = await interview.draft('impact');
    expect(artifact.forecasts).toHaveLength(1);
    expect(artifact.forecasts[0]).toMatchObject({
      scope: 'company',
      change: 'Things will change a lot for us',
      direction: null,
      magnitude: null,
      horizon: null,
      confidence: null,
      reasoning: null,
      signpost: null,
    });
    expect(scopesMissing(artifact)).toEqual(['industry', 'market']);
    expect(note).toContain('Not discussed yet: industry and market (no forecast).');
    expect(note).not.toMatch(/placeholder/i);
  });

  it('drafts an empty forecast when nothing was answered', async () => {
    const { artifact, note } = await new Interview('impact', UPSTREAM).draft('impact');
    expect(artifact.forecasts).toEqual([]);
    expect(scopesMissing(artifact)).toEqual(['company', 'industry', 'market']);
    expect(note).toMatch(/^No impact answers yet, so the forecast is empty/);
  });
});

describe('drafting the risk register', () => {
  it('reads scores and owners said in passing, and keeps them out of the threat', async () => {
    const interview = new Interview('risks', UPSTREAM);
    await interview.answerAll([
      'The MES cannot feed a vision system. Quite likely, and it would hurt badly. Our MES admin Jens should own it.',
      'Ransomware on the shop-floor network: the machines run Windows 7. Unlikely but catastrophic.',
      'Jens retires in 18 months and nobody else knows the MES (very likely, major impact)',
      'none',
      'none',
      'Energy hedging goes wrong and we lock in high prices — possible, moderate impact, CFO owns it',
    ]);
    const { artifact } = await interview.draft('risks');
    expect(artifact.risks.map((r) => [r.threat, r.likelihood, r.impact, r.owner])).toEqual([
      ['The MES cannot feed a vision system. It would hurt badly.', 4, null, 'Jens'],
      ['Ransomware on the shop-floor network: the machines run Windows 7.', 2, 5, null],
      ['Jens retires in 18 months and nobody else knows the MES', 4, 4, null],
      ['Energy hedging goes wrong and we lock in high prices', 3, 3, 'CFO'],
    ]);
  });

  it('reads scores written as a pair, likelihood first ("(3/4)", "3x2"), and keeps them out of the threat', async () => {
    const interview = new Interview('risks', UPSTREAM);
    await interview.answerAll([
      'Tax engine: only Olu knows it (L4 I5), owner: CTO',
      'Prompt injection via uploaded timesheets (3/4), owner: CISO',
    ]);
    const { artifact } = await interview.draft('risks');
    expect(artifact.risks.map((r) => [r.threat, r.likelihood, r.impact])).toEqual([
      ['Tax engine: only Olu knows it', 4, 5],
      ['Prompt injection via uploaded timesheets', 3, 4],
    ]);
  });

  const answers = [
    'Legacy TMS has no API for the agent — likelihood 4, impact 3, mitigation: wrap it with an integration layer, owner: Priya, trigger: pilot slips past March',
    'Agent with write access to bookings gets prompt-injected via carrier emails; 3/5, 5/5; owner: Sam',
    'Only Mike knows the routing engine - likelihood 4, impact: high, mitigation: pair and document by June, owner: Dana, trigger: Mike on leave more than a week',
    'none',
    'Carrier scoring classed as high-risk under the AI Act',
    'skip',
    'at the next Radar Review',
  ];

  it('reads one risk per threat line with its scores, owner, trigger and review date; severity is left to the domain', async () => {
    const interview = new Interview('risks', UPSTREAM);
    await interview.answerAll(answers);
    const { artifact, note } = await interview.draft('risks');
    expect(artifact.risks.map((r) => [r.id, r.category, r.likelihood, r.impact, r.owner])).toEqual([
      ['r1', 'technical', 4, 3, 'Priya'],
      ['r2', 'security', 3, 5, 'Sam'],
      ['r3', 'organisational', 4, 4, 'Dana'],
      ['r4', 'regulatory', null, null, null],
    ]);
    expect(artifact.risks[0]).toMatchObject({
      threat: 'Legacy TMS has no API for the agent',
      mitigation: 'wrap it with an integration layer',
      trigger: 'pilot slips past March',
    });
    expect(artifact.risks[1]!.threat).toBe(
      'Agent with write access to bookings gets prompt-injected via carrier emails',
    );
    expect(artifact.risks[3]).toMatchObject({
      trendId: 't2',
      threat: 'Carrier scoring classed as high-risk under the AI Act',
    });
    expect(artifact.risks.every((r) => r.reviewDate === '2027-04-15')).toBe(true);
    expect(artifact.risks.every((r) => !('severity' in r))).toBe(true);
    expect(rankRisks(artifact).map((r) => `${r.id} ${r.severity}`)).toEqual([
      'r3 Critical',
      'r2 Critical',
      'r1 High',
      'r4 null',
    ]);
    expect(note).toBe(
      'Built the risk register from your answers (offline, no AI model): 4 risks, 2 Critical, 1 High (severity from likelihood × impact). Missing owners: 1. Without an early-warning trigger: 2. Not scored yet (likelihood or impact not given; shown as not scored): 1. Review date: 2027-04-15.',
    );
  });

  it('leaves the register empty when no threat was named, rather than filling it with placeholder risks', async () => {
    const interview = new Interview('risks', UPSTREAM);
    await interview.answerAll(['none', 'none']);
    const { artifact, note } = await interview.draft('risks');
    expect(artifact.risks).toEqual([]);
    expect(note).toMatch(/^No threats named yet, so the register is empty/);
  });
});

describe('drafting the roadmap', () => {
  /** The roadmap the offline facilitator drafts from these answers, in bank order. */
  const drafted = async (answers: readonly string[]) => {
    const interview = new Interview('roadmap', UPSTREAM);
    await interview.answerAll(answers);
    return (await interview.draft('roadmap')).artifact;
  };

  it('reads money as it is said: a cost in the initiative, revenue kept apart from EBITDA, a bare yearly amount as a running cost', async () => {
    const artifact = await drafted([
      'Launch online booking with automated reminders in 5 pilot practices. Raj owns it, 10 weeks, live by end of April 2027. Costs about $150k including the integration work.',
      'No-show rate in the pilot practices from 11% to 8% by September. Each point of no-show is worth about $900k of revenue a year across the group.',
      'Hire a fractional security lead and set up offline backups: 6 weeks, $60k a year, owner the CFO, done by March 31.',
      'Restore tests passed per quarter from 0 to 1',
    ]);
    const [e1, e2] = artifact.entries;
    expect(e1).toMatchObject({ deadline: '2027-04-30', owner: 'Raj', effortWeeks: 10 });
    expect(e1!.rationale).toBeNull();
    expect(e1!.financial).toMatchObject({ oneOffCost: 150_000, annualEbitdaEffect: null });
    expect(e1!.financial!.assumption).toContain(
      'Said as revenue, which is not EBITDA: “Each point of no-show is worth about $900k of revenue a year across the group”',
    );
    expect(e2).toMatchObject({ deadline: '2027-03-31', owner: 'the CFO', effortWeeks: 6 });
    expect(e2!.financial).toMatchObject({ oneOffCost: null, annualEbitdaEffect: -60_000 });
  });

  it('reads an initiative told tersely: an owner by role, "end of February", "Bus factor 1 to 3", "Integrations live: 0 now, 2 by June", ARR as revenue', async () => {
    const artifact = await drafted([
      'Tax engine knowledge transfer, 4 weeks, CTO, end of February',
      'Bus factor 1 to 3',
      'Embedded payroll API v2 — 12 weeks, Tom (VP Eng), 30 June',
      'Integrations live: 0 now, 2 by June; protects ~£1M ARR a year of new logos',
    ]);
    const [e1, e2] = artifact.entries;
    expect(e1).toMatchObject({
      title: 'Tax engine knowledge transfer',
      owner: 'CTO',
      deadline: '2027-02-28',
      effortWeeks: 4,
    });
    expect(e1!.rationale).toBeNull();
    expect(e1!.metric).toEqual({ name: 'Bus factor', baseline: '1', current: null, target: '3' });
    expect(e2).toMatchObject({ title: 'Embedded payroll API v2', owner: 'Tom (VP Eng)', deadline: '2027-06-30' });
    expect(e2!.metric).toEqual({ name: 'Integrations live', baseline: '0', current: null, target: '2 by June' });
    expect(e2!.financial).toMatchObject({ annualEbitdaEffect: null });
    expect(e2!.financial!.assumption).toContain('Said as revenue, which is not EBITDA');
  });

  it('keeps the title to the first sentence, reads "done before the audit in September" as the deadline, and a metric\'s own values are not money', async () => {
    const artifact = await drafted([
      'Pilot AI vision inspection on the two titanium lines. Jens and an integrator, about 12 weeks, done before the audit in September. Budget €180k.',
      'Scrap on titanium from 6% to 3%, which saves about €250k a year',
      'Energy metering on the 40 biggest machines — 6 weeks, CFO, by end of March, €35k',
      'Energy cost per machine hour, baseline €14.20, target €12.50',
    ]);
    const [e1, e2] = artifact.entries;
    expect(e1).toMatchObject({
      title: 'Pilot AI vision inspection on the two titanium lines',
      owner: 'Jens and an integrator',
      deadline: '2027-09-30',
      effortWeeks: 12,
    });
    expect(e1!.financial).toMatchObject({ oneOffCost: 180_000, annualEbitdaEffect: 250_000 });
    expect(e2!.metric).toMatchObject({ name: 'Energy cost per machine hour', baseline: '€14.20', target: '€12.50' });
    expect(e2!.financial).toMatchObject({ oneOffCost: 35_000, annualEbitdaEffect: null });
  });

  it('files a decision record that names no initiative under the entry whose title shares its words', async () => {
    const artifact = await drafted([
      'Pilot AI vision inspection on the titanium lines, 12 weeks, owner Jens, by 2027-09-30',
      'Scrap from 6% to 3%',
      'MES replacement study, 4 weeks, owner CFO, by 2027-06-30',
      'Study finished: yes or no',
      'none',
      'We will buy a SaaS MES rather than extend the 2009 system.',
    ]);
    expect(artifact.entries.map((e) => e.adr?.decision ?? null)).toEqual([
      null,
      'We will buy a SaaS MES rather than extend the 2009 system.',
    ]);
  });

  it('reads a decision record told in a sentence: what was decided, the road not taken, and no borrowed placeholder as its context', async () => {
    const artifact = await drafted([
      'Launch online booking in 5 pilot practices, 10 weeks, owner Raj, by 2027-04-30',
      'No-show rate from 11% to 8%',
      'none',
      "We use the vendor's APIs rather than screen-scraping; decided by Raj in January.",
    ]);
    expect(artifact.entries[0]!.adr).toEqual({
      context: null,
      decision: "We use the vendor's APIs rather than screen-scraping; decided by Raj in January.",
      alternatives: ['screen-scraping'],
      consequences: null,
    });
  });

  it('builds startable entries: weeks, owner, deadline, metric with baseline and target, money with the multiple as an assumption', async () => {
    const interview = new Interview('roadmap', UPSTREAM);
    await interview.answerAll([
      'Document and pair on the routing engine — answers r1; 6 weeks; owner: Dana; deadline 2027-03-31',
      'Bus factor from 1 to 3. Cost $20k one-off, mostly engineering time we capitalise as CapEx.',
      'Pilot an exception-handling agent for late pickups (t1, r2), 8-10 weeks, Priya leads it, by end of Q2',
      'Exception handling time from 25 minutes to 5 minutes per case. $60k build cost; saves $120k a year in dispatcher overtime; EBITDA multiple 8x.',
      'none',
      'Initiative 2. Context: the TMS has no API. Decision: build a thin integration layer instead of replacing the TMS. Alternatives: replace the TMS; RPA on the UI. Consequences: we own the layer and its upkeep.',
    ]);
    const { artifact, note } = await interview.draft('roadmap');
    const [e1, e2] = artifact.entries;
    expect(artifact.entries).toHaveLength(2);
    expect(e1).toMatchObject({
      id: 'e1',
      title: 'Document and pair on the routing engine',
      rationale: 'Answers r1.',
      horizon: '0-6',
      effortWeeks: 6,
      owner: 'Dana',
      deadline: '2027-03-31',
      metric: { name: 'Bus factor', baseline: '1', target: '3' },
      riskIds: ['r1'],
      adr: null,
    });
    expect(e1!.financial).toMatchObject({ oneOffCost: 20_000, annualEbitdaEffect: null, evMultiple: null });
    expect(e1!.financial.capexOpex).toContain('capitalise as CapEx');
    expect(roadmapGaps(e1!)).toEqual([]);
    expect(e2).toMatchObject({
      title: 'Pilot an exception-handling agent for late pickups',
      effortWeeks: 10,
      owner: 'Priya',
      deadline: '2027-Q2',
      horizon: '0-6',
      trendIds: ['t1'],
      riskIds: ['r2'],
      metric: { name: 'Exception handling time', baseline: '25 minutes', target: '5 minutes per case' },
    });
    expect(e2!.financial).toMatchObject({ oneOffCost: 60_000, annualEbitdaEffect: 120_000, evMultiple: 8 });
    expect(e2!.financial.assumption).toBe(
      'Enterprise value uses an EBITDA multiple of 8× — an assumption to challenge, not a valuation.',
    );
    expect(enterpriseValueEffect(e2!.financial)).toBe(960_000);
    expect(e2!.adr).toEqual({
      context: 'the TMS has no API',
      decision: 'build a thin integration layer instead of replacing the TMS',
      alternatives: ['replace the TMS', 'RPA on the UI'],
      consequences: 'we own the layer and its upkeep',
    });
    expect(note).toBe(
      'Built the roadmap from your answers (offline, no AI model): 2 entries, 2 ready to start on Monday. Enterprise-value effect: e2 USD\u00a0960,000 (USD\u00a0120,000 EBITDA × 8, the multiple is your assumption).',
    );
  });

  it('reads an initiative told in sentences: the first is the title; effort, owner, deadline, ids and money from the rest', async () => {
    const interview = new Interview('roadmap', UPSTREAM);
    const first = await interview.answer(
      'Build a spot-lane pricing model. About 3 months of work for two engineers, Sam owns it, done by end of Q3. Costs around $380k and should add $1.2M EBITDA a year. It answers r2.',
    );
    expect(first.text).toContain(
      'Read “Build a spot-lane pricing model”: effort 13 weeks, owner Sam, deadline 2027-Q3, answers r2, one-off cost USD\u00a0380,000, EBITDA effect USD\u00a01,200,000 a year.',
    );
    await interview.answerAll([
      'Brokerage gross margin from 14% to 17%',
      'Document the WMS layer and pair a second engineer with Dana: 6 weeks, $45k, owner Marta, by June 30.',
      'Engineers able to deploy the WMS integration, 1 now, 3 by June',
    ]);
    const { artifact } = await interview.draft('roadmap');
    const [e1, e2] = artifact.entries;
    expect(e1).toMatchObject({
      title: 'Build a spot-lane pricing model',
      rationale: 'Answers r2.',
      effortWeeks: 13,
      owner: 'Sam',
      deadline: '2027-Q3',
      riskIds: ['r2'],
    });
    expect(e1!.financial).toMatchObject({ oneOffCost: 380_000, annualEbitdaEffect: 1_200_000 });
    expect(e2).toMatchObject({
      title: 'Document the WMS layer and pair a second engineer with Dana',
      effortWeeks: 6,
      owner: 'Marta',
      deadline: '2027-06-30',
    });
    expect(e2!.financial.oneOffCost).toBe(45_000);
    expect(e2!.metric).toEqual({
      name: 'Engineers able to deploy the WMS integration',
      baseline: '1',
      current: null,
      target: '3 by June',
    });
  });

  it('reports what keeps a thin entry from starting on Monday instead of filling it in', async () => {
    const interview = new Interview('roadmap', UPSTREAM);
    await interview.answerAll(['Pilot an agent for exceptions', 'skip', 'none']);
    const { artifact, note } = await interview.draft('roadmap');
    const [e1] = artifact.entries;
    expect(artifact.entries).toHaveLength(1);
    // No effort was given: none is recorded (a placeholder figure would read as an estimate in the memo's totals).
    expect(e1).toMatchObject({
      title: 'Pilot an agent for exceptions',
      owner: null,
      deadline: null,
      metric: null,
      effortWeeks: null,
    });
    expect(e1!.financial).toEqual({
      oneOffCost: null,
      annualEbitdaEffect: null,
      evMultiple: null,
      capexOpex: null,
      assumption: null,
    });
    expect(e1!.horizon).toBeNull();
    expect(roadmapGaps(e1!)).toEqual([
      'horizon',
      'effort estimate',
      'owner',
      'deadline',
      'success metric',
      'financial framing',
    ]);
    expect(note).toBe(
      'Built the roadmap from your answers (offline, no AI model): 1 entry, 0 ready to start on Monday. Gaps: e1 horizon, effort estimate, owner, deadline, success metric, financial framing.',
    );
  });

  it("reads where an entry stands when the user says it (done, in progress, dropped), and the metric's latest value", async () => {
    const interview = new Interview('roadmap', UPSTREAM);
    const replies = await interview.answerAll([
      'Cloud cost right-sizing — done; 4 weeks; owner: Platform lead; deadline 2027-03-31',
      'Cloud spend from $2.1M/yr to $1.7M/yr, now $1.75M/yr. Cost $20k; saves $350k a year.',
      'Document and pair on the routing engine (in progress), answers r1, 6 weeks, Dana leads it, by 2027-06-30',
      'Engineers able to deploy from 1 to 3, currently 2. Cost $45k.',
      'Nearshore cross-dock study; status: dropped',
      'none',
      'none',
    ]);
    expect(replies[0]!.text).toContain('Read “Cloud cost right-sizing”: done, effort 4 weeks');
    expect(replies[1]!.text).toContain('Read metric “Cloud spend”: $2.1M/yr → $1.7M/yr, now $1.75M/yr');
    const { artifact, note } = await interview.draft('roadmap');
    expect(artifact.entries.map((e) => [e.id, e.title, e.status])).toEqual([
      ['e1', 'Cloud cost right-sizing', 'done'],
      ['e2', 'Document and pair on the routing engine', 'in_progress'],
      ['e3', 'Nearshore cross-dock study', 'dropped'],
    ]);
    expect(artifact.entries[0]!.metric).toEqual({
      name: 'Cloud spend',
      baseline: '$2.1M/yr',
      current: '$1.75M/yr',
      target: '$1.7M/yr',
    });
    expect(artifact.entries[1]!.metric).toEqual({
      name: 'Engineers able to deploy',
      baseline: '1',
      current: '2',
      target: '3',
    });
    expect(artifact.entries[1]).toMatchObject({
      owner: 'Dana',
      deadline: '2027-06-30',
      effortWeeks: 6,
      riskIds: ['r1'],
    });
    expect(roadmapGaps(artifact.entries[2]!)).toEqual([]); // dropped: nothing left to start
    expect(note).toContain('1 ready to start on Monday. Where they stand: in progress: e2; done: e1; dropped: e3.');
    expect(note).not.toContain('Effort not estimated');
  });

  it('keeps "done by" a deadline and a verb in a title a title: only a status said on its own counts', async () => {
    const interview = new Interview('roadmap', UPSTREAM);
    await interview.answerAll([
      'Drop the legacy CRM integration; 3 weeks; owner: Dana; done by 2027-03-31',
      'none',
      'none',
    ]);
    const { artifact } = await interview.draft('roadmap');
    expect(artifact.entries[0]).toMatchObject({
      title: 'Drop the legacy CRM integration',
      status: 'planned',
      deadline: '2027-03-31',
    });
  });

  it('keeps the status and latest value of an entry carried over from the roadmap before, unless the user says it moved', async () => {
    const previous = parseArtifact('roadmap', {
      entries: [
        {
          id: 'e1',
          title: 'Document and pair on the routing engine',
          status: 'in_progress',
          rationale: 'Answers r1.',
          horizon: '0-6',
          effortWeeks: 6,
          owner: 'Dana',
          deadline: '2027-03-31',
          metric: { name: 'Bus factor', baseline: '1', current: '2', target: '3' },
          financial: {
            oneOffCost: 20000,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: [],
          riskIds: ['r1'],
          adr: null,
        },
        {
          id: 'e2',
          title: 'Pilot an exception-handling agent',
          status: 'in_progress',
          rationale: 'Answers t1.',
          horizon: '0-6',
          effortWeeks: 8,
          owner: 'Priya',
          deadline: null,
          metric: null,
          financial: {
            oneOffCost: null,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: ['t1'],
          riskIds: [],
          adr: null,
        },
      ],
    });
    const interview = new Interview('roadmap', { ...UPSTREAM, roadmap: previous });
    await interview.answerAll([
      'Document and pair on the routing engine — answers r1; 6 weeks; owner: Dana; deadline 2027-03-31',
      'Bus factor from 1 to 3. Cost $20k.',
      'Pilot an exception-handling agent: dropped',
      'none',
      'Onboard a second dispatcher team; 4 weeks; owner: Priya',
      'none',
      'none',
    ]);
    const { artifact } = await interview.draft('roadmap');
    expect(artifact.entries.map((e) => [e.title, e.status])).toEqual([
      ['Document and pair on the routing engine', 'in_progress'],
      ['Pilot an exception-handling agent', 'dropped'],
      ['Onboard a second dispatcher team', 'planned'],
    ]);
    expect(artifact.entries[0]!.metric).toEqual({ name: 'Bus factor', baseline: '1', current: '2', target: '3' });
  });

  it('leaves the roadmap empty when no initiative was named, rather than holding a "not defined yet" entry', async () => {
    const { artifact, note } = await new Interview('roadmap', UPSTREAM).draft('roadmap');
    expect(artifact.entries).toEqual([]);
    expect(note).toMatch(/^No initiative named yet, so the roadmap is empty/);
  });
});

describe('drafting the sounding board', () => {
  const QUICK_CHECK = [
    'Fund an 8-week pilot of an exception-handling agent for $60k, owned by Priya, to cut handling time from 25 to 5 minutes.',
    'Because late pickups cost us two renewals last year; we stop the manual QA rota to make room.',
    "don't know",
    'Risk is contained: pilot on one lane, a human approves every rebooking. Priya is accountable.',
    'Yes: we have the integration engineer and the TMS sandbox.',
    'Shippers refuse automated rebooking\nThe TMS integration takes 3x longer\nPriya leaves',
    'Cost per exception today\nHow many exceptions are rebookable',
    'Buy the TMS vendor add-on for $40k a year; ours is cheaper over 3 years and we keep the data.',
    'revise, medium confidence',
    'Spend $60k on an 8-week pilot to halve exception costs.\nSaves $120k a year in overtime\nPays back in 6 months',
  ];

  it("records a quick check from the user's answers alone: objections per lens, open ones, pre-mortem, verdict and one-liner", async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll(QUICK_CHECK);
    const { artifact, note } = await interview.draft('sounding_board');
    const [rec] = artifact.recommendations;
    expect(rec).toMatchObject({
      id: 'c1',
      claim: QUICK_CHECK[0],
      roadmapEntryIds: [],
      verdict: 'revise',
      confidence: 'medium',
      preMortem: ['Shippers refuse automated rebooking', 'The TMS integration takes 3x longer', 'Priya leaves'].map(
        (story) => ({ stakeholder: null, story, cause: null, mitigation: null }),
      ),
      flipConditions: [],
      evidenceGaps: ['Cost per exception today', 'How many exceptions are rebookable'],
      strongestAlternative: QUICK_CHECK[7],
      ceoOneLiner: 'Spend $60k on an 8-week pilot to halve exception costs',
      supportingPoints: ['Saves $120k a year in overtime', 'Pays back in 6 months'],
    });
    expect(rec!.objections.map((o) => [o.lens, o.response !== null])).toEqual([
      ['ceo', true],
      ['cfo', false],
      ['board', true],
      ['engineer', true],
    ]);
    // The CFO's objection in the recommendation's own words: it names no roadmap entry, so no figure is on record.
    expect(openObjections(rec!).map(objectionText)).toEqual([
      `CFO: What does “${QUICK_CHECK[0]!.replace(/\.$/, '')}” cost, when does it pay back, and what does it do to EBITDA?`,
    ]);
    // An answer closes an objection as a reason, naming the message that gave it.
    expect(rec!.objections.map((o) => [o.status, o.closedByMessageId !== null])).toEqual([
      ['answered_with_reason', true],
      ['open', false],
      ['answered_with_reason', true],
      ['answered_with_reason', true],
    ]);
    expect(note).toBe(
      'Pressure-tested the recommendation from your answers (offline, no AI model): verdict revise, confidence medium. Objections answered: 3 of 4; open: CFO. Pre-mortem reasons: 3. Evidence gaps: 2.',
    );
  });

  it("takes an objection said in the user's own words, leaves it open when it has no answer, and ties the claim to the entry it names", async () => {
    const planning = new Interview('roadmap', UPSTREAM);
    await planning.answerAll([
      'Pilot an exception-handling agent for late pickups, 8 weeks, owner Priya, by 2027-06-30',
      'Handling time from 25 to 5 minutes',
      'none',
    ]);
    const roadmap = (await planning.draft('roadmap')).artifact;
    const interview = new Interview('sounding_board', { ...UPSTREAM, roadmap });
    const replies = await interview.answerAll([
      'Fund the exception-handling agent pilot for $60k.',
      '"Our shippers want a human." Answer: 2 of the top 5 accounts asked for automated rebooking.',
      'where is the EBITDA? Answer: not yet answered — we need the cost per exception.',
      'The board will ask why a competitor is two years ahead of us.',
      'The engineer would ask who maintains the TMS integration. Priya does, with the vendor.',
      'none',
      'none',
      'none',
      'revise',
      'one line: a $60k pilot to halve exception handling time, decided in June.',
    ]);
    expect(replies[0]!.text).toContain('Recommendation noted (roadmap e1).');
    expect(replies[3]!.text).toContain(
      "Noted: the board's objection in your words, “The board will ask why a competitor is two years ahead of us.”, with no answer yet",
    );
    const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
    expect(rec!.roadmapEntryIds).toEqual(['e1']);
    expect(
      rec!.objections.map(({ lens, objection, response, status }) => ({ lens, objection, response, status })),
    ).toEqual([
      {
        lens: 'ceo',
        objection: 'Our shippers want a human.',
        response: '2 of the top 5 accounts asked for automated rebooking',
        status: 'answered_with_reason',
      },
      {
        lens: 'cfo',
        objection: 'Where is the EBITDA? (open: we need the cost per exception)',
        response: null,
        status: 'open',
      },
      {
        lens: 'board',
        objection: 'The board will ask why a competitor is two years ahead of us.',
        response: null,
        status: 'open',
      },
      {
        lens: 'engineer',
        objection: 'The engineer would ask who maintains the TMS integration.',
        response: 'Priya does, with the vendor.',
        status: 'answered_with_reason',
      },
    ]);
    expect(openObjections(rec!).map(objectionText)).toEqual([
      'CFO: Where is the EBITDA? (open: we need the cost per exception)',
      'Board: The board will ask why a competitor is two years ahead of us.',
    ]);
    expect(rec!.ceoOneLiner).toBe('A $60k pilot to halve exception handling time, decided in June');
  });

  it('reads "Why X? Because …" as the objection and its answer, "revise, medium" as verdict and confidence, and points with a capital', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    const replies = await interview.answerAll([
      QUICK_CHECK[0]!,
      // Asked of the facilitator, not voiced for the CEO: a question back, and the CEO's question stands.
      'What do you mean by that?',
      'why agents before the Netherlands launch? Because exceptions lose money today.',
      // Voiced for the CFO: the objection itself, still open.
      'what does the pilot cost?',
      'none',
      'none',
      'none',
      'none',
      'none',
      'revise, medium',
      'Pilot an exceptions agent for £120k.\n- payback in 5 months',
    ]);
    const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
    expect(rec!.objections.slice(0, 2)).toMatchObject([
      {
        lens: 'ceo',
        objection: 'Why agents before the Netherlands launch?',
        response: 'Because exceptions lose money today.',
        status: 'answered_with_reason',
      },
      { lens: 'cfo', objection: 'What does the pilot cost?', response: null, status: 'open', closedByMessageId: null },
    ]);
    expect(rec).toMatchObject({ verdict: 'revise', confidence: 'medium', supportingPoints: ['Payback in 5 months'] });
    expect(replies[1]!.text).toContain('The offline facilitator cannot answer questions');
    expect(replies[3]!.text).toContain(
      "Noted: the CFO's objection in your words, “What does the pilot cost?”, with no answer yet",
    );
  });

  it('reads "The owners will say: … I would answer that …" as the objection and the answer without its lead-in', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll([
      QUICK_CHECK[0]!,
      'The owners will say: we are a machining company, not an AI company. I would answer that this is quality control, which we already sell.',
    ]);
    const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
    expect(rec!.objections[0]).toMatchObject({
      lens: 'ceo',
      objection: 'The owners will say: we are a machining company, not an AI company.',
      response: 'This is quality control, which we already sell.',
    });
  });

  it('files an answer that starts with a label of its own ("One line: …", "Reasons: …") under the question the label names, without the label', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll([
      QUICK_CHECK[0]!,
      'Reasons: shippers refuse automated rebooking\nThe TMS integration takes 3x longer',
      'One line: Spend $60k on an 8-week pilot to halve exception costs.',
    ]);
    const { artifact } = await interview.draft('sounding_board');
    expect(artifact.recommendations[0]).toMatchObject({
      preMortem: [{ story: 'Shippers refuse automated rebooking' }, { story: 'The TMS integration takes 3x longer' }],
      ceoOneLiner: 'Spend $60k on an 8-week pilot to halve exception costs',
    });
    // The CEO's objection (asked second) got no answer: both labelled answers went where their labels say.
    expect(artifact.recommendations[0]!.objections.find((o) => o.lens === 'ceo')!.response).toBeNull();
  });

  it('takes a verdict the user labelled in any answer when the verdict question was not reached', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll([
      QUICK_CHECK[0]!,
      'Payback is under 4 months on overtime alone. Verdict: ready because the pilot is reversible, high confidence.',
    ]);
    const { artifact, note } = await interview.draft('sounding_board');
    // Three objections are still open, so "ready" counts only because a reason came with it.
    expect(artifact.recommendations[0]).toMatchObject({ verdict: 'ready', confidence: 'high' });
    expect(note).toContain('verdict ready, confidence high.');
  });

  it('ties the recommendation to the roadmap entries it names', async () => {
    const roadmap = parseArtifact('roadmap', {
      entries: [
        {
          id: 'e1',
          title: 'Document and pair on the routing engine',
          status: 'planned',
          rationale: 'Answers r1.',
          horizon: '0-6',
          effortWeeks: 6,
          owner: 'Dana',
          deadline: '2027-03-31',
          metric: null,
          financial: {
            oneOffCost: 20000,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: [],
          riskIds: ['r1'],
          adr: null,
        },
      ],
    });
    const interview = new Interview('sounding_board', { ...UPSTREAM, roadmap });
    expect(interview.openingText).toContain('The roadmap: e1 Document and pair on the routing engine.');
    await interview.answer('e1');
    const { artifact } = await interview.draft('sounding_board');
    expect(artifact.recommendations[0]).toMatchObject({
      claim: 'e1: Document and pair on the routing engine',
      roadmapEntryIds: ['e1'],
    });
  });

  it('holds no recommendation when nothing was answered, rather than one made of placeholders', async () => {
    const { artifact, note } = await new Interview('sounding_board', {}, undefined, 'quick_check').draft(
      'sounding_board',
    );
    expect(artifact.recommendations).toEqual([]);
    expect(note).toMatch(/^No recommendation stated or tested yet/);
  });

  it('records a verdict, a confidence and a recommendation nobody gave as null, and leaves the objections open', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll(['skip', 'skip', 'skip', 'skip', 'skip', 'The vendor goes bust']);
    const { artifact, note } = await interview.draft('sounding_board');
    const [rec] = artifact.recommendations;
    expect(rec).toMatchObject({ claim: null, verdict: null, confidence: null, ceoOneLiner: null });
    expect(openObjections(rec!)).toHaveLength(4);
    expect(note).toContain('verdict no verdict yet, confidence not stated (ready, revise or drop: yours to decide)');
    expect(note).toContain('The recommendation itself is not stated yet.');
  });
});
