/**
 * A/B: the product as its own process built from a git ref (A) against this working tree (B), both
 * against the same fake model, in blocks of 25 turns in alternating order. This machine's speed moves
 * by tens of percent between runs, so two builds measured one after the other cannot show a 0.1 ms
 * change; side by side, a slow spell lands on both.
 *
 *   npm run bench:ab -- <git ref> [turns per build]
 *
 * Prints p50/p90/p99/mean per build, the main thread's CPU time per turn (Linux), and the median of
 * the per-block differences of medians, with how many blocks B won. An A/A run (ref HEAD, tree clean)
 * shows the harness's own noise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, tempDatabasePath, type ServerProcess } from '../test/support/serverProcess.js';
import { postWithNodeHttp, productTurns } from './productClient.js';

const ROOT = join(import.meta.dirname, '..');
const [ref, turnsArg] = process.argv.slice(2);
if (!ref) {
  console.error('Usage: npm run bench:ab -- <git ref> [turns per build]   (A = the ref, B = this working tree)');
  process.exit(2);
}
const TURNS = Number(turnsArg ?? 1500);
const WARMUP = 100;
const BLOCK = 25;
const REPLY = 'What would your largest customer say if dispatch were fully automated next year? '.repeat(3);
const KEY = 'bench-key-not-real';

const baseDir = join(mkdtempSync(join(tmpdir(), 'foresight-ab-')), 'a');
execFileSync('git', ['worktree', 'add', '--detach', baseDir, ref], { cwd: ROOT, stdio: 'ignore' });
symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));
const removeWorktree = () =>
  execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });

const fake = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'fake-openai.ts')], {
  env: { ...process.env, FAKE_REPLY: REPLY },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const fakeUrl = await new Promise<string>((resolve) => fake.stdout!.once('data', (d) => resolve(String(d).trim())));
const env = { DATABASE_PATH: '', OPENAI_BASE_URL: fakeUrl, MODEL: 'fake-model', OPENAI_API_KEY: KEY };
const builds: Array<{ name: string; server: ServerProcess }> = [
  { name: `A ${ref}`, server: await startServerProcess({ ...env, DATABASE_PATH: tempDatabasePath() }, baseDir) },
  { name: 'B working tree', server: await startServerProcess({ ...env, DATABASE_PATH: tempDatabasePath() }, ROOT) },
];
process.on('exit', () => {
  for (const b of builds) b.server.proc.kill('SIGKILL');
  fake.kill('SIGKILL');
});

/** On-CPU time of a process's main thread in ns (Linux), or null. */
const cpuNs = (pid: number): number | null => {
  const file = `/proc/${pid}/schedstat`;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split(' ')[0]) : null;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = builds.map((b) => ({
  turns: productTurns(b.server.url, postWithNodeHttp, REPLY),
  times: [] as number[],
  blockMedians: [] as number[],
  cpu: 0,
}));
for (let round = 0; round * BLOCK < WARMUP + TURNS; round++) {
  for (let k = 0; k < runs.length; k++) {
    const i = (round + k) % runs.length;
    const run = runs[i]!;
    const pid = builds[i]!.server.proc.pid!;
    const counted = round * BLOCK >= WARMUP;
    const cpu0 = cpuNs(pid);
    const block: number[] = [];
    for (let j = 0; j < BLOCK; j++) block.push(await run.turns.turn());
    if (!counted) continue;
    run.times.push(...block);
    run.blockMedians.push(median(block));
    const cpu1 = cpuNs(pid);
    if (cpu0 !== null && cpu1 !== null) run.cpu += cpu1 - cpu0;
  }
}
for (const [i, run] of runs.entries()) {
  const s = [...run.times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(3);
  const mean = (s.reduce((a, b) => a + b, 0) / s.length).toFixed(3);
  const cpu = run.cpu > 0 ? `, CPU ${(run.cpu / 1e3 / s.length).toFixed(0)} µs a turn` : '';
  console.log(
    `${builds[i]!.name}: p50 ${at(0.5)} ms, p90 ${at(0.9)}, p99 ${at(0.99)}, mean ${mean}${cpu} (${s.length} turns)`,
  );
}
const diffs = runs[1]!.blockMedians.map((m, j) => m - runs[0]!.blockMedians[j]!);
console.log(
  `B − A, median of block medians' differences: ${median(diffs).toFixed(3)} ms; B faster in ${diffs.filter((d) => d < 0).length} of ${diffs.length} blocks`,
);
for (const b of builds) await b.server.kill();
fake.kill('SIGTERM');
removeWorktree();
process.exit(0);
