import { describe, expect, it } from 'vitest';
import {
  assumptionSentences,
  findMoney,
  isNonAnswer,
  isQuestionBack,
  labelled,
  mentionedIds,
  mentionedName,
  parseConfidence,
  parseDate,
  parseDeadline,
  parseDirection,
  parseFinancials,
  parseHorizon,
  parseKeyNumbers,
  parseMagnitude,
  parseMultiple,
  parseScores,
  parseVerdict,
  parseWeeks,
  scoreFrom,
  shortQuote,
  splitLines,
  splitList,
  truncate,
  withoutScores,
} from '../../src/facilitators/offline/parse/index.js';

const NOW = new Date('2027-01-15T10:00:00Z');

describe('lists', () => {
  it('reads bullets, numbered lines and plain lines as items', () => {
    expect(splitList('- Freight brokerage\n- Warehousing (3 sites)\n* Last-mile delivery')).toEqual([
      'Freight brokerage',
      'Warehousing (3 sites)',
      'Last-mile delivery',
    ]);
    expect(splitList('1. Cut churn to 6%\n2) Launch the shipper API')).toEqual([
      'Cut churn to 6%',
      'Launch the shipper API',
    ]);
    expect(splitList('1) brokerage 2) warehousing')).toEqual(['brokerage', 'warehousing']);
  });

  it('reads inline numbers as a list only when they count 1, 2, 3…, not a score before a full stop', () => {
    const line = 'Phishing of dispatchers; likelihood 4, impact 4. Mitigation: hardware keys by March.';
    expect(splitLines(line)).toEqual([line.replace(/\.$/, '')]);
    expect(splitLines('(1) pricing (2) emissions (3) agents')).toEqual(['pricing', 'emissions', 'agents']);
  });

  it('splits one line on semicolons, and on commas when every part is short', () => {
    expect(splitList('TMS portal for shippers; a driver app')).toEqual(['TMS portal for shippers', 'a driver app']);
    expect(splitList('Echo Global, Coyote and Uber Freight')).toEqual(['Echo Global', 'Coyote', 'Uber Freight']);
    expect(splitList('Our services: brokerage, warehousing, last mile.')).toEqual([
      'brokerage',
      'warehousing',
      'last mile',
    ]);
    // A lead-in that says something is not a label to drop.
    expect(splitList('We are a freight broker: we match loads, we run warehouses').join(' ')).toContain(
      'We are a freight broker',
    );
  });

  it('keeps a sentence with commas whole when its parts are not short items', () => {
    const sentence =
      'We win on service because our dispatchers know every shipper by name, which nobody else in the region can match, and we answer in minutes';
    expect(splitList(sentence)).toHaveLength(1);
  });

  it('reads each line of several as a list of its own', () => {
    expect(splitList('Deel, Rippling, Sage\nADP')).toEqual(['Deel', 'Rippling', 'Sage', 'ADP']);
    expect(splitList('Freight brokerage\nWarehousing (3 sites)')).toEqual([
      'Freight brokerage',
      'Warehousing (3 sites)',
    ]);
  });

  it('does not split at the commas inside brackets', () => {
    expect(
      splitList('Automotive tier-1s (Bosch, ZF, Continental) are about 70% of revenue, medical is 20% and growing'),
    ).toEqual(['Automotive tier-1s (Bosch, ZF, Continental) are about 70% of revenue, medical is 20% and growing']);
    expect(splitList('Deel, Rippling (UK), Sage')).toEqual(['Deel', 'Rippling (UK)', 'Sage']);
  });

  it("shortens at a word's end where one is near", () => {
    expect(truncate('the quick brown fox jumps over', 22)).toBe('the quick brown fox…');
    expect(truncate('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('lists prose by sentence, keeping the semicolons and commas inside a sentence', () => {
    expect(splitList('Migration slips. Brokers refuse the new workflow, so adoption stalls; licences double.')).toEqual(
      ['Migration slips', 'Brokers refuse the new workflow, so adoption stalls; licences double'],
    );
  });

  it('does not split a number with a thousands separator', () => {
    expect(splitList('budget $120,000, two hires')).toEqual(['budget $120,000', 'two hires']);
  });

  it('reads "none", "skip" and "don\'t know" as no answer at all', () => {
    for (const t of ['none', 'skip', "Don't know", 'n/a', 'not sure yet', '?', 'TBD.'])
      expect(isNonAnswer(t), t).toBe(true);
    expect(isNonAnswer('None of our competitors has this')).toBe(false);
    expect(splitList('none')).toEqual([]);
    expect(splitLines('skip')).toEqual([]);
  });

  it('tells a question back to the facilitator from an answer that asks or hesitates', () => {
    for (const t of [
      'Which trends fit us?',
      'What do you mean by market position?',
      'Does the MSP count as part of the team?',
      "  isn't that the same as the budget?  ",
    ]) {
      expect(isQuestionBack(t), t).toBe(true);
    }
    for (const t of [
      'AI agents?',
      'We have 6 in IT. Is that enough?',
      'Who knows?',
      '?',
      'What we sell: brokerage and warehousing.',
      'Is it NIS2?\nAnd SOC 2 for two customers.',
    ]) {
      expect(isQuestionBack(t), t).toBe(false);
    }
    expect(isNonAnswer('Who knows?')).toBe(true);
  });
});

describe('numbers', () => {
  /** Key numbers written as [label, value] pairs. */
  const keyNumbers = (...pairs: Array<[string, string]>) => pairs.map(([label, value]) => ({ label, value }));

  it('reads key numbers as label and value, as the client wrote them', () => {
    expect(parseKeyNumbers('ARR $8M, 14 engineers, churn 9%')).toEqual(
      keyNumbers(['ARR', '$8M'], ['engineers', '14'], ['churn', '9%']),
    );
    expect(parseKeyNumbers('cloud spend $45k/month\ngross margin: 38%')).toEqual(
      keyNumbers(['cloud spend', '$45k/month'], ['gross margin', '38%']),
    );
  });

  it('reads key numbers out of prose, naming each by the words that go with it', () => {
    expect(parseKeyNumbers('We have 14 engineers and ARR of $8M; churn is 9%')).toEqual(
      keyNumbers(['engineers', '14'], ['ARR', '$8M'], ['churn', '9%']),
    );
    expect(parseKeyNumbers('Number three in the Midwest, about 4% share; ARR $42M, 14 engineers.')).toEqual(
      keyNumbers(['share', '4%'], ['ARR', '$42M'], ['engineers', '14']),
    );
    // "and" inside a label stays; "label = value" is read as written.
    expect(parseKeyNumbers('Sales and marketing spend $3M and 40 carriers')).toEqual(
      keyNumbers(['Sales and marketing spend', '$3M'], ['carriers', '40']),
    );
    expect(parseKeyNumbers('Top 5 accounts = 41% of revenue')).toEqual(
      keyNumbers(['Top 5 accounts', '41% of revenue']),
    );
    expect(parseKeyNumbers('410 employees of which 6 in IT')).toEqual(keyNumbers(['employees', '410'], ['IT', '6']));
    expect(parseKeyNumbers('Freight brokerage for mid-size shippers')).toEqual([]);
  });

  it('reads money with currency or magnitude, and leaves bare counts alone', () => {
    expect(findMoney('$120k').map((m) => m.amount)).toEqual([120_000]);
    expect(findMoney('€1.2M and 120,000 USD').map((m) => m.amount)).toEqual([1_200_000, 120_000]);
    expect(findMoney('14 engineers, 9% churn, 8x multiple, 6 months')).toEqual([]);
  });

  it('sorts money into a one-off cost and a yearly EBITDA effect by the words around it', () => {
    expect(parseFinancials('$60k build cost; saves $120k a year in overtime')).toEqual({
      oneOffCost: 60_000,
      annualEbitdaEffect: 120_000,
      revenue: [],
    });
    expect(parseFinancials('One-off cost $20k, EBITDA +$50k')).toEqual({
      oneOffCost: 20_000,
      annualEbitdaEffect: 50_000,
      revenue: [],
    });
    // A running cost lowers EBITDA.
    expect(parseFinancials('adds $30k of extra running cost per year')).toEqual({
      oneOffCost: null,
      annualEbitdaEffect: -30_000,
      revenue: [],
    });
    expect(parseFinancials('costs $60k a year in licences')).toMatchObject({
      oneOffCost: null,
      annualEbitdaEffect: -60_000,
    });
    // "a year" a few words after the amount is still yearly.
    expect(parseFinancials('saves about $90k in overtime a year')).toMatchObject({
      oneOffCost: null,
      annualEbitdaEffect: 90_000,
    });
  });

  it('keeps revenue apart: it is not EBITDA', () => {
    expect(parseFinancials('Each point of no-show is worth about $900k of revenue a year across the group.')).toEqual({
      oneOffCost: null,
      annualEbitdaEffect: null,
      revenue: [900_000],
    });
    expect(parseFinancials('grows revenue by $2M and EBITDA by $400k')).toEqual({
      oneOffCost: null,
      annualEbitdaEffect: 400_000,
      revenue: [2_000_000],
    });
  });

  it('reads a yearly amount that says neither saving nor cost as the question asked it', () => {
    expect(parseFinancials('6 weeks, $60k a year, owner the CFO', 'cost')).toMatchObject({
      annualEbitdaEffect: -60_000,
    });
    expect(parseFinancials('No-shows down 3 points, $60k a year', 'value')).toMatchObject({
      annualEbitdaEffect: 60_000,
    });
  });

  it('reads the EBITDA multiple', () => {
    expect(parseMultiple('EBITDA multiple 8x')).toBe(8);
    expect(parseMultiple('assume a multiple of 6.5')).toBe(6.5);
    expect(parseMultiple('at 10× EBITDA')).toBe(10);
    expect(parseMultiple('no multiple')).toBeNull();
  });

  it('reads effort in weeks, never story points', () => {
    expect(parseWeeks('6 weeks')).toBe(6);
    expect(parseWeeks('8-10 weeks')).toBe(10);
    expect(parseWeeks('a 12-week project')).toBe(12);
    expect(parseWeeks('3 months')).toBe(13);
    expect(parseWeeks('10 days')).toBe(2);
    expect(parseWeeks('2 sprints')).toBe(4);
    expect(parseWeeks('13 story points')).toBeNull();
  });

  it('reads likelihood and impact as 1–5 scores, labelled, abbreviated, as fifths or in words', () => {
    expect(parseScores('likelihood 4, impact: high')).toEqual({ likelihood: 4, impact: 4 });
    expect(parseScores('L3 I5')).toEqual({ likelihood: 3, impact: 5 });
    expect(parseScores('Prompt injection via timesheets (3/4)')).toEqual({ likelihood: 3, impact: 4 });
    expect(parseScores('Inference costs outgrow revenue — 3x2')).toEqual({ likelihood: 3, impact: 2 });
    for (const none of ['Support 24/7', 'Due 1/2/2027', 'Takes 3x longer'])
      expect(parseScores(none), none).toEqual({ likelihood: null, impact: null });
    expect(parseScores('4/5 likely, 5/5 bad')).toEqual({ likelihood: 4, impact: 5 });
    expect(parseScores('likelihood: almost certain, impact: company-ending')).toEqual({ likelihood: 5, impact: 5 });
    expect(parseScores('impact on margins is unclear')).toEqual({ likelihood: null, impact: null });
    expect(scoreFrom('medium')).toBe(3);
    // As people say it: the level before its label, or a likelihood without one.
    expect(parseScores('SOC 2 audit could slip. Medium likelihood, high impact.')).toEqual({
      likelihood: 3,
      impact: 4,
    });
    expect(parseScores('A fuel price spike eats margin: likely, moderate impact.')).toEqual({
      likelihood: 4,
      impact: 3,
    });
    expect(parseScores('Not likely this year, but severe consequences')).toEqual({ likelihood: 2, impact: 5 });
    expect(parseScores('Only Mike knows the routing engine.')).toEqual({ likelihood: null, impact: null });
  });
});

describe('a threat without its scores', () => {
  it('drops the clauses that only give a score, and keeps what could happen', () => {
    expect(
      withoutScores('Dentrix integration breaks on vendor updates; the booking app goes down. Likely, high impact.'),
    ).toBe('Dentrix integration breaks on vendor updates; the booking app goes down.');
    expect(
      withoutScores('Ransomware through the MSP: medium likelihood, severe impact. We have no offline backups.'),
    ).toBe('Ransomware through the MSP. We have no offline backups.');
    expect(withoutScores('Budget overrun, likelihood high and impact moderate')).toBe('Budget overrun');
    expect(withoutScores('Key engineer leaves, 4/5')).toBe('Key engineer leaves');
    // A score word inside what happens is part of the threat.
    expect(withoutScores('Heartland launches a better app first, high impact on revenue')).toBe(
      'Heartland launches a better app first, high impact on revenue',
    );
    expect(withoutScores('Customers likely leave for Aspen')).toBe('Customers likely leave for Aspen');
  });
});

describe('time', () => {
  it('reads horizons from the words people use', () => {
    expect(parseHorizon('within 6 months', NOW)).toBe('0-6');
    expect(parseHorizon('next year', NOW)).toBe('6-18');
    expect(parseHorizon('in 2-3 years', NOW)).toBe('18-36');
    expect(parseHorizon('6-18 months', NOW)).toBe('6-18');
    expect(parseHorizon('already happening', NOW)).toBe('0-6');
    expect(parseHorizon('by 2029', NOW)).toBe('18-36');
    expect(parseHorizon('no idea', NOW)).toBeNull();
  });

  it('reads review dates and deadlines', () => {
    expect(parseDate('2027-03-31', NOW)).toBe('2027-03-31');
    expect(parseDate('in 90 days', NOW)).toBe('2027-04-15');
    expect(parseDate('at the next Radar Review', NOW)).toBe('2027-04-15');
    expect(parseDate('end of June', NOW)).toBe('2027-06-30');
    expect(parseDate('we may revisit it', NOW)).toBeNull();
    expect(parseDeadline('by end of Q2', NOW)).toBe('2027-Q2');
    expect(parseDeadline('Q3 2027', NOW)).toBe('2027-Q3');
    expect(parseDeadline('deadline 2027-09-30', NOW)).toBe('2027-09-30');
  });
});

describe('words', () => {
  it('reads direction, magnitude and confidence', () => {
    expect(parseDirection('dispatch cost per load down 15%')).toBe('down');
    expect(parseDirection('compliance cost up')).toBe('up');
    expect(parseDirection('revenue up but margin down')).toBe('mixed');
    expect(parseDirection('new-logo win rate down 5 points')).toBe('down');
    expect(parseDirection('standalone RFPs halve by 2029')).toBe('down');
    expect(parseDirection('API calls double each year')).toBe('up');
    expect(parseMagnitude('standalone RFPs halve by 2029')).toBe('high');
    expect(parseMagnitude('a major shift')).toBe('high');
    expect(parseMagnitude('down 15%')).toBe('medium');
    expect(parseMagnitude('magnitude: low')).toBe('low');
    expect(parseConfidence('Confidence medium.')).toBe('medium');
    expect(parseConfidence('honestly a guess')).toBe('low');
    expect(parseConfidence('very confident')).toBe('high');
  });

  it('reads a verdict, negations first', () => {
    expect(parseVerdict('ready')).toBe('ready');
    expect(parseVerdict('not ready yet, revise')).toBe('revise');
    expect(parseVerdict('drop it')).toBe('drop');
    expect(parseVerdict('we will see')).toBeNull();
  });

  it('finds labelled parts of a line and what comes before them', () => {
    const { rest, values } = labelled('Only Mike knows the routing engine — owner: Dana, trigger: Mike on leave', {
      owner: ['owner'],
      trigger: ['trigger'],
    });
    expect(rest).toBe('Only Mike knows the routing engine');
    expect(values).toEqual({ owner: 'Dana', trigger: 'Mike on leave' });
  });

  it('quotes the most telling sentence of an answer, shortened', () => {
    expect(
      shortQuote(
        'Hard to say. Our shippers will never accept an agent rebooking a load without a human call first, frankly.',
      ),
    ).toBe('Our shippers will never accept an agent rebooking a load without a human call…');
    expect(shortQuote('About 400 exceptions a week.')).toBe('About 400 exceptions a week');
  });

  it('hears assumptions in sentences that take something for granted', () => {
    expect(assumptionSentences('We have 6 dispatchers. Customers always want a human on the phone.')).toEqual([
      'Customers always want a human on the phone.',
    ]);
    expect(assumptionSentences('We have 6 dispatchers.')).toEqual([]);
    // A universal word before a past-tense verb reports what happened; before the present or future it generalises.
    expect(assumptionSentences('We have lane history for 5 years, but nobody cleaned it.')).toEqual([]);
    expect(assumptionSentences('We never missed a peak deadline.')).toEqual([]);
    expect(assumptionSentences('Nobody will pay for emissions data.')).toEqual(['Nobody will pay for emissions data.']);
  });

  it('finds ids and trend names a text mentions', () => {
    expect(mentionedIds('answers r1 and R3, not r9', ['r1', 'r2', 'r3'])).toEqual(['r1', 'r3']);
    const trends = [
      { id: 't1', name: 'Agentic AI in operations' },
      { id: 't2', name: 'EU AI Act obligations' },
    ];
    expect(mentionedName('AI agents in dispatch', trends)).toBe('t1');
    expect(mentionedName('the AI Act', trends)).toBe('t2');
    expect(mentionedName('cloud costs', trends)).toBeNull();
  });
});
