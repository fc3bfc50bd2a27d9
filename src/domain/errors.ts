/**
 * One error type per failure kind, recognised by `kind` (not instanceof, which duplicate module
 * copies break) and mapped to an HTTP status in one place (src/server/errors.ts).
 */
export type AppErrorKind = 'validation' | 'not_found' | 'conflict' | 'refused' | 'provider' | 'internal';

export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** Where in the input the problem is, e.g. "content" or "data.risks.0.likelihood". */
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(
    kind: AppErrorKind,
    message: string,
    options: { field?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.field = options.field;
    this.details = options.details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const conflict = (message: string) => new AppError('conflict', message);
export const refused = (message: string) => new AppError('refused', message);
export const invalid = (message: string, field?: string, details?: unknown) =>
  new AppError('validation', message, { field, details });

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError' && 'kind' in e;
}
