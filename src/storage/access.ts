import { now, stmt, type Db } from './db.js';

/**
 * What access control keeps: the generated access token's hash (never a token itself, and never
 * ACCESS_TOKEN from the environment), browser sessions by the hash of their secret, and recent failed
 * attempts per client address (the rate limit, shared by every server process on this database).
 */

/** The hash of the token generated on first start, if there is one. */
export function readAccessTokenHash(db: Db): string | null {
  const row = stmt(db, 'SELECT hash FROM access_token WHERE id = 1').get() as { hash: string } | undefined;
  return row?.hash ?? null;
}

/**
 * Stores `hash` as the token's unless one is already there; true if this call stored it. Two
 * processes starting at once on a new database: one wins, the other reads the winner's hash.
 */
export function claimAccessTokenHash(db: Db, hash: string): boolean {
  return (
    stmt(db, 'INSERT OR IGNORE INTO access_token (id, hash, created_at) VALUES (1, ?, ?)').run(hash, now()).changes ===
    1
  );
}

/** A new token's hash in place of the old one; every browser session opened with the old one ends. */
export function replaceAccessTokenHash(db: Db, hash: string): void {
  db.transaction(() => {
    stmt(db, 'INSERT OR REPLACE INTO access_token (id, hash, created_at) VALUES (1, ?, ?)').run(hash, now());
    stmt(db, 'DELETE FROM access_sessions').run();
  })();
}

export function insertAccessSession(
  db: Db,
  s: { idHash: string; binding: string; createdAt: string; expiresAt: string },
): void {
  stmt(db, 'DELETE FROM access_sessions WHERE expires_at <= ?').run(s.createdAt);
  stmt(db, 'INSERT INTO access_sessions (id_hash, binding, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    s.idHash,
    s.binding,
    s.createdAt,
    s.expiresAt,
  );
}

export function findAccessSession(db: Db, idHash: string, at: string): { binding: string } | null {
  const row = stmt(db, 'SELECT binding FROM access_sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, at) as
    | { binding: string }
    | undefined;
  return row ?? null;
}

export function recordAccessFailure(db: Db, address: string, at: string, forgetBefore: string): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM access_failures WHERE at < ?').run(forgetBefore);
    stmt(db, 'INSERT INTO access_failures (address, at) VALUES (?, ?)').run(address, at);
  })();
}

export function countAccessFailures(db: Db, address: string, since: string): number {
  return (
    stmt(db, 'SELECT count(*) AS n FROM access_failures WHERE address = ? AND at >= ?').get(address, since) as {
      n: number;
    }
  ).n;
}
