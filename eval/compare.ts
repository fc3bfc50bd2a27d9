/**
 * --compare <ref>: the same eval (this tree's personas, checks and runner) run against the product as
 * it was at <ref> and as it is here, side by side. The product at <ref> is checked out in a temporary
 * git worktree with this tree's node_modules linked in; only the harness is copied over, so what
 * differs between the two columns is the product.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cell, type ResultsJson } from './report.js';

export interface ComparedRow {
  readonly facilitator: string;
  readonly persona: string;
  readonly check: string;
  readonly before: string;
  readonly after: string;
  /** Passed share after minus before, in points; null when either side has nothing to judge. */
  readonly change: number | null;
}

const share = (c: { passed: number; total: number; score?: number } | undefined) =>
  !c ? null : c.score !== undefined ? c.score / 5 : c.total === 0 ? null : c.passed / c.total;

/** Every check of every session the two runs share, matched by facilitator kind and persona. */
export function compareResults(before: ResultsJson, after: ResultsJson): ComparedRow[] {
  return after.sessions.flatMap((a) => {
    const b = before.sessions.find((s) => s.facilitator.kind === a.facilitator.kind && s.persona === a.persona);
    const names = [...new Set([...(b?.checks ?? []).map((c) => c.name), ...a.checks.map((c) => c.name)])];
    return names.map((name) => {
      const was = b?.checks.find((c) => c.name === name);
      const now = a.checks.find((c) => c.name === name);
      const [x, y] = [share(was), share(now)];
      return {
        facilitator: a.facilitator.kind,
        persona: a.persona,
        check: name,
        before: b ? cell(was) : '(not run)',
        after: cell(now),
        change: x === null || y === null ? null : Math.round((y - x) * 100),
      };
    });
  });
}

export function comparisonMarkdown(before: ResultsJson, after: ResultsJson, ref: string): string {
  const rows = compareResults(before, after);
  const changed = rows.filter((r) => r.before !== r.after);
  const versions = (r: ResultsJson) =>
    [...new Set(r.sessions.map((s) => `${s.facilitator.kind} ${s.promptVersion}`))].join(', ');
  return [
    `# Eval: ${ref} → this tree`,
    '',
    `Before: ${before.commit ?? ref} (${versions(before)}). After: ${after.commit ?? 'this tree'} (${versions(after)}).`,
    '',
    changed.length === 0
      ? 'No check changed.'
      : [
          '| facilitator | persona | check | before | after | change |',
          '| --- | --- | --- | --- | --- | --- |',
          ...changed.map(
            (r) =>
              `| ${r.facilitator} | ${r.persona} | ${r.check} | ${r.before} | ${r.after} | ${r.change === null ? '—' : `${r.change > 0 ? '+' : ''}${r.change} pts`} |`,
          ),
        ].join('\n'),
    '',
    `${rows.length - changed.length} of ${rows.length} cells unchanged.`,
    '',
  ].join('\n');
}

/**
 * Runs the eval at `ref` in a temporary worktree and returns its results.json. `args` are the eval's
 * own options (facilitator, persona, judge, client model), passed through unchanged.
 */
export function runAtRef(ref: string, args: readonly string[], repo = process.cwd()): ResultsJson {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-eval-ref-'));
  const tree = join(dir, 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', tree, ref], { cwd: repo, stdio: 'ignore' });
  try {
    symlinkSync(resolve(repo, 'node_modules'), join(tree, 'node_modules'), 'dir');
    rmSync(join(tree, 'eval'), { recursive: true, force: true });
    cpSync(join(repo, 'eval'), join(tree, 'eval'), { recursive: true });
    // The harness's own prompts (judge, client) and the fake model come with it, whatever <ref> had.
    cpSync(join(repo, 'prompts', 'eval'), join(tree, 'prompts', 'eval'), { recursive: true });
    for (const f of ['fakeOpenAiServer.ts', 'structuredFixtures.ts'])
      cpSync(join(repo, 'test', 'support', f), join(tree, 'test', 'support', f));
    // The fake model drafts with the fixtures, which must parse under the ref's own artifact schemas:
    // the ref keeps its fixtures when they have what the harness calls, else it gets this tree's.
    const refFixtures = join(tree, 'test', 'support', 'fixtures.ts');
    if (!existsSync(refFixtures) || !readFileSync(refFixtures, 'utf8').includes('export function withoutMessageIds'))
      cpSync(join(repo, 'test', 'support', 'fixtures.ts'), refFixtures);
    const out = join(dir, 'out');
    const run = spawnSync(join(tree, 'node_modules', '.bin', 'tsx'), ['eval/main.ts', ...args, '--out', out], {
      cwd: tree,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`the eval at ${ref} failed (exit ${run.status})`);
    return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsJson;
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: repo, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
