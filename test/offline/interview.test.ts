import { describe, expect, it } from 'vitest';
import { parseArtifact, type StepId } from '../../src/domain/index.js';
import { loadBanks } from '../../src/facilitators/offline/index.js';
import { templateMatcher } from './questionsIn.js';
import { CONTEXT_ANSWERS, Interview, message, offline, turnInput } from './driver.js';

const banks = loadBanks();
type BankStep = Exclude<StepId, 'dialogue'>;
const BANK_STEPS: BankStep[] = ['context', 'trends', 'impact', 'risks', 'roadmap', 'sounding_board'];
const questionsOf = (step: BankStep) =>
  banks[step].questions as ReadonlyArray<{ id: string; text: string; topic: string }>;

/** Which bank questions an assistant text asks. */
function asked(step: BankStep, text: string): string[] {
  return questionsOf(step)
    .filter((q) => templateMatcher(q.text).test(text.replace(/[ \t]+/g, ' ')))
    .map((q) => q.id);
}

const trends = parseArtifact('trends', {
  trends: [
    {
      id: 't1',
      name: 'Agentic AI in operations',
      lens: 'technology',
      description: 'Agents run exception handling.',
      whyNow: null,
      signals: [],
      timeToImpact: '6-18',
      relevance: null,
      chosen: true,
      origin: 'proposed',
    },
    {
      id: 't2',
      name: 'EU AI Act obligations',
      lens: 'regulation_politics',
      description: 'AI Act duties.',
      whyNow: null,
      signals: [],
      timeToImpact: '6-18',
      relevance: null,
      chosen: true,
      origin: 'proposed',
    },
  ],
});

describe('the offline facilitator', () => {
  it('says what it is: offline, no model', () => {
    expect(offline().identity).toEqual({
      provider: 'offline',
      label: 'Offline facilitator (no AI model)',
      model: null,
    });
  });

  it.each(BANK_STEPS)(
    'opens %s by saying it is the offline facilitator and asking the first question of the bank',
    (step) => {
      const opening = offline().opening(turnInput(step, { trends }, []));
      expect(opening.text).toMatch(/\*\*offline facilitator\*\*/);
      expect(opening.text).toMatch(/not an AI model/);
      expect(asked(step, opening.text)).toEqual([questionsOf(step)[0]!.id]);
      expect(opening.promptVersion).toBe(`offline/${step}@${banks[step].version}`);
      expect(opening.trendId).toBeNull();
    },
  );

  it('opens a quick check by asking for the recommendation, with no earlier steps', () => {
    const opening = offline().opening(turnInput('sounding_board', {}, [], { mode: 'quick_check' }));
    expect(opening.text).toMatch(/^\*\*Quick check · Sounding board\.\*\*/);
    expect(asked('sounding_board', opening.text)).toEqual(['sb.claim']);
  });

  it('answers in one text part, then finishes with no tokens, no calls, the bank version, and what it filed and asked as data', async () => {
    const interview = new Interview('context');
    expect(interview.transcript[0]!.questionId).toBe('context.services');
    const reply = await interview.answer('Freight brokerage\nWarehousing (3 sites)\nLast-mile delivery');
    expect(reply.deltas).toBe(1);
    expect(reply.finish).toEqual({
      type: 'finish',
      usage: { tokensIn: null, tokensOut: null },
      promptVersion: 'offline/context@4',
      promptTokens: null,
      calls: [],
      filed: [{ questionId: 'context.services', declined: false }],
      question: { id: 'context.products', family: null },
    });
  });

  it('knows what it asked from the stored question id, not from the words of its reply', async () => {
    const interview = new Interview('context');
    // The rendered question is rewritten (as a page or an export might): what was asked is still known.
    interview.transcript[0] = { ...interview.transcript[0]!, content: 'Something else entirely.' };
    const reply = await interview.answer('Freight brokerage');
    expect(reply.finish.filed).toEqual([{ questionId: 'context.services', declined: false }]);
    expect(reply.finish.question?.id).toBe('context.products');
  });

  it('skips a question on the explicit action, and does not ask it again', async () => {
    const interview = new Interview('context');
    const skipped = await interview.act('skip');
    expect(skipped.text).toContain('Skipped');
    expect(skipped.finish.question?.id).toBe('context.products');
    expect(interview.state.filed['context.services']).toBe('declined');
    const typed = await interview.answer('skip');
    expect(typed.finish.question?.id).toBe('context.customers');
    expect(interview.transcript.filter((m) => m.intent === 'command').map((m) => m.action)).toEqual(['skip', 'skip']);
  });
});

describe('a scripted context interview', () => {
  const answers = CONTEXT_ANSWERS;

  it('asks the next unasked question after every answer, in bank order, and never repeats one', async () => {
    const interview = new Interview('context');
    const replies = await interview.answerAll(answers);
    const ids = questionsOf('context').map((q) => q.id);
    for (const [i, r] of replies.slice(0, -1).entries()) {
      expect(asked('context', r.text), `after answer ${i + 1}`).toEqual([ids[i + 1]]);
    }
    const everyQuestion = interview.assistantTexts.flatMap((t) => asked('context', t));
    expect(everyQuestion).toEqual(ids);
  });

  it('says so when the bank is exhausted, and points to Draft', async () => {
    const interview = new Interview('context');
    const replies = await interview.answerAll(answers);
    expect(asked('context', replies.at(-1)!.text)).toEqual([]);
    expect(replies.at(-1)!.text).toMatch(/last context question[\s\S]*Press \*\*Draft\*\*/);
    const more = await interview.answer('We also lost a deal to Flexport last month.');
    expect(more.text).toMatch(/Press \*\*Draft\*\*/);
    expect(asked('context', more.text)).toEqual([]);
  });

  it("acknowledges what it read from the answer, in the answer's own words", async () => {
    const interview = new Interview('context');
    const first = await interview.answer(answers[0]!);
    expect(first.text).toContain(
      'Noted under **Services** (3 items): Freight brokerage; Warehousing (3 sites); Last-mile delivery.',
    );
    const skipped = await interview.answer("don't know");
    expect(skipped.text).toContain('Left open: **Products**. It will be listed as a gap.');
  });

  it('quotes a one-sentence answer whole, ending it once', async () => {
    const interview = new Interview('context');
    const first = await interview.answer('We run cross-dock warehouses and a telematics platform for 40 carriers.');
    expect(first.text).toContain(
      'Noted under **Services** (1 item): We run cross-dock warehouses and a telematics platform for 40 carriers.\n',
    );
    expect(first.text).not.toMatch(/carriers\.\.|…\./);
  });

  it('files a pasted brief by its labels, the line that introduces it filed nowhere', async () => {
    const interview = new Interview('context');
    await interview.answer(
      'Here is our briefing doc:\n\nServices: freight brokerage, warehousing, last-mile delivery\nCompetitors: Uber Freight, Coyote, Echo',
    );
    const { artifact } = await interview.draft('context');
    expect(artifact.services).toEqual(['freight brokerage', 'warehousing', 'last-mile delivery']);
    expect(artifact.competitors).toEqual(['Uber Freight', 'Coyote', 'Echo']);
  });

  it('files a line under another question by its topic, and does not ask that question again', async () => {
    const interview = new Interview('context');
    const reply = await interview.answer(
      'Freight brokerage; warehousing\nKey numbers: ARR $8M, 14 engineers, churn 9%',
    );
    expect(reply.text).toContain('Read 3 key numbers: ARR $8M; engineers 14; churn 9%.');
    const replies = await interview.answerAll(answers.slice(1, 6));
    expect(asked('context', replies.at(-1)!.text)).toEqual(['context.goals']);
    expect(interview.assistantTexts.flatMap((t) => asked('context', t))).not.toContain('context.numbers');
  });
});

describe('scripted interviews in the other steps', () => {
  it('walk the trends questions and name the catalogue trends an answer matches', async () => {
    const interview = new Interview('trends');
    const reply = await interview.answer('Agentic AI for dispatch\nAI Act compliance');
    expect(reply.text).toContain(
      'Your own trends go on the list when you press Draft, pre-chosen: Agentic AI for dispatch; AI Act compliance.',
    );
    const matched = await interview.answer(
      'Shippers want live ETAs and API access in every RFP; two asked for CO2 per shipment.',
    );
    expect(matched.text).toMatch(
      /Catalogue trends whose keywords appear in your answer: .*Real-time, self-service customer expectations/,
    );
    expect(matched.text).toMatch(/Customers' demand for emissions data/);
    // Only keywords count, and the ones found are named: "insurance" is an industry word in the catalogue, not a keyword.
    const costs = await interview.answer('Fuel and insurance costs keep rising.');
    expect(costs.text).not.toContain('Post-quantum cryptography');
    expect(costs.text).toMatch(/FinOps and cloud cost pressure\*\* \([^)]*; on “cost”\)/);
    // Words as people say them: "hire", not only "hiring"; "booking", "online".
    const people = await interview.answer('Dentists are hard to hire and keep. Patients expect booking online.');
    expect(people.text).toMatch(/Talent market shifts[^*]*\*\* \([^)]*; on “hire”\)/);
    expect(people.text).toMatch(/Real-time, self-service customer expectations\*\* \([^)]*; on “booking”, “online”\)/);
  });

  it('take a question back for a question, not an answer: it says it cannot answer and asks the open question again', async () => {
    const interview = new Interview('trends');
    const back = await interview.answer('Which trends fit us?');
    expect(back.text).toContain('You asked: “Which trends fit us?” The offline facilitator cannot answer questions');
    expect(back.text).toContain('which two or three fit Northwind Logistics is your call');
    expect(asked('trends', back.text)).toEqual(['trends.named']);
    const named = await interview.answer('Agentic AI for dispatch');
    expect(named.text).toContain('pre-chosen: Agentic AI for dispatch.');
    expect(asked('trends', named.text)).toEqual(['trends.customers']);
    const { artifact } = await interview.draft('trends');
    expect(artifact.trends.filter((t) => t.origin === 'user')).toHaveLength(1);
    expect(JSON.stringify(artifact)).not.toContain('Which trends fit us');

    const context = new Interview('context');
    await context.answerAll(CONTEXT_ANSWERS.slice(0, 3));
    const midway = await context.answer('What do you mean by market position?');
    expect(asked('context', midway.text)).toEqual(['context.market']);
    await context.answer(CONTEXT_ANSWERS[3]!);
    const drafted = await context.draft('context');
    expect(drafted.artifact.marketPosition).toBe(CONTEXT_ANSWERS[3]);
  });

  it('tie a forecast, a risk and an initiative to the chosen trend whose words they use, when they name none', async () => {
    const impact = new Interview('impact', { trends });
    await impact.answer('Dispatch exceptions handled end to end: cost per load down 15% within 18 months');
    const { artifact: forecast } = await impact.draft('impact');
    expect(forecast.forecasts.find((f) => f.scope === 'company')!.trendId).toBe('t1');

    const risks = new Interview('risks', { trends });
    await risks.answer(
      'Regulators class our carrier scoring as high-risk and compliance work stalls the launch; likelihood 3, impact 4',
    );
    const { artifact: register } = await risks.draft('risks');
    expect(register.risks[0]!.trendId).toBe('t2');

    const roadmap = new Interview('roadmap', { trends });
    await roadmap.answer('Automate the dispatch exception workflow: 8 weeks, owner Dana, by 2027-06-30');
    const { artifact: plan } = await roadmap.draft('roadmap');
    expect(plan.entries[0]!.trendIds).toEqual(['t1']);

    // Words of both trends, or of none: no guess.
    const unsure = new Interview('impact', { trends });
    await unsure.answer('Margins get thinner within a year');
    expect((await unsure.draft('impact')).artifact.forecasts.find((f) => f.scope === 'company')!.trendId).toBeNull();
  });

  it('skip the rest of a scope in the impact step when its change was not answered', async () => {
    const interview = new Interview('impact', { trends });
    await interview.answerAll([
      'Agentic AI: dispatch cost per load down 15% within 18 months',
      'Cost per load under $38 by Q3; confidence medium',
      'i1',
    ]);
    const declined = await interview.answer("don't know");
    expect(asked('impact', declined.text)).toEqual(['impact.market.change']);
  });

  it('read each risk line back with its score and owner in the risks step', async () => {
    const interview = new Interview('risks', { trends });
    const reply = await interview.answer(
      'Legacy TMS has no API for the agent — likelihood 4, impact 3, mitigation: integration layer, owner: Priya',
    );
    expect(reply.text).toContain(
      'Read 1 technical threat: “Legacy TMS has no API for the agent” (likelihood 4 × impact 3 = 12, High; owner Priya).',
    );
    expect(asked('risks', reply.text)).toEqual(['risks.security']);
  });

  it('stop asking about further initiatives once the user says "none" in the roadmap step', async () => {
    const interview = new Interview('roadmap');
    await interview.answerAll([
      'Document and pair on the routing engine — 6 weeks; owner: Dana; deadline 2027-03-31',
      'Bus factor from 1 to 3; $20k one-off',
    ]);
    const none = await interview.answer('none');
    expect(asked('roadmap', none.text)).toEqual(['roadmap.adr']);
    const askedSoFar = interview.assistantTexts.flatMap((t) => asked('roadmap', t));
    expect(askedSoFar).toEqual(['roadmap.e1.what', 'roadmap.e1.measure', 'roadmap.e2.what', 'roadmap.adr']);
  });

  it('put the objections of each lens in turn in a quick check', async () => {
    const interview = new Interview('sounding_board', {}, offline(), 'quick_check');
    const replies = await interview.answerAll([
      'Fund an 8-week pilot of an exception-handling agent for $60k.',
      'Late pickups cost us two renewals last year.',
      "don't know",
    ]);
    expect(replies.map((r) => asked('sounding_board', r.text))).toEqual([['sb.ceo'], ['sb.cfo'], ['sb.board']]);
    expect(replies[2]!.text).toContain("Left open: the CFO's objection stays on the record as open.");
  });

  it.each(BANK_STEPS)('in %s, never repeat a question however long the user goes on', async (step) => {
    const interview = new Interview(
      step,
      { trends },
      offline(),
      step === 'sounding_board' ? 'quick_check' : 'quarterly',
    );
    for (let i = 0; i < questionsOf(step).length + 3; i++)
      await interview.answer(`Answer number ${i + 1}, with some detail: 4 weeks, $10k, likelihood 3, impact 3.`);
    const all = interview.assistantTexts.flatMap((t) => asked(step, t));
    expect(new Set(all).size).toBe(all.length);
    expect(interview.replies.at(-1)!.text).toMatch(/Press \*\*Draft\*\*/);
  });
});

describe('honesty', () => {
  const CLAIMS =
    /\b(?:I think|I believe|I know|I understand|I feel|I've read|I have read|I read|I see|as an AI|I'm an AI|great point|I agree)\b/i;

  it.each([...BANK_STEPS, 'dialogue' as const])(
    'in %s, every reply says it comes from the offline question bank and claims no thinking',
    async (step) => {
      const interview = new Interview(step, { trends }, offline());
      await interview.answerAll([
        'We think customers will always want a human on the phone.',
        "don't know",
        'Two accounts asked for it; $60k; 6 weeks; likelihood 4, impact 5.',
      ]);
      expect(interview.openingText).toMatch(/offline facilitator/i);
      for (const r of interview.replies) {
        expect(r.text).toMatch(/Offline facilitator: a fixed question bank, no AI model/);
        expect(r.text).not.toMatch(CLAIMS);
      }
      const draft = await interview.draft();
      expect(draft.note).toMatch(/offline, no AI model/);
      expect(draft.note).not.toMatch(CLAIMS);
    },
  );

  it('writes nothing once the turn is stopped, and refuses to draft', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const transcript = [message({ step: 'context', role: 'user', content: 'Freight brokerage' })];
    const parts = [];
    for await (const p of offline().reply(turnInput('context', {}, transcript), controller.signal)) parts.push(p);
    expect(parts).toEqual([]);
    await expect(offline().draft(turnInput('context', {}, transcript), controller.signal)).rejects.toThrow('stopped');
  });

  it('fills the client name into the questions, with a possessive that suits it', () => {
    const opening = offline().opening(turnInput('context', {}, [])).text;
    expect(opening).toContain("What are Northwind Logistics' core services");
    expect(opening).not.toMatch(/\{\{|Logistics's/);
  });
});
