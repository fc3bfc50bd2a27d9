import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';
import { indexPendingMessages } from './search.js';
import { takeDailySnapshot, type SnapshotPolicy } from './snapshots.js';

/**
 * The database's upkeep, kept off the turns' path: the search queue is indexed in batches, and the
 * WAL is checkpointed by a worker thread on its own connection. A checkpoint fsyncs; run by SQLite's
 * auto-checkpoint it would stall whichever commit crossed 1000 pages (5 to 10 ms here, the turns'
 * p99), while a PASSIVE checkpoint in another thread lets commits go on beside it.
 */
export interface Maintenance {
  stop(): Promise<void>;
}

export interface MaintenanceOptions {
  /** The database file; an in-memory database has no WAL and gets no checkpoint worker. */
  readonly path: string;
  readonly indexEveryMs?: number;
  readonly checkpointEveryMs?: number;
  /** Daily snapshots: today's is taken on start and, while the server runs, checked for every hour. */
  readonly snapshots?: SnapshotPolicy & { readonly checkEveryMs?: number };
}

/** SQLite's own auto-checkpoint stays on as a backstop, at this many pages (~40 MB), should the worker stop. */
const BACKSTOP_PAGES = 10_000;

// CommonJS evaluated in the worker: no loader or transpiler is assumed there, under tsx, vitest or plain node.
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startMaintenance(db: Db, options: MaintenanceOptions): Maintenance {
  const indexTimer = setInterval(() => indexPendingMessages(db), options.indexEveryMs ?? 2_000);
  indexTimer.unref();
  let worker: Worker | null = null;
  if (options.path !== ':memory:') {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: {
        path: options.path,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        everyMs: options.checkpointEveryMs ?? 1_000,
      },
    });
    worker.unref();
    worker.on('message', (m: { error?: string }) => {
      if (m.error) console.error(`WAL checkpoint failed (SQLite checkpoints by itself meanwhile): ${m.error}`);
    });
    // A worker that cannot start (its connection refused) must not take the server with it.
    worker.on('error', (e) =>
      console.error(`The WAL checkpoint worker stopped; SQLite checkpoints by itself from now on: ${e.message}`),
    );
  }
  let snapshotTimer: NodeJS.Timeout | null = null;
  let snapshotting: Promise<unknown> = Promise.resolve();
  const snapshots = options.snapshots;
  if (snapshots && snapshots.keep > 0 && options.path !== ':memory:') {
    // Whether today's snapshot exists is read from its folder, so this works with any number of processes.
    const daily = () => {
      snapshotting = takeDailySnapshot(db, options.path, snapshots).catch((e: Error) =>
        console.error(`The daily snapshot into ${snapshots.dir} failed: ${e.message}`),
      );
    };
    daily();
    snapshotTimer = setInterval(daily, snapshots.checkEveryMs ?? 3_600_000);
    snapshotTimer.unref();
  }
  return {
    async stop() {
      clearInterval(indexTimer);
      if (snapshotTimer) clearInterval(snapshotTimer);
      await snapshotting;
      if (!worker) return;
      if (worker.threadId === -1) return; // it has already stopped
      const exited = new Promise<void>((resolve) => worker!.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}
