import type { MiddlewareHandler } from 'hono';
import { refusal } from './refusal.js';

/**
 * Refuses a path whose percent-encoding does not decode (`/%FF`, `/abc%`, an encoded lone
 * surrogate) with a 400, before any route tries to decode it and fails as a 500.
 */
export function wellFormedPath(): MiddlewareHandler {
  return async function wellFormedPath(c, next) {
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const end = url.indexOf('?', start);
    const raw = start === -1 ? '/' : url.slice(start, end === -1 ? undefined : end);
    if (raw.includes('%')) {
      try {
        decodeURIComponent(raw);
      } catch {
        return refusal(
          c,
          400,
          'bad_request',
          'The address is malformed: a "%" in it is not followed by a valid encoded character.',
        );
      }
    }
    await next();
  };
}
