/**
 * Does a turn's cost grow with the transcript? One step of one session is driven through the product's
 * HTTP API (in this process, a SQLite file on disk) until it holds 2,000 messages, for the offline
 * facilitator and for a model behind a fake OpenAI-compatible server with no added latency (its own
 * process). Turns are timed from the post to the last SSE byte, the reply stored, at message 20 and at
 * message 2,000; opening the session (its view and its latest page of messages) likewise. Target: a
 * turn at message 2,000 costs at most 1.5 × a turn at message 20. Writes its section of bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { parseArtifact, type Message } from '../src/domain/index.js';
import { Engine } from '../src/engine/engine.js';
import type { Facilitator } from '../src/engine/facilitator.js';
import { createFacilitator } from '../src/facilitators/index.js';
import { createApp } from '../src/server/app.js';
import { openDatabase } from '../src/storage/index.js';
import { minimal } from '../test/support/minimal.js';
import { tempDatabasePath } from '../test/support/serverProcess.js';
import { readSSE } from '../test/support/sse.js';

const ROOT = join(import.meta.dirname, '..');
const TARGET_MESSAGES = Number(process.env.BENCH_GROWTH_MESSAGES ?? 2000);
/** Turns timed at each point: the median of these is the point's cost. */
const SAMPLE = Number(process.env.BENCH_GROWTH_SAMPLE ?? 40);
const EARLY = 20;
const MARKER = '<!-- turn-growth: written by bench/turn-growth.ts -->';

const fakeProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'fake-openai.ts')], {
  env: { ...process.env, FAKE_REPLY: 'What would your largest shipper say about that, and what would change first?' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const fakeUrl = await new Promise<string>((resolve) =>
  fakeProcess.stdout!.once('data', (d) => resolve(String(d).trim())),
);

const ANSWERS = [
  'Dispatch exceptions first: late pickups and missed appointments, about 400 a week handled by 6 people.',
  'Our shippers will always want a human to confirm a rebooked load.',
  'Two of our top 5 accounts asked for automated rebooking in their last QBR.',
  'If it counts as high-risk we need documentation and human oversight, maybe $60k of work.',
];

/** A turn's cost: wall time, and the CPU time this process spent on it (what other load on the host cannot inflate). */
interface Cost {
  readonly wall: number;
  readonly cpu: number;
}

interface Timings {
  readonly early: Cost[];
  readonly late: Cost[];
  readonly openEarly: number[];
  readonly openLate: number[];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** A session in the dialogue step (context and two trends set by hand), in an app of its own. */
function setUp(facilitator: Facilitator) {
  const db = openDatabase(tempDatabasePath());
  const engine = new Engine({ db, facilitator, flushIntervalMs: 200 });
  const app = createApp({ engine, version: 'bench' });
  const { session } = engine.createSession({
    clientName: `Bench ${facilitator.identity.provider} ${Date.now()}`,
    industry: 'Logistics',
    quarter: '2027-Q1',
    mode: 'quarterly',
  });
  engine.editArtifact(session.id, 'context', minimal.context());
  engine.advance(session.id);
  engine.editArtifact(session.id, 'trends', parseArtifact('trends', minimal.trends(2)));
  engine.advance(session.id);
  return { db, app, id: session.id };
}

async function turn(app: ReturnType<typeof createApp>, id: number, content: string): Promise<Cost> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await app.request(`/api/sessions/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content }),
  });
  const frames = await readSSE(res);
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const message = frames.find((f) => f.event === 'message')?.data as Message | undefined;
  if (res.status !== 200 || message?.status !== 'complete') throw new Error(`turn failed: ${res.status}`);
  return { wall: elapsed, cpu: (cpu.user + cpu.system) / 1000 };
}

/** What the page asks when it opens a session: the view and the latest page of the transcript. */
async function open(app: ReturnType<typeof createApp>, id: number): Promise<number> {
  const t0 = performance.now();
  const [view, page] = await Promise.all([
    app.request(`/api/sessions/${id}`),
    app.request(`/api/sessions/${id}/messages?limit=100`),
  ]);
  await Promise.all([view.json(), page.json()]);
  return performance.now() - t0;
}

const stepMessages = (db: ReturnType<typeof openDatabase>, id: number) =>
  (
    db.prepare("SELECT count(*) AS n FROM messages WHERE session_id = ? AND step = 'dialogue'").get(id) as {
      n: number;
    }
  ).n;

/**
 * Early and late turns interleave, one of each in turn, so the shared machine's slow spells land on
 * both alike. The early turns go to small sessions at message 20, a fresh one every few turns.
 */
async function run(facilitator: Facilitator): Promise<Timings> {
  const big = setUp(facilitator);
  const early: Cost[] = [];
  const late: Cost[] = [];
  const openEarly: number[] = [];
  const openLate: number[] = [];
  let i = 0;
  const say = (s: { app: ReturnType<typeof createApp>; id: number }) =>
    turn(s.app, s.id, `${ANSWERS[i % ANSWERS.length]} (${i++})`);
  while (stepMessages(big.db, big.id) < TARGET_MESSAGES) await say(big);
  let small = setUp(facilitator);
  for (let s = 0; s < SAMPLE; s++) {
    if (s % 5 === 0) {
      small.db.close();
      small = setUp(facilitator);
      while (stepMessages(small.db, small.id) < EARLY) await say(small);
    }
    if (s % 2 === 0) {
      early.push(await say(small));
      late.push(await say(big));
    } else {
      late.push(await say(big));
      early.push(await say(small));
    }
    openEarly.push(await open(small.app, small.id));
    openLate.push(await open(big.app, big.id));
  }
  small.db.close();
  big.db.close();
  return { early, late, openEarly, openLate };
}

const offline = await run(createFacilitator(loadConfig({ PROVIDER: 'offline' })));
const model = await run(
  createFacilitator(
    loadConfig({ OPENAI_BASE_URL: fakeUrl, MODEL: 'fake-model', MODEL_MAX_ATTEMPTS: '1', MODEL_RETRY_BASE_MS: '0' }),
  ),
);
fakeProcess.kill('SIGTERM');

const ms = (n: number) => `${n.toFixed(2)} ms`;
const ratio = (late: number[], early: number[]) => median(late) / median(early);
const cell = (early: number[], late: number[]) =>
  `${ms(median(early))} | ${ms(median(late))} | **${ratio(late, early).toFixed(2)}×**`;
const turnRow = (name: string, t: Timings) =>
  `| ${name} | ${cell(
    t.early.map((c) => c.cpu),
    t.late.map((c) => c.cpu),
  )} | ${cell(
    t.early.map((c) => c.wall),
    t.late.map((c) => c.wall),
  )} |`;
const openRow = (name: string, early: number[], late: number[]) => `| ${name} | | | | ${cell(early, late)} |`;
const cpuRatio = (t: Timings) =>
  ratio(
    t.late.map((c) => c.cpu),
    t.early.map((c) => c.cpu),
  );
const verdict = (t: Timings) => (cpuRatio(t) <= 1.5 ? 'within target' : 'over target');
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
const section = `${MARKER}
# Turn cost with the transcript's length

One dialogue step driven through the HTTP API (in the bench's process, SQLite on disk) until it holds ${TARGET_MESSAGES} messages;
the median of ${SAMPLE} turns, from the post to the last SSE byte with the reply stored, at message ${TARGET_MESSAGES} and, interleaved
with them, in small sessions at message ${EARLY} (a fresh one every 5 turns). The model is a fake OpenAI-compatible server in its own process with no added latency. "Open" is what the page
asks when it opens the session: its view and the latest 100 messages (at message ${EARLY} that page holds ${EARLY} messages, so
"open" grows up to message 100 and no further; before, the page read every message). A reply reads the step's persisted state and its latest
messages, never the whole step. "CPU" is the processor time the product's process spent on the turn: unlike wall time, other
work on the host cannot inflate it, so the target is judged on it; wall time is beside it. Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version},
load average ${load} at the end. Run: ${new Date().toISOString()}.

| at message ${EARLY} vs ${TARGET_MESSAGES} | CPU at ${EARLY} | CPU at ${TARGET_MESSAGES} | ratio | wall at ${EARLY} | wall at ${TARGET_MESSAGES} | ratio |
| --- | --- | --- | --- | --- | --- | --- |
${turnRow('offline turn', offline)}
${turnRow('model turn (zero-latency fake)', model)}
${openRow('open the session (offline)', offline.openEarly, offline.openLate)}
${openRow('open the session (model)', model.openEarly, model.openLate)}

Target: a turn at message ${TARGET_MESSAGES} costs at most 1.5 × a turn at message ${EARLY}. Offline: **${verdict(offline)}** (${cpuRatio(offline).toFixed(2)}×). Model: **${verdict(model)}** (${cpuRatio(model).toFixed(2)}×).
`;
const path = new URL('./RESULTS.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const at = before.indexOf(MARKER);
writeFileSync(path, `${(at < 0 ? before : before.slice(0, at)).trimEnd()}\n\n${section}`);
console.log(section);
process.exit(0);
