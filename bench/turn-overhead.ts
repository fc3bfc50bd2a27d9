/**
 * What the product adds to a streamed turn. One run, one machine, a fake OpenAI-compatible server on
 * loopback (its own process) with no added latency: 300 streamed turns after a warm-up, timed
 * (a) as a direct `openai` SDK call and (b) through the product's HTTP API, from the post to the last
 * SSE byte with the reply stored. (b) is measured twice: the product inside this process (its own cost,
 * no process switches) and the product as its own process, as `npm start` runs it.
 * Writes bench/RESULTS.md.
 */
import { serve } from '@hono/node-server';
import OpenAI from 'openai';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { Message } from '../src/domain/index.js';
import { Engine } from '../src/engine/engine.js';
import { createFacilitator } from '../src/facilitators/index.js';
import { createApp } from '../src/server/app.js';
import { openDatabase, startMaintenance } from '../src/storage/index.js';
import { startServerProcess, tempDatabasePath } from '../test/support/serverProcess.js';
import { conversation, minimalRelay, type BenchPrompt } from './floorRelay.js';
import { MESSAGE, TURNS_PER_SESSION, postWithFetch, postWithNodeHttp, productTurns } from './productClient.js';
import { estimateMessageTokens } from '../src/facilitators/model/tokens.js';

const ROOT = join(import.meta.dirname, '..');
const TURNS = Number(process.env.BENCH_TURNS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const REPLY = 'What would your largest customer say if dispatch were fully automated next year? '.repeat(3);
const CHUNK_CHARS = 16;
const KEY = 'bench-key-not-real';

// node itself with tsx as a loader, not the tsx CLI (which forks a child): the pid we kill at the end is the server's.
const fakeProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'fake-openai.ts')], {
  env: { ...process.env, FAKE_REPLY: REPLY },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const fakeUrl = await new Promise<string>((resolve) =>
  fakeProcess.stdout!.once('data', (d) => resolve(String(d).trim())),
);

// (a) the SDK alone, asking the model what the product asks: a system prompt as long as the product's
// first step's, and the step's conversation so far, as deep as the product's turn at the same point of
// its session (a step's conversation is part of each prompt). What differs is the product's own work.
const SYSTEM_PROMPT = 'You are a foresight facilitator. '.repeat(110);
const PROMPT: BenchPrompt = { systemPrompt: SYSTEM_PROMPT, reply: REPLY };
const sdk = new OpenAI({ apiKey: KEY, baseURL: fakeUrl, maxRetries: 0 });
/** The number of earlier exchanges for each of a path's turns, cycling as the product's sessions do. */
function exchangeCounter(): () => number {
  let turn = 0;
  return () => turn++ % TURNS_PER_SESSION;
}
const directExchanges = exchangeCounter();
const directPromptTokens: number[] = [];
async function directTurn(): Promise<number> {
  const messages = conversation(PROMPT, directExchanges(), MESSAGE);
  directPromptTokens.push(estimateMessageTokens(messages.map((m) => ({ content: String(m.content) }))));
  const t0 = performance.now();
  let text = '';
  const stream = await sdk.chat.completions.create({
    model: 'fake-model',
    stream: true,
    stream_options: { include_usage: true },
    messages,
  });
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  if (text !== REPLY) throw new Error('direct call returned the wrong text');
  return performance.now() - t0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Stats = { p50: number; p99: number; mean: number };
function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** Turns of one path in a row: long enough for that path to run warm, short enough to interleave often. */
const BLOCK = 25;

/**
 * Runs the paths in blocks of BLOCK turns, one block of each per round in an order that rotates, so a
 * slow spell of the (shared) machine lands on every path alike instead of on whichever ran then. The
 * first WARMUP turns of each path are not counted.
 */
async function measureInterleaved(paths: ReadonlyArray<() => Promise<number>>): Promise<Stats[]> {
  const times = paths.map(() => [] as number[]);
  const done = paths.map(() => 0);
  for (let round = 0; done.some((n) => n < WARMUP + TURNS); round++) {
    for (let k = 0; k < paths.length; k++) {
      const i = (round + k) % paths.length;
      for (let j = 0; j < BLOCK && done[i]! < WARMUP + TURNS; j++) {
        const elapsed = await paths[i]!();
        if (done[i]!++ >= WARMUP) times[i]!.push(elapsed);
      }
    }
  }
  return times.map(stats);
}

// (b1) the product in this process: a real SQLite file, the openai provider, the real HTTP server on loopback.
const dbPath = tempDatabasePath();
const db = openDatabase(dbPath);
// The same upkeep as src/main.ts: batched search indexing, WAL checkpoints in a worker thread.
const maintenance = startMaintenance(db, { path: dbPath });
const config = loadConfig({ OPENAI_BASE_URL: fakeUrl, MODEL: 'fake-model', OPENAI_API_KEY: KEY });
const engine = new Engine({ db, facilitator: createFacilitator(config), flushIntervalMs: config.streamFlushMs });
const inline = serve({ fetch: createApp({ engine, version: 'bench' }).fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => inline.once('listening', r));
const floor = serve({ fetch: minimalRelay(sdk, PROMPT).fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => floor.once('listening', r));
// (c2) the same relay as its own process: the floor of an HTTP API in front of the SDK, process hop included.
const floorProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'floor-relay.ts')], {
  env: { ...process.env, FAKE_URL: fakeUrl, FAKE_KEY: KEY, SYSTEM_PROMPT, FAKE_REPLY: REPLY },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const floorProcessUrl = await new Promise<string>((resolve) =>
  floorProcess.stdout!.once('data', (d) => resolve(String(d).trim())),
);
function floorTurns(url: string) {
  const exchanges = exchangeCounter();
  return async (): Promise<number> => {
    const post = { content: MESSAGE, exchanges: exchanges() };
    const t0 = performance.now();
    const body = await postWithNodeHttp(url, post);
    const elapsed = performance.now() - t0;
    if (!body.includes(JSON.stringify(REPLY)))
      throw new Error(`the relay returned the wrong text: ${body.slice(0, 200)}`);
    return elapsed;
  };
}
// (b2) the product as its own process, as `npm start` runs it.
const own = await startServerProcess({
  DATABASE_PATH: tempDatabasePath(),
  OPENAI_BASE_URL: fakeUrl,
  MODEL: 'fake-model',
  OPENAI_API_KEY: KEY,
});
process.on('exit', () => {
  own.proc.kill('SIGKILL');
  fakeProcess.kill('SIGKILL');
  floorProcess.kill('SIGKILL');
});

/** The prompt tokens the product counted for each turn (the conversation so far is part of the prompt). */
const promptTokens: number[] = [];
const record = (message: Message) => promptTokens.push(message.promptTokens ?? 0);
const inlineTurns = productTurns(
  `http://127.0.0.1:${(inline.address() as AddressInfo).port}`,
  postWithNodeHttp,
  REPLY,
  record,
);
const ownTurns = productTurns(own.url, postWithNodeHttp, REPLY, record);
const ownTurnsByFetch = productTurns(own.url, postWithFetch, REPLY, record);
const [direct, inProcess, asProcess, asProcessByFetch, stackFloor, stackFloorAsProcess] = (await measureInterleaved([
  directTurn,
  () => inlineTurns.turn(),
  () => ownTurns.turn(),
  () => ownTurnsByFetch.turn(),
  floorTurns(`http://127.0.0.1:${(floor.address() as AddressInfo).port}/relay`),
  floorTurns(`${floorProcessUrl}/relay`),
])) as [Stats, Stats, Stats, Stats, Stats, Stats];
await inlineTurns.check();
await ownTurns.check();
await ownTurnsByFetch.check();
const rss = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${own.proc.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
inline.close();
floor.close();
await maintenance.stop();
await own.kill();
fakeProcess.kill('SIGTERM');
floorProcess.kill('SIGTERM');

const range = (xs: number[]) =>
  `${Math.min(...xs)}–${Math.max(...xs)} tokens, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0)}`;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const row = (name: string, s: Stats) => `| ${name} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.mean)} |`;
const added = (name: string, s: Stats) =>
  `| **${name}** | **${ms(s.p50 - direct.p50)}** | **${ms(s.p99 - direct.p99)}** | ${ms(s.mean - direct.mean)} |`;
/** What the product adds beyond the floor of the same topology: its own work, the stack's cost taken out. */
const beyond = (name: string, s: Stats, base: Stats) =>
  `| ${name} | ${ms(s.p50 - base.p50)} | ${ms(s.p99 - base.p99)} | ${ms(s.mean - base.mean)} |`;
const verdict = (s: Stats) => (s.p50 - direct.p50 <= 2 && s.p99 - direct.p99 <= 10 ? 'within target' : 'over target');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const report = `# Turn overhead

${TURNS} streamed turns per path after ${WARMUP} warm-up turns, against a fake OpenAI-compatible server in its own process on
loopback with no added latency (a reply of ${REPLY.length} characters in ${Math.ceil(REPLY.length / CHUNK_CHARS)} chunks; a new session every ${TURNS_PER_SESSION} turns).
The paths run interleaved, in blocks of ${BLOCK} turns in a rotating order, so the shared machine's slow spells land on all of them.
(b) is timed from the post to the last SSE byte, the reply stored: the HTTP hop into the product, prompt building, the openai SDK
call, the SQLite writes (WAL, a file on disk) and SSE out. (b1) and (b2) post with Node's own http client, the leanest there is,
so what is added is the product's; (b3) posts with fetch, whose own cost per request shows in the difference from (b2).
(a) asks the model what the product asks: a system prompt as long as the product's first step's and the conversation so far. (c) is the floor of the
stack itself (HTTP in through Hono and @hono/node-server, the SDK call, SSE out, no storage): what (b1) adds beyond it is the product's.
(c2) is that floor as its own process, like (b2): the difference from (c) is the cost of a second process on this machine.

Prompt size, counted as the product counts it (4 characters a token), growing with the step's conversation over a session's
${TURNS_PER_SESSION} turns: the product ${range(promptTokens)}; (a), (c) and (c2) ${range(directPromptTokens)}.

Machine: ${machine}. Run: ${new Date().toISOString()}. Product process RSS at the end: ${(rss / 2 ** 20).toFixed(0)} MiB.

| path | p50 | p99 | mean |
| --- | --- | --- | --- |
${row('(a) openai SDK, direct', direct)}
${row('(b1) product HTTP API, in this process', inProcess)}
${row('(b2) product HTTP API, its own process (`npm start`)', asProcess)}
${row('(b3) as (b2), posted with fetch', asProcessByFetch)}
${row('(c) floor: a minimal Hono route relaying the SDK stream as SSE, nothing stored, in this process', stackFloor)}
${row('(c2) floor as its own process', stackFloorAsProcess)}
${added('added by the product, in this process', inProcess)}
${added('added by the product, its own process', asProcess)}
${added('added by the product and fetch, its own process', asProcessByFetch)}
${added('added by the floor (c) alone', stackFloor)}
${added('added by the floor (c2) alone, its own process', stackFloorAsProcess)}
${beyond('the product beyond the floor, in this process: (b1) − (c)', inProcess, stackFloor)}
${beyond('the product beyond the floor, its own process: (b2) − (c2)', asProcess, stackFloorAsProcess)}

Target: at most 2 ms added at p50 and 10 ms at p99. In this process: **${verdict(inProcess)}**. As its own process: **${verdict(asProcess)}**.
With fetch as the client: ${verdict(asProcessByFetch)}.
`;
// The turn-growth section (bench/turn-growth.ts) stays as it was: each bench writes its own part.
const resultsPath = new URL('./RESULTS.md', import.meta.url);
const previous = readFileSync(resultsPath, 'utf8');
const growthAt = previous.indexOf('<!-- turn-growth:');
writeFileSync(resultsPath, growthAt < 0 ? report : `${report}\n${previous.slice(growthAt)}`);
console.log(report);
process.exit(0);
