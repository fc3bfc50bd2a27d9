import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../errors.js';

/**
 * A request refused before any route ran (malformed, foreign, unauthenticated): the same JSON error
 * shape as every other error, with a status of its own (400, 401, 403, 415, 421, 429).
 */
export function refusal(
  c: Context,
  status: ContentfulStatusCode,
  kind: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return c.json({ error: { kind, message } } satisfies ErrorBody, status, headers);
}
