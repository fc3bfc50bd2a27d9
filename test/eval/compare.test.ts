import { describe, expect, it } from 'vitest';
import { compareResults, comparisonMarkdown } from '../../eval/compare.js';
import type { ResultsJson } from '../../eval/report.js';

const session = (kind: 'offline' | 'model', persona: string, checks: Array<[string, number, number]>) =>
  ({
    facilitator: { kind, label: kind, model: null, meaningless: false },
    promptVersion: `${kind}/dialogue@1`,
    persona,
    checks: checks.map(([name, passed, total]) => ({
      name,
      scope: 'turn',
      description: '',
      passed,
      total,
      failures: [],
    })),
  }) as unknown as ResultsJson['sessions'][number];

const results = (sessions: ResultsJson['sessions']): ResultsJson => ({ generatedAt: 'x', commit: null, sessions });

describe('--compare', () => {
  const before = results([
    session('offline', 'dental-group', [
      ['one_question', 40, 58],
      ['traps_challenged', 2, 7],
    ]),
  ]);
  const after = results([
    session('offline', 'dental-group', [
      ['one_question', 58, 58],
      ['traps_challenged', 2, 7],
    ]),
    session('model', 'dental-group', [['one_question', 50, 58]]),
  ]);

  it('matches sessions by facilitator and persona, and says how each check moved', () => {
    expect(compareResults(before, after)).toEqual([
      {
        facilitator: 'offline',
        persona: 'dental-group',
        check: 'one_question',
        before: '40/58',
        after: '58/58',
        change: 31,
      },
      {
        facilitator: 'offline',
        persona: 'dental-group',
        check: 'traps_challenged',
        before: '2/7',
        after: '2/7',
        change: 0,
      },
      {
        facilitator: 'model',
        persona: 'dental-group',
        check: 'one_question',
        before: '(not run)',
        after: '50/58',
        change: null,
      },
    ]);
  });

  it('prints only what changed, and how much stayed the same', () => {
    const md = comparisonMarkdown(before, after, 'main~3');
    expect(md).toContain('| offline | dental-group | one_question | 40/58 | 58/58 | +31 pts |');
    expect(md).not.toContain('traps_challenged');
    expect(md).toContain('1 of 3 cells unchanged.');
  });
});
