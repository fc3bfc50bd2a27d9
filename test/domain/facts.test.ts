import { describe, expect, it } from 'vitest';
import {
  type RoadmapEntry,
  factLines,
  openObjections,
  paybackOf,
  roadmapFacts,
  settleObjections,
  valueAtMultiples,
} from '../../src/domain/index.js';
import { minimal } from '../support/minimal.js';

function entry(
  id: string,
  over: Partial<RoadmapEntry> = {},
  money: Partial<RoadmapEntry['financial']> = {},
): RoadmapEntry {
  const base = minimal.roadmap().entries[0]!;
  return { ...base, id, title: `Entry ${id}`, ...over, financial: { ...base.financial, ...money } };
}

const money = (oneOffCost: number | null, annualEbitdaEffect: number | null, evMultiple: number | null = null) => ({
  oneOffCost,
  annualEbitdaEffect,
  evMultiple,
});

const capacity = (teamWeeksPerQuarter: number | null, budgetAmount: number | null = null) => ({
  teamWeeksPerQuarter,
  budgetAmount,
});

describe('effort against capacity', () => {
  it('sums the weeks of open entries and sets the near term against two quarters of capacity', () => {
    const facts = roadmapFacts(
      [
        entry('e1', { effortWeeks: 20, horizon: '0-6' }),
        entry('e2', { effortWeeks: 16, horizon: '0-6' }),
        entry('e3', { effortWeeks: 30, horizon: '6-18' }),
        entry('e4', { effortWeeks: 50, status: 'done' }),
      ],
      capacity(13),
    );
    expect(facts.effort.weeks).toEqual({ total: 66, counted: ['e1', 'e2', 'e3'], missing: [] });
    expect(facts.effort.quartersOfCapacity).toBe(5.1);
    expect(facts.effort.nearTerm).toEqual({
      weeks: { total: 36, counted: ['e1', 'e2'], missing: [] },
      capacityWeeks: 26,
      overBy: 10,
    });
    expect(facts.closed).toEqual(['e4']);
  });

  it('names the entries nobody estimated and makes the sum a floor, never a guess', () => {
    const facts = roadmapFacts(
      [entry('e1', { effortWeeks: 8 }), entry('e2', { effortWeeks: null }), entry('e3', { horizon: null })],
      capacity(null),
    );
    expect(facts.effort.weeks).toEqual({ total: 12, counted: ['e1', 'e3'], missing: ['e2'] });
    expect(facts.effort.quartersOfCapacity).toBeNull();
    expect(facts.effort.nearTerm.overBy).toBeNull();
    expect(facts.effort.unscheduled).toEqual(['e3']);
    expect(factLines(facts)[0]).toBe(
      'Effort: at least 12 weeks over 3 open entries; not estimated: e2. Team capacity (engineer-weeks per quarter): not stated, so effort cannot be checked against it.',
    );
  });

  it('has no capacity at all when there is no context', () => {
    expect(roadmapFacts([entry('e1')], null).effort.capacityWeeksPerQuarter).toBeNull();
  });
});

describe('one-off cost against the budget', () => {
  it('says how much is left, or by how much the roadmap is over, whatever the unpriced entries cost', () => {
    const entries = [entry('e1', {}, money(300_000, null)), entry('e2', {}, money(null, null))];
    const under = roadmapFacts(entries, capacity(null, 1_000_000));
    expect(under.budget).toEqual({
      cost: { total: 300_000, counted: ['e1'], missing: ['e2'] },
      budget: 1_000_000,
      headroom: 700_000,
    });
    expect(factLines(under)[1]).toBe(
      'One-off cost: at least 300,000 against a budget of 1,000,000: 700,000 left before the unpriced entries; no cost stated: e2.',
    );
    const over = roadmapFacts(entries, capacity(null, 250_000));
    expect(over.budget.headroom).toBe(-50_000);
    expect(factLines(over)[1]).toContain('over budget by 50,000');
  });

  it('leaves the budget a gap when the context gives it only in words', () => {
    const facts = roadmapFacts([entry('e1', {}, money(20_000, null))], capacity(null, null));
    expect(facts.budget.headroom).toBeNull();
    expect(factLines(facts)[1]).toBe(
      'One-off cost: 20,000. Budget: not stated as an amount, so cost cannot be checked against it.',
    );
  });
});

describe('payback', () => {
  it('is the one-off cost over the annual EBITDA effect, in years', () => {
    expect(paybackOf({ ...money(450_000, 300_000), capexOpex: null, assumption: null })).toEqual({
      kind: 'years',
      years: 1.5,
    });
    expect(paybackOf({ ...money(0, 10), capexOpex: null, assumption: null })).toEqual({ kind: 'years', years: 0 });
  });

  it('never pays back in EBITDA when the effect is zero or negative', () => {
    expect(paybackOf({ ...money(100, 0), capexOpex: null, assumption: null })).toEqual({ kind: 'never' });
    expect(paybackOf({ ...money(100, -50), capexOpex: null, assumption: null })).toEqual({ kind: 'never' });
  });

  it('names what is missing instead of computing from a guess', () => {
    expect(paybackOf({ ...money(null, null), capexOpex: null, assumption: null })).toEqual({
      kind: 'gap',
      missing: ['one-off cost', 'EBITDA effect'],
    });
  });
});

describe('enterprise value', () => {
  it('is computed at the stated multiple and at two below and above it', () => {
    expect(valueAtMultiples({ ...money(null, 400_000, 8), capexOpex: null, assumption: null })).toEqual({
      kind: 'value',
      multiple: 8,
      low: 2_400_000,
      stated: 3_200_000,
      high: 4_000_000,
    });
  });

  it('has no lower value when the multiple minus 2 is not a multiple', () => {
    const v = valueAtMultiples({ ...money(null, 100, 1.5), capexOpex: null, assumption: null });
    expect(v).toMatchObject({ low: null, stated: 150, high: 350 });
  });

  it('is a gap without a stated multiple: the multiple is an assumption and is never assumed for the client', () => {
    expect(valueAtMultiples({ ...money(null, 400_000, null), capexOpex: null, assumption: null })).toEqual({
      kind: 'gap',
      missing: ['EBITDA multiple'],
    });
  });

  it('sums over the entries that can be valued, each at its own multiple, and names the others', () => {
    const facts = roadmapFacts(
      [entry('e1', {}, money(null, 100, 8)), entry('e2', {}, money(null, 50, 10)), entry('e3', {}, money(null, 70))],
      null,
    );
    expect(facts.enterpriseValue).toEqual({
      low: 600 + 400,
      stated: 800 + 500,
      high: 1000 + 600,
      counted: ['e1', 'e2'],
      missing: ['e3'],
    });
    expect(facts.ebitda).toEqual({ total: 220, counted: ['e1', 'e2', 'e3'], missing: [] });
  });
});

describe('cash against EBITDA', () => {
  it('shows year one both ways: expensed cost lowers EBITDA, capitalised cost leaves it and still leaves the bank', () => {
    const facts = roadmapFacts(
      [entry('e1', {}, { ...money(500_000, 200_000, null), capexOpex: 'capitalise the build team' })],
      null,
    );
    expect(facts.entries[0]!.cash).toEqual({
      cashOutYear1: 500_000,
      ebitdaPerYear: 200_000,
      year1EbitdaIfExpensed: -300_000,
      year1EbitdaIfCapitalised: 200_000,
      treatment: 'capitalise the build team',
    });
    expect(factLines(facts).at(-1)).toBe(
      'e1 Entry e1: payback 2.5 years; year 1: 500,000 cash out, EBITDA −300,000 if expensed or +200,000 if capitalised (stated: capitalise the build team); EV not computable (no EBITDA multiple).',
    );
  });

  it('adds up year one over the entries that state both, and names the others', () => {
    const facts = roadmapFacts(
      [
        entry('e1', {}, money(500_000, 200_000)),
        entry('e2', {}, money(100_000, 150_000)),
        entry('e3', {}, money(9, null)),
      ],
      null,
    );
    expect(facts.cash).toEqual({
      cashOut: 600_000,
      ebitdaIfExpensed: -250_000,
      ebitdaIfCapitalised: 350_000,
      counted: ['e1', 'e2'],
      missing: ['e3'],
    });
    expect(factLines(facts)[3]).toBe(
      'Cash against EBITDA in year 1 (e1, e2): 600,000 cash out; EBITDA −250,000 if the cost is expensed (OpEx), +350,000 if capitalised (CapEx: off EBITDA, still cash); not computable for e3.',
    );
  });

  it('is a gap when the cost or the effect was not stated', () => {
    const facts = roadmapFacts([entry('e1', {}, money(500_000, null))], null);
    expect(facts.entries[0]!.cash.year1EbitdaIfExpensed).toBeNull();
    expect(factLines(facts).at(-1)).toBe(
      'e1 Entry e1: payback not computable (no EBITDA effect); EV not computable (no EBITDA effect or EBITDA multiple).',
    );
  });
});

describe('factLines', () => {
  it("writes money in the client's currency, as the memo does", () => {
    const facts = roadmapFacts([entry('e1', {}, money(20_000, 40_000, 6))], capacity(10, 100_000));
    // Intl puts a no-break space between the code and the amount; read as a plain space here.
    const lines = factLines(facts, 'EUR').map((l) => l.replace(/\u00a0/g, ' '));
    expect(lines).toContain('One-off cost: EUR 20,000 against a budget of EUR 100,000: EUR 80,000 left.');
    expect(lines[2]).toBe(
      "EBITDA effect: EUR 40,000 a year from e1. Enterprise value at each entry's stated multiple: EUR 240,000 (EUR 160,000 at −2, EUR 320,000 at +2) from e1.",
    );
  });

  it('says when no entry states an EBITDA effect', () => {
    expect(factLines(roadmapFacts([entry('e1')], null))[2]).toBe(
      'EBITDA effect: not stated for any entry, so neither payback nor enterprise value can be computed.',
    );
  });
});

describe('settleObjections', () => {
  const objection = (
    status: 'open' | 'answered_with_evidence' | 'answered_with_reason',
    closedByMessageId: number | null,
    response: string | null = 'An answer',
  ) => ({
    lens: 'cfo' as const,
    objection: 'What is the payback?',
    basis: null,
    response,
    status,
    closedByMessageId,
  });
  const board = (objections: ReturnType<typeof objection>[]) => ({
    recommendations: [{ ...minimal.sounding_board().recommendations[0]!, objections }],
  });

  it('closes an objection only on a client message of the step that it names, with a response', () => {
    const settled = settleObjections(
      board([
        objection('answered_with_evidence', 12),
        objection('answered_with_reason', null),
        objection('answered_with_reason', 99),
        objection('answered_with_evidence', 12, null),
        objection('open', 12),
      ]),
      new Set([12]),
    );
    expect(settled.recommendations[0]!.objections.map((o) => [o.status, o.closedByMessageId])).toEqual([
      ['answered_with_evidence', 12],
      ['open', null],
      ['open', null],
      ['open', null],
      ['open', null],
    ]);
    expect(openObjections(settled.recommendations[0]!)).toHaveLength(4);
  });
});
