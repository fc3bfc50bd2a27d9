import { describe, expect, it } from 'vitest';
import {
  defaultScores,
  judgeNames,
  judgeNumbers,
  lensObjections,
  objectionsFromFacts,
  openObjectionTexts,
  placeholders,
  preMortemCauses,
  properNames,
  type RecommendationLike,
} from '../../eval/checks/artifacts.js';
import { readNumbers } from '../../eval/checks/numbers.js';

const said =
  'Connect the machines for EUR 450.000; about € 1,2 Mio. EBITDA a year. OEE from 61 % to 66 %. Owner Stefan Roth.';
const source = readNumbers(said);
const years = new Set(['2027']);

describe('numbers_faithful and currency_understood', () => {
  it('passes numbers that were said, whatever their notation', () => {
    const artifact = {
      entries: [{ financial: { oneOffCost: 450000, annualEbitdaEffect: 1200000 }, metric: 'OEE 61% → 66%' }],
    };
    expect(judgeNumbers(artifact, source, years).map((f) => f.status)).toEqual(['found', 'found', 'found', 'found']);
  });
  it('catches an amount read at the wrong scale ("EUR 450.000" as 450)', () => {
    const findings = judgeNumbers({ entries: [{ financial: { oneOffCost: 450 } }] }, source, years);
    expect(findings).toMatchObject([{ status: 'scaled', money: true, path: 'entries[0].financial.oneOffCost' }]);
  });
  it("catches an amount said only in another currency and recorded as if in the client's", () => {
    const entry = { entries: [{ financial: { oneOffCost: 450000, annualEbitdaEffect: 1200000 } }] };
    expect(judgeNumbers(entry, source, years, 'EUR').map((f) => f.status)).toEqual(['found', 'found']);
    const inDollars = readNumbers('The integrator quoted USD 450,000; EBITDA about € 1,2 Mio. a year.');
    expect(judgeNumbers(entry, inDollars, years, 'EUR').map((f) => [f.raw, f.status])).toEqual([
      ['450000', 'foreign'],
      ['1200000', 'found'],
    ]);
    // A bare "$" does not say which currency: no verdict either way.
    expect(judgeNumbers(entry, readNumbers('$450,000 and € 1,2 Mio.'), years, 'EUR')[0]!.status).toBe('found');
  });
  it('catches a number nobody said, and a date in a year nobody named', () => {
    const findings = judgeNumbers({ summary: 'Saves 30% by 2029-01-31.' }, source, years);
    expect(findings.map((f) => [f.raw, f.status])).toEqual([
      ['30', 'invented'],
      ['2029-01-31', 'invented'],
    ]);
  });
  it('does not judge ids, scores or small counts', () => {
    expect(judgeNumbers({ id: 'r7', likelihood: 4, impact: 5, text: 'Initiative 2' }, source, years)).toEqual([]);
  });
});

describe('names_faithful', () => {
  it('finds proper names and acronyms, not words that open a sentence', () => {
    expect(
      properNames('Owner: Stefan Roth. Migrate to S/4HANA on the DMG machines. Costs rise. Jürgen retires.'),
    ).toEqual(['Stefan', 'Roth', 'DMG']);
  });
  it('passes a name said in the transcript and catches an invented one', () => {
    expect(judgeNames({ owner: 'Stefan Roth, with Jürgen' }, said).map((n) => [n.name, n.found])).toEqual([
      ['Stefan', true],
      ['Roth', true],
      ['Jürgen', false],
    ]);
  });
});

describe('no_placeholders', () => {
  it('catches template leftovers and passes plain text', () => {
    expect(
      placeholders({ a: 'Owner: [insert name]', b: 'Hello {{client}}', c: 'Stefan Roth' }).map((f) => f.where),
    ).toEqual(['a', 'b']);
    expect(placeholders({ a: 'Stefan Roth owns it' })).toEqual([]);
  });
});

describe('no_default_scores', () => {
  const risk = (id: string, threat: string, likelihood: number, impact: number) => ({ id, threat, likelihood, impact });
  it('catches a middle score the answer never gave', () => {
    const found = defaultScores(
      [risk('r1', 'Jürgen retires before the migration', 3, 3)],
      ['Jürgen retires before the migration.'],
    );
    expect(found[0]!.detail).toMatch(/no score/);
  });
  it('passes a middle score the client said', () => {
    const found = defaultScores([risk('r1', 'Jürgen retires', 3, 3)], ['Jürgen retires: likelihood 3, impact 3.']);
    expect(found[0]!.detail).toBeNull();
  });
  it('catches a register where every risk has the same score', () => {
    const risks = [risk('r1', 'a', 4, 4), risk('r2', 'b', 4, 4), risk('r3', 'c', 4, 4)];
    expect(defaultScores(risks, []).every((r) => r.detail !== null)).toBe(true);
  });
});

describe('four_lenses and pre_mortem', () => {
  const rec = (over: Partial<RecommendationLike> = {}): RecommendationLike => ({
    id: 'c1',
    claim: 'Connect the 40 five-axis machines this year for EUR 450.000',
    roadmapEntryIds: [],
    objections: [
      { lens: 'ceo', objection: 'Why connect machines now, not after the SAP migration?' },
      { lens: 'cfo', objection: 'Does EUR 450.000 pay back before the machines are replaced?' },
      { lens: 'board', objection: 'Who answers for ransomware once the machines are connected?' },
      { lens: 'engineer', objection: 'Can the MES interface take 40 machines at once?' },
    ],
    preMortem: ['The works council blocked it', 'The interface failed', 'Nobody ran the servers'],
    ...over,
  });
  it('passes specific objections from all four lenses and a three-cause pre-mortem', () => {
    expect(lensObjections([rec()], () => '').every((l) => l.detail === null)).toBe(true);
    expect(preMortemCauses(rec())).toBe(3);
  });
  it('catches a missing lens and a generic objection', () => {
    const generic = rec({
      objections: [
        { lens: 'ceo', objection: 'Why this, why now, and what do we stop doing?' },
        { lens: 'cfo', objection: 'Does EUR 450.000 pay back before the machines are replaced?' },
        { lens: 'board', objection: 'Who answers for ransomware once the machines are connected?' },
      ],
    });
    expect(lensObjections([generic], () => '').map((l) => l.detail)).toEqual([
      'the ceo objection is generic: it shares nothing with the recommendation',
      null,
      null,
      'no engineer objection',
    ]);
  });
  it('counts a pre-mortem of repeated causes once', () => {
    expect(preMortemCauses(rec({ preMortem: ['It failed', 'it failed '] }))).toBe(1);
  });
});

describe('objections_from_facts', () => {
  const facts = readNumbers(
    'One-off cost: 450,000 against a budget of 400,000: over budget by 50,000.\ne1 Pricing: payback 3 years; EV 1,200,000 at 8×.',
  );
  const rec = (objections: RecommendationLike['objections']): RecommendationLike => ({
    id: 'c1',
    claim: 'Fund the pricing model',
    roadmapEntryIds: ['e1'],
    objections,
    preMortem: [],
  });

  it('passes a CFO or engineer objection that quotes a computed number, in its words or its basis', () => {
    expect(
      objectionsFromFacts([rec([{ lens: 'cfo', objection: 'We are over budget by $50k: what goes?' }])], facts)[0]!
        .detail,
    ).toBeNull();
    expect(
      objectionsFromFacts(
        [rec([{ lens: 'engineer', objection: 'Who builds it?', basis: 'EV 1,200,000 at 8×' }])],
        facts,
      )[0]!.detail,
    ).toBeNull();
  });

  it('fails objections that quote no computed number, or only a small count, or come from another lens', () => {
    const details = objectionsFromFacts(
      [
        rec([{ lens: 'cfo', objection: 'What is the payback?' }]),
        rec([{ lens: 'cfo', objection: 'Is 3 a good number?' }]),
        rec([{ lens: 'board', objection: 'Over budget by 50,000: who answers for it?' }]),
      ],
      facts,
    ).map((f) => f.detail);
    expect(details).toEqual([
      'no CFO or engineer objection quotes a computed fact (effort against capacity, cost against budget, payback, EV, cash)',
      'no CFO or engineer objection quotes a computed fact (effort against capacity, cost against budget, payback, EV, cash)',
      'no CFO or engineer objection to meet the facts',
    ]);
  });

  it('reads the open objections from their status, or from the list records made before objections had one', () => {
    const now = rec([
      { lens: 'cfo', objection: 'Payback?', status: 'open' },
      { lens: 'ceo', objection: 'Why now?', status: 'answered_with_reason' },
    ]);
    expect(openObjectionTexts(now)).toEqual(['cfo: Payback?']);
    expect(openObjectionTexts({ ...now, openObjections: ['CFO: payback unproven'] })).toEqual([
      'CFO: payback unproven',
    ]);
    expect(preMortemCauses({ ...now, preMortem: [{ story: 'It failed', cause: 'No owner' }, 'No owner'] })).toBe(1);
  });
});
