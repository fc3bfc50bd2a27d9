/**
 * What the access gate keeps in the database (src/storage/access.ts implements it; main wires it):
 * browser sessions and failed attempts. Both live in the database, not in this process's memory,
 * so several server processes on one database (or PostgreSQL later) share them.
 */
export interface AccessStore {
  /** The session whose secret hashes to `idHash`, if it has not expired by `now`. */
  findSession(idHash: string, now: string): { readonly binding: string } | null;
  createSession(session: {
    readonly idHash: string;
    readonly binding: string;
    readonly createdAt: string;
    readonly expiresAt: string;
  }): void;
  /** Records a wrong token from `address`, and forgets the failures older than `forgetBefore`. */
  recordFailure(address: string, at: string, forgetBefore: string): void;
  /** How many wrong tokens `address` sent since `since`. */
  failuresSince(address: string, since: string): number;
}
