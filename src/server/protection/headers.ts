import type { MiddlewareHandler } from 'hono';

/**
 * The page's policy: its own scripts only (no inline script, no eval), its own API only, no frames
 * around it, no plugins, forms post only to itself. Inline styles stay allowed: Preact sets `style`.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Sent with every response, whoever writes it: the middleware below, and the SSE relay that writes
 * to Node's response itself (src/server/sse.ts). One list, so a stream cannot miss one.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Client data must not stay in a browser's or a proxy's cache: every API answer, streams and
 * exports included. The page's own files may be cached (they hold no client data).
 */
export const NO_STORE = 'no-store';

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Adds the security headers to every response that goes through Hono, errors and refusals included. */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    if (isApiPath(c.req.path)) headers.set('cache-control', NO_STORE);
  };
}
