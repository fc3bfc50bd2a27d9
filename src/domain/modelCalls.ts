/**
 * What the engine knows of model calls, whoever makes them: who answered, what a call cost, and
 * how it failed. Pure data and a symbol-tagged error, so the engine, the facilitators and the
 * model clients share them without importing one another.
 */

/** What the product talks to: the provider kind is what the page and /api/health show. */
export type ProviderKind = 'offline' | 'openai' | 'openai-compatible' | 'anthropic';

export interface ModelIdentity {
  readonly provider: ProviderKind;
  /** Shown to people, e.g. "OpenAI gpt-4.1-mini" or "Offline facilitator (no AI model)". */
  readonly label: string;
  readonly model: string | null;
}

export interface Usage {
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
}

/** One call made to a model, for the per-call record (tokens, latency, outcome). */
export interface CallRecord {
  /** `family`: the small call that files a dialogue question's family; `critic`: the pressure test after a draft, which may run on another model than the facilitator. */
  readonly purpose: 'reply' | 'draft' | 'repair' | 'family' | 'critic';
  /** Who took the call, when it was not the facilitator's own model (the critic on the other provider). */
  readonly provider?: ProviderKind;
  readonly model?: string | null;
  readonly usage: Usage;
  readonly latencyMs: number;
  readonly outcome: 'ok' | 'invalid_output' | 'error' | 'aborted';
}

export type ProviderErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'auth'
  | 'bad_request'
  | 'invalid_output'
  | 'aborted'
  | 'network';

const PROVIDER_ERROR = Symbol.for('foresight.ProviderError');

/**
 * A failure talking to a model, in our words (never the SDK's troubleshooting URL).
 * Recognised by a symbol, not instanceof, so duplicate package copies still match.
 */
export class ProviderError extends Error {
  readonly [PROVIDER_ERROR] = true;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** For invalid output: the validation issues, to show or to re-ask with. */
  readonly issues: readonly string[];

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { status?: number; retryable?: boolean; issues?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.issues = options.issues ?? [];
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[PROVIDER_ERROR] === true;
}

const CALLS = Symbol.for('foresight.providerCalls');

/** The calls a failed structured request made (tokens were spent): for the per-call record. */
export function callsOf(error: unknown): readonly CallRecord[] {
  if (typeof error !== 'object' || error === null) return [];
  return ((error as Record<symbol, unknown>)[CALLS] as readonly CallRecord[] | undefined) ?? [];
}

export function withCalls<E extends object>(error: E, calls: readonly CallRecord[]): E {
  Object.defineProperty(error, CALLS, { value: [...calls], enumerable: false, configurable: true });
  return error;
}
