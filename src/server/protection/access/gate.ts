import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { isApiPath } from '../headers.js';
import { refusal } from '../refusal.js';
import { loginPage } from './loginPage.js';
import type { AccessStore } from './store.js';
import { hashAccessToken, newSessionSecret, sameDigest, sessionBinding } from './token.js';

/**
 * Who may use the server: anyone who reaches it (on loopback, with no ACCESS_TOKEN), or whoever
 * holds the access token. `tokenHash` is the SHA-256 of the token, from ACCESS_TOKEN or the database.
 */
export type AccessPolicy =
  | { readonly kind: 'open' }
  | { readonly kind: 'token'; readonly tokenHash: string; readonly store: AccessStore };

const COOKIE = 'foresight_access';
const COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{20,100})(?:;|$)`);
const SESSION_MS = 30 * 24 * 3600 * 1000;
/** Wrong tokens allowed per client address in a window; then every attempt is refused until the window passes. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * The one place that decides whether a request may go on: a browser session cookie, or
 * `Authorization: Bearer <token>` from a script. Without either, an API path answers 401 and any
 * other path the sign-in page. Accounts, later, replace this middleware and nothing else.
 */
export function accessGate(policy: AccessPolicy): MiddlewareHandler {
  if (policy.kind === 'open') {
    return async function accessGate(_c, next) {
      await next();
    };
  }
  const { tokenHash, store } = policy;
  const isToken = (token: string) => sameDigest(hashAccessToken(token), tokenHash);
  const failuresLeft = (c: Context) =>
    MAX_FAILURES - store.failuresSince(clientAddress(c), new Date(Date.now() - FAILURE_WINDOW_MS).toISOString());
  const recordFailure = (c: Context) => {
    const now = Date.now();
    store.recordFailure(clientAddress(c), new Date(now).toISOString(), new Date(now - FAILURE_WINDOW_MS).toISOString());
  };
  const hasSession = (c: Context) => {
    const secret = COOKIE_VALUE.exec(c.req.header('cookie') ?? '')?.[1];
    if (!secret) return false;
    const session = store.findSession(hashAccessToken(secret), new Date().toISOString());
    return session !== null && sameDigest(session.binding, sessionBinding(secret, tokenHash));
  };

  const signIn = async (c: Context): Promise<Response> => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    if (failuresLeft(c) <= 0) return tooManyFailures(c, next);
    if (typeof form.token !== 'string' || !isToken(form.token.trim())) {
      recordFailure(c);
      return c.html(loginPage({ next, problem: 'That is not the access token. Check it and try again.' }), 401);
    }
    const secret = newSessionSecret();
    const now = Date.now();
    store.createSession({
      idHash: hashAccessToken(secret),
      binding: sessionBinding(secret, tokenHash),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_MS).toISOString(),
    });
    const cookie = [
      `${COOKIE}=${secret}`,
      'Path=/',
      `Max-Age=${SESSION_MS / 1000}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(isHttps(c) ? ['Secure'] : []),
    ].join('; ');
    c.header('set-cookie', cookie);
    return c.redirect(next, 303);
  };

  return async function accessGate(c, next) {
    if (c.req.path === '/login' && c.req.method === 'POST') return signIn(c);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      if (failuresLeft(c) <= 0) return tooManyFailures(c, c.req.path);
      if (isToken(bearer)) return next();
      recordFailure(c);
      return unauthorized(c, 'That access token is not right.');
    }
    if (hasSession(c)) return next();
    return unauthorized(
      c,
      'This server needs its access token: open it in the browser to sign in, or send Authorization: Bearer <token>.',
    );
  };
}

function unauthorized(c: Context, message: string): Response {
  const challenge = { 'www-authenticate': 'Bearer realm="Foresight Accelerator"' };
  if (isApiPath(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD'))
    return refusal(c, 401, 'unauthorized', message, challenge);
  return c.html(loginPage({ next: safeNext(c.req.path) }), 401, challenge);
}

function tooManyFailures(c: Context, next: string): Response {
  const message = `Too many wrong access tokens from this address: wait ${FAILURE_WINDOW_MS / 60_000} minutes, then try again.`;
  const retry = { 'retry-after': String(FAILURE_WINDOW_MS / 1000) };
  if (isApiPath(c.req.path)) return refusal(c, 429, 'rate_limited', message, retry);
  return c.html(loginPage({ next, problem: message }), 429, retry);
}

/** Where to go after signing in: a path on this server only, never another site ("//evil.example"). */
function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])/.test(raw) && raw !== '/login' ? raw : '/';
}

/**
 * The peer's address. Behind a reverse proxy every request comes from the proxy, so the failure
 * count is shared by everyone behind it: stricter, never looser (X-Forwarded-For is not trusted,
 * since anyone can send it).
 */
function clientAddress(c: Context): string {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';
}

/** HTTPS to the browser: this server's own TLS, or a reverse proxy that terminated it and says so. */
function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}
