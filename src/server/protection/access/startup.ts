import type { AccessPolicy } from './gate.js';
import type { AccessStore } from './store.js';
import { generateAccessToken, hashAccessToken } from './token.js';

/** Where the generated token's hash is kept (src/storage/access.ts). */
export interface TokenHashStore {
  read(): string | null;
  /** Stores the hash unless one is there already; true if this call stored it. */
  claim(hash: string): boolean;
}

export type TokenSource = 'none' | 'environment' | 'stored' | 'generated';

export interface StartupAccess {
  readonly policy: AccessPolicy;
  readonly source: TokenSource;
  /** The token generated on this start, to print once; null on every other start. */
  readonly newToken: string | null;
}

/**
 * Decides at start-up whether a token is required and which: ACCESS_TOKEN when set (also on
 * loopback, for a shared machine); off loopback without it, the token generated on the first such
 * start (its hash in the database), made now if there is none yet; on loopback without it, none.
 */
export function startupAccess(options: {
  readonly loopback: boolean;
  readonly accessToken: string | null;
  readonly tokens: TokenHashStore;
  readonly store: AccessStore;
}): StartupAccess {
  const { loopback, accessToken, tokens, store } = options;
  if (accessToken !== null)
    return {
      policy: { kind: 'token', tokenHash: hashAccessToken(accessToken), store },
      source: 'environment',
      newToken: null,
    };
  if (loopback) return { policy: { kind: 'open' }, source: 'none', newToken: null };
  const stored = tokens.read();
  if (stored !== null) return { policy: { kind: 'token', tokenHash: stored, store }, source: 'stored', newToken: null };
  const token = generateAccessToken();
  if (tokens.claim(hashAccessToken(token)))
    return {
      policy: { kind: 'token', tokenHash: hashAccessToken(token), store },
      source: 'generated',
      newToken: token,
    };
  // Another process on the same database generated one first: use (and do not print) its token.
  return { policy: { kind: 'token', tokenHash: tokens.read()!, store }, source: 'stored', newToken: null };
}
