import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating if needed) the session database: WAL, foreign keys on, migrated. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode loses no committed transaction on a process crash, only on power loss.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A statement prepared once per database and reused. */
export function stmt(db: Db, sql: string): Database.Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}

/**
 * Runs `fn` in one read transaction: its reads see one snapshot, and take SQLite's read lock once.
 * In WAL mode every statement outside a transaction takes and drops that lock itself (fcntl calls on
 * the -shm file); a turn reads five times before its model request leaves. A write inside `fn`
 * upgrades the transaction to a write as usual, and a throw rolls it back.
 */
export function inOneRead<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

export const now = () => new Date().toISOString();

/** Shared cached values must not be changed by one reader under another. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
