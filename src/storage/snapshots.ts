import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Db } from './db.js';

/**
 * Whole-database snapshots with SQLite's online backup API (better-sqlite3 `db.backup`): a
 * consistent copy of the file while the server goes on writing, WAL included. A snapshot is written
 * under a temporary name and renamed into place, so a snapshot file is always whole, and two
 * processes taking the same day's snapshot at once each leave a whole file.
 */
export async function snapshotDatabase(db: Db, file: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await db.backup(partial);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

export interface SnapshotPolicy {
  /** The folder of the automatic snapshots (by default `snapshots/` beside the database). */
  readonly dir: string;
  /** How many daily snapshots to keep, the newest; 0 takes none. */
  readonly keep: number;
}

/** The daily snapshots of the database at `databasePath` in `dir`, oldest first. */
export function listSnapshots(databasePath: string, dir: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(stem(databasePath))}-\\d{4}-\\d{2}-\\d{2}\\.db$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => pattern.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Takes today's snapshot if there is none yet, then deletes all but the newest `keep`. Safe to call
 * as often as wanted and from several processes: whether today's exists is read from the folder.
 * Returns the file written, or null when there was nothing to do.
 */
export async function takeDailySnapshot(
  db: Db,
  databasePath: string,
  policy: SnapshotPolicy,
  today = new Date(),
): Promise<string | null> {
  if (policy.keep <= 0 || databasePath === ':memory:') return null;
  mkdirSync(policy.dir, { recursive: true });
  const file = join(policy.dir, `${stem(databasePath)}-${today.toISOString().slice(0, 10)}.db`);
  const existing = listSnapshots(databasePath, policy.dir);
  let written: string | null = null;
  if (!existing.includes(file)) {
    await snapshotDatabase(db, file);
    written = file;
  }
  const all = listSnapshots(databasePath, policy.dir);
  for (const old of all.slice(0, Math.max(0, all.length - policy.keep))) rmSync(old, { force: true });
  return written;
}

const stem = (path: string) => basename(path, extname(path));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
