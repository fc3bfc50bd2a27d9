import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { invalid, isAppError, type AppErrorKind } from '../domain/index.js';

const STATUS: Readonly<Record<AppErrorKind, ContentfulStatusCode>> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  refused: 409,
  provider: 502,
  internal: 500,
};

export interface ErrorBody {
  /**
   * `details` only for conflicts and refusals: what is in the way (the live turn, so a page can attach
   * to it; the conditions a step does not meet yet, so a page can list them).
   */
  error: { kind: string; message: string; field?: string; details?: unknown };
}

/** The one place errors become HTTP answers: JSON, a readable message, and the field at fault. */
export function errorResponse(c: Context, e: unknown): Response {
  if (isAppError(e)) {
    const status = e.kind === 'validation' && e.field === '(body)' ? 400 : STATUS[e.kind];
    const body: ErrorBody = {
      error: {
        kind: e.kind,
        message: e.message,
        ...(e.field ? { field: e.field } : {}),
        ...((e.kind === 'conflict' || e.kind === 'refused') && e.details ? { details: e.details } : {}),
      },
    };
    return c.json(body, status);
  }
  console.error('Unexpected error:', e instanceof Error ? e.stack : e);
  return c.json(
    {
      error: { kind: 'internal', message: 'Something went wrong on the server. Nothing you sent was lost; try again.' },
    } satisfies ErrorBody,
    500,
  );
}

export function validate<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(body)';
  throw invalid(
    `${field === '(body)' ? 'The request body' : `"${field}"`}: ${issue.message}`,
    field === '(body)' ? undefined : field,
    parsed.error.issues,
  );
}
