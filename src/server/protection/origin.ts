import type { Context, MiddlewareHandler } from 'hono';
import { isApiPath } from './headers.js';
import { refusal } from './refusal.js';

/** Methods that change what is stored. */
const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Sec-Fetch-Site values of a request the page itself made, or the user typed. */
const OWN_SITE: ReadonlySet<string> = new Set(['same-origin', 'none']);
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** The host this request was addressed to ("127.0.0.1:3000"), as the browser sent it. */
export function requestHost(c: Context): string {
  return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
}

/**
 * Whether `origin` is this server as the request addressed it: same host and port. The scheme is not
 * compared: behind a TLS proxy the browser's origin is https and the proxied request plain http, and
 * one host and port cannot serve both.
 */
function isOwnOrigin(origin: string, host: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null": a sandboxed frame, a file, a redirect across sites
  }
  const port = url.port || DEFAULT_PORTS[url.protocol] || '';
  const [, name = host, hostPort] = /^(.*?)(?::(\d+))?$/.exec(host) ?? [];
  return url.hostname === name && port === (hostPort ?? DEFAULT_PORTS[url.protocol] ?? '');
}

/**
 * Only the page itself may change anything (cross-site request forgery): a write whose Origin is
 * another site's, or that a browser marks as coming from another site (Sec-Fetch-Site), is refused
 * before it is read. Requests with neither header (curl, scripts) carry no ambient credentials of a
 * browser and pass; off loopback they still need the access token.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async function sameOriginWrites(c, next) {
    if (!WRITES.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && !OWN_SITE.has(site)) {
      return refusal(
        c,
        403,
        'forbidden',
        `Changes are accepted only from this server's own page; this request came from another site (Sec-Fetch-Site: ${site}). Nothing was changed.`,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !isOwnOrigin(origin, requestHost(c))) {
      return refusal(
        c,
        403,
        'forbidden',
        `Changes are accepted only from this server's own page; this request came from ${origin}. Nothing was changed.`,
      );
    }
    return next();
  };
}

/**
 * An API write with a body must say it is JSON. Browsers send text/plain, form and multipart bodies
 * across sites without asking first (no CORS preflight), so reading those as JSON let any page post
 * here; a JSON content type from another site needs a preflight, which this server never grants.
 */
export function jsonBodies(): MiddlewareHandler {
  return async function jsonBodies(c, next) {
    if (!WRITES.has(c.req.method) || !isApiPath(c.req.path)) return next();
    const type = c.req.header('content-type');
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if (type === undefined ? hasBody : type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      return refusal(
        c,
        415,
        'unsupported_media_type',
        `The API reads JSON only: send the body with Content-Type: application/json${type ? ` (this one was ${type.split(';')[0]})` : ''}. Nothing was changed.`,
      );
    }
    return next();
  };
}
