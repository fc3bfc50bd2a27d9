import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeFileName, readChanges, recordChange } from '../../eval/changes.js';
import { toMarkdown } from '../../eval/report.js';

const comparison = '# Eval: main → this tree\n\n| facilitator | persona | check | before | after | change |\n';

describe('recorded before/after (--compare --record)', () => {
  it('names the file by date and title, and refuses a title with nothing to name it by', () => {
    expect(changeFileName('Labelled transcript (#18)', new Date('2026-12-06T03:00:00Z'))).toBe(
      '2026-12-06-0300-labelled-transcript-18.md',
    );
    expect(() => changeFileName(' — ', new Date())).toThrow(/title/);
  });

  it('keeps every record, never overwriting one with the same title, and reads them newest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-changes-'));
    const first = recordChange(dir, 'Offline challenges', comparison, new Date('2026-12-05T10:00:00Z'));
    const again = recordChange(dir, 'Offline challenges', comparison, new Date('2026-12-05T11:00:00Z'));
    recordChange(dir, 'Labelled transcript', comparison, new Date('2026-12-06T10:00:00Z'));
    expect(basename(again)).toBe('2026-12-05-1100-offline-challenges.md');
    const sameMinute = recordChange(dir, 'Offline challenges', comparison, new Date('2026-12-05T11:00:30Z'));
    expect(basename(sameMinute)).toBe('2026-12-05-1100-offline-challenges-2.md');
    expect(readFileSync(first, 'utf8')).toBe(
      `## Offline challenges\n\n### Eval: main → this tree\n\n${comparison.split('\n\n')[1]}`,
    );
    expect(readChanges(dir).map((c) => c.file)).toEqual([
      '2026-12-06-1000-labelled-transcript.md',
      '2026-12-05-1100-offline-challenges.md',
      '2026-12-05-1100-offline-challenges-2.md',
      '2026-12-05-1000-offline-challenges.md',
    ]);
  });

  it('shows them in RESULTS.md under "Before and after", one level under the section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-changes-'));
    recordChange(dir, 'Labelled transcript', comparison);
    const md = toMarkdown([], { generatedAt: 'now', commit: 'abc', command: 'npm run eval' }, readChanges(dir));
    expect(md).toContain('## Before and after');
    expect(md).toContain('\n### Labelled transcript\n\n#### Eval: main → this tree\n');
    expect(toMarkdown([], { generatedAt: 'now', commit: 'abc', command: 'npm run eval' })).not.toContain(
      'Before and after',
    );
  });
});
