/**
 * What the product adds to a streamed turn. One run, one machine, a fake OpenAI-compatible server on
 * loopback with no added latency: 300 streamed turns after a warm-up, timed (a) as a direct `openai`
 * SDK call and (b) through the product's HTTP API, from the post to the last SSE byte with the reply
 * stored. Writes bench/RESULTS.md.
 */
import { serve } from '@hono/node-server';
import OpenAI from 'openai';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Engine } from '../src/engine/engine.js';
import { createFacilitator } from '../src/facilitatorFactory.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/server/app.js';
import { openDatabase, getMessage } from '../src/storage/index.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tempDatabasePath } from '../test/support/serverProcess.js';

const ROOT = join(import.meta.dirname, '..');
const TURNS = Number(process.env.BENCH_TURNS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
/** A new session every so many turns, as a step's conversation is in real use. */
const TURNS_PER_SESSION = 20;
const REPLY = 'What would your largest customer say if dispatch were fully automated next year? '.repeat(3);

const fakeProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bench', 'fake-openai.ts')], {
  env: { ...process.env, FAKE_REPLY: REPLY }, stdio: ['ignore', 'pipe', 'inherit'],
});
const fake = {
  url: await new Promise<string>((resolve) => fakeProcess.stdout!.once('data', (d) => resolve(String(d).trim()))),
  close: () => new Promise<void>((resolve) => { fakeProcess.once('exit', () => resolve()); fakeProcess.kill('SIGTERM'); }),
};

// (a) the SDK alone.
const sdk = new OpenAI({ apiKey: 'bench-key-not-real', baseURL: fake.url, maxRetries: 0 });
async function directTurn(): Promise<number> {
  const t0 = performance.now();
  const stream = await sdk.chat.completions.create({
    model: 'fake-model', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'system', content: 'You are a facilitator.' }, { role: 'user', content: 'We broker freight.' }],
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  if (text !== REPLY) throw new Error('direct call returned the wrong text');
  return performance.now() - t0;
}

// (b) the product: real server on loopback, real SQLite file, the openai provider through LangChain.
const db = openDatabase(tempDatabasePath());
const config = loadConfig({ OPENAI_BASE_URL: fake.url, MODEL: 'fake-model', OPENAI_API_KEY: 'bench-key-not-real' });
const engine = new Engine({ db, facilitator: createFacilitator(config), flushIntervalMs: config.streamFlushMs });
const app = createApp({ engine, db, version: 'bench' });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let sessionId = 0;
let turnsInSession = TURNS_PER_SESSION;
async function newSession(): Promise<void> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientName: 'Bench Client', industry: 'Logistics', quarter: '2027-Q1' }),
  });
  sessionId = ((await res.json()) as { session: { id: number } }).session.id;
  turnsInSession = 0;
}

async function productTurn(): Promise<number> {
  if (turnsInSession >= TURNS_PER_SESSION) await newSession();
  turnsInSession++;
  const t0 = performance.now();
  const res = await fetch(`${base}/api/sessions/${sessionId}/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'We broker freight.' }),
  });
  const body = await res.text();
  const elapsed = performance.now() - t0;
  const stored = /event: message\ndata: (.*)\n/.exec(body);
  const id = stored ? (JSON.parse(stored[1]!) as { id: number }).id : -1;
  const message = getMessage(db, id);
  if (message?.status !== 'complete' || message.content !== REPLY) throw new Error(`reply not stored: ${body.slice(0, 300)}`);
  return elapsed;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(turn: () => Promise<number>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < WARMUP; i++) await turn();
  const times: number[] = [];
  for (let i = 0; i < TURNS; i++) times.push(await turn());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

// Interleave the two in halves so drift on the machine hits both alike.
const direct = await measure(directTurn);
const product = await measure(productTurn);
const rss = process.memoryUsage().rss;

server.close();
await fake.close();
db.close();

const ms = (n: number) => `${n.toFixed(2)} ms`;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const p50Diff = product.p50 - direct.p50;
const p99Diff = product.p99 - direct.p99;
const verdict = p50Diff <= 2 && p99Diff <= 10 ? 'within target' : 'OVER TARGET';
const table = [
  `| path | p50 | p99 | mean |`,
  `| --- | --- | --- | --- |`,
  `| (a) openai SDK, direct | ${ms(direct.p50)} | ${ms(direct.p99)} | ${ms(direct.mean)} |`,
  `| (b) product HTTP API → SSE, reply stored | ${ms(product.p50)} | ${ms(product.p99)} | ${ms(product.mean)} |`,
  `| **added by the product** | **${ms(p50Diff)}** | **${ms(p99Diff)}** | ${ms(product.mean - direct.mean)} |`,
].join('\n');
const report = `# Turn overhead

${TURNS} streamed turns each after ${WARMUP} warm-up turns, against a fake OpenAI-compatible server on loopback with no added latency, in its own process
(reply of ${REPLY.length} characters in ${Math.ceil(REPLY.length / 16)} chunks; a new session every ${TURNS_PER_SESSION} turns).
(b) includes LangChain's ChatOpenAI, prompt building, the SQLite writes (WAL, file on disk) and SSE out.

Machine: ${machine}. Run: ${new Date().toISOString()}. Process RSS at the end: ${(rss / 2 ** 20).toFixed(0)} MiB.

${table}

Target: at most 2 ms added at p50 and 10 ms at p99 — **${verdict}**.
`;
writeFileSync(new URL('./RESULTS.md', import.meta.url), report);
console.log(report);
