import { describe, expect, it } from 'vitest';
import {
  ContextArtifact,
  type RoadmapEntry,
  dayWindowOf,
  factLines,
  freezeFacts,
  horizonWindow,
  roadmapFacts,
  spanOf,
} from '../../src/domain/index.js';
import { minimal } from '../support/minimal.js';

function entry(id: string, over: Partial<RoadmapEntry> = {}): RoadmapEntry {
  return { ...minimal.roadmap().entries[0]!, id, title: `Entry ${id}`, ...over };
}

const YEAR_END = { what: 'year-end close', from: '2027-12-15', to: '2028-01-10' };
const PEAK = { what: 'peak season', from: '2027-Q4', to: '2027-Q4' };

describe('days, quarters and horizons as calendar windows', () => {
  it('reads a date as itself and a quarter from its first to its last day', () => {
    expect(dayWindowOf('2027-06-30')).toEqual({ first: '2027-06-30', last: '2027-06-30' });
    expect(dayWindowOf('2027-Q1')).toEqual({ first: '2027-01-01', last: '2027-03-31' });
    expect(dayWindowOf('2028-Q4')).toEqual({ first: '2028-10-01', last: '2028-12-31' });
  });

  it('refuses what is not a day in the calendar or not a date at all', () => {
    expect(dayWindowOf('2027-02-30')).toBeNull();
    expect(dayWindowOf('end of June')).toBeNull();
    expect(dayWindowOf('2027-Q5')).toBeNull();
    expect(spanOf('2027-Q3', '2027-Q2')).toBeNull();
  });

  it("dates a horizon from the first day of the session's quarter", () => {
    expect(horizonWindow('2027-Q2', '0-6')).toEqual({ first: '2027-04-01', last: '2027-09-30' });
    expect(horizonWindow('2027-Q4', '6-18')).toEqual({ first: '2028-04-01', last: '2029-03-31' });
  });

  it('holds a freeze window in the context to dates or quarters that run forwards', () => {
    const context = (freezes: unknown) => {
      const c = minimal.context();
      return ContextArtifact.safeParse({ ...c, constraints: { ...c.constraints, freezes } });
    };
    expect(context([YEAR_END, PEAK]).success).toBe(true);
    const backwards = context([{ what: 'audit', from: '2027-06-30', to: '2027-06-01' }]);
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['constraints', 'freezes', 0, 'to'] });
    const prose = context([{ what: 'audit', from: 'in June', to: '2027-06-30' }]);
    expect(prose.error?.issues[0]?.message).toBe('a date (YYYY-MM-DD) or a quarter (2027-Q2)');
  });
});

describe('deadlines inside a freeze window', () => {
  it('names each open entry whose deadline falls inside or overlaps a freeze, and which freeze', () => {
    const facts = freezeFacts(
      [
        entry('e1', { deadline: '2027-12-20' }),
        entry('e2', { deadline: '2027-Q4' }),
        entry('e3', { deadline: '2027-11-30' }),
        entry('e4', { deadline: '2027-12-31', status: 'done' }),
        entry('e5', { deadline: '2027-09-30' }),
      ],
      [YEAR_END, PEAK],
      '2027-Q1',
    );
    expect(facts.clashes.map((c) => [c.id, c.freeze.what, c.by, c.inside])).toEqual([
      ['e1', 'year-end close', 'deadline', true],
      ['e1', 'peak season', 'deadline', true],
      ['e2', 'year-end close', 'deadline', false],
      ['e2', 'peak season', 'deadline', true],
      ['e3', 'peak season', 'deadline', true],
    ]);
    expect(facts.unchecked).toEqual([]);
  });

  it('checks an entry with no deadline by the months of its horizon, and names the one it cannot check', () => {
    const facts = freezeFacts(
      [
        entry('e1', { deadline: null, horizon: '6-18' }),
        entry('e2', { deadline: null, horizon: '0-6' }),
        entry('e3', { deadline: 'before the audit', horizon: null }),
      ],
      [YEAR_END],
      '2027-Q1',
    );
    expect(facts.clashes).toEqual([
      {
        id: 'e1',
        title: 'Entry e1',
        freeze: YEAR_END,
        by: 'horizon',
        due: '6–18 months',
        window: { first: '2027-07-01', last: '2028-06-30' },
        inside: false,
      },
    ]);
    expect(facts.unchecked).toEqual(['e3']);
    // Without the session's quarter a horizon has no dates: only deadlines are checked.
    expect(freezeFacts([entry('e1', { deadline: null, horizon: '6-18' })], [YEAR_END], null).unchecked).toEqual(['e1']);
  });

  it('says it in the facts the model, its critic and the offline sounding board read, and nothing when no freeze is stated', () => {
    const entries = [entry('e1', { deadline: '2027-12-20' }), entry('e2', { deadline: '2027-06-30' })];
    const constraints = { budgetAmount: null, teamWeeksPerQuarter: null };
    expect(factLines(roadmapFacts(entries, { ...constraints, freezes: [YEAR_END] }, '2027-Q1'))).toContain(
      'Freeze: e1 Entry e1: the deadline 2027-12-20 falls inside year-end close (2027-12-15–2028-01-10).',
    );
    expect(factLines(roadmapFacts([entries[1]!], { ...constraints, freezes: [YEAR_END, PEAK] }, '2027-Q1'))).toContain(
      'Freeze windows (2 stated): no open entry is due inside one.',
    );
    expect(factLines(roadmapFacts(entries, { ...constraints, freezes: [] })).some((l) => /freeze/i.test(l))).toBe(
      false,
    );
  });
});
