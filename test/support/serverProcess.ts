import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  readonly output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A fresh temporary database path for one test's server. */
export function tempDatabasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'foresight-')), 'foresight.db');
}

/**
 * Starts the real product (`src/main.ts`) as a child process on a free port and waits until it
 * listens; `root` is the checkout to run (another one: bench/ab.ts compares two builds).
 */
export async function startServerProcess(env: Record<string, string>, root: string = ROOT): Promise<ServerProcess> {
  // node itself, with tsx as a loader: the pid we hold is the server, so SIGKILL kills the server (the tsx CLI would fork a child).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      PROVIDER: 'auto',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += String(d)));
  proc.stderr!.on('data', (d) => (output += String(d)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const m = /on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    proc,
    output: () => output,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', () => done());
        proc.kill(signal);
      }),
  };
}

/** Waits until the server has printed `text` (its banner comes in more than one chunk). */
export async function untilOutput(server: ServerProcess, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`the server never printed "${text}":\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
