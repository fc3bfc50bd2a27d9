import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new access token: 24 random bytes (192 bits), 32 URL-safe characters. */
export function generateAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The token as stored: SHA-256, hex. A slow password hash protects guessable secrets; a generated
 * token has 192 random bits and nothing to guess, and a token chosen in ACCESS_TOKEN is never stored.
 */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A browser session's secret, sent only in its cookie; the database keeps its hash. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Ties a session to the token it was opened with, so a new token ends every session. Keyed by the
 * session's secret, which only the browser holds: the stored value lets no one test guesses of an
 * ACCESS_TOKEN offline.
 */
export function sessionBinding(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(tokenHash).digest('hex');
}
