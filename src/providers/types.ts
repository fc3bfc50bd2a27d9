import type { z } from 'zod';

/** What the product talks to: the provider kind is what the page and /api/health show. */
export type ProviderKind = 'offline' | 'openai' | 'openai-compatible' | 'anthropic';

export interface ModelIdentity {
  readonly provider: ProviderKind;
  /** Shown to people, e.g. "OpenAI gpt-4.1-mini" or "Offline facilitator (no AI model)". */
  readonly label: string;
  readonly model: string | null;
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface Usage {
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
}

/** A streamed reply, as a union of parts (after vercel/ai's stream parts). */
export type StreamPart =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'finish'; readonly usage: Usage; readonly finishReason: 'stop' | 'length' | 'other' };

/** One call made to a model, for the per-call record (tokens, latency, outcome). */
export interface CallRecord {
  readonly purpose: 'reply' | 'draft' | 'repair';
  readonly usage: Usage;
  readonly latencyMs: number;
  readonly outcome: 'ok' | 'invalid_output' | 'error' | 'aborted';
}

export interface StructuredResult<T> {
  readonly value: T;
  readonly usage: Usage;
  /** Every call this result took: one, or two when the first output was repaired by a re-ask. */
  readonly calls: readonly CallRecord[];
}

export interface StreamOptions {
  readonly signal: AbortSignal;
}

export interface StructuredOptions {
  readonly signal: AbortSignal;
  /** Names the output for the model (function / tool name), e.g. "risk_register". */
  readonly name: string;
}

/** The one small interface every model adapter implements. No vendor detail crosses it. */
export interface ChatModel {
  readonly identity: ModelIdentity;
  stream(messages: readonly ChatMessage[], options: StreamOptions): AsyncIterable<StreamPart>;
  /** Output validated by `schema`; invalid output is re-asked once with the errors, then a ProviderError('invalid_output'). */
  structured<T>(
    messages: readonly ChatMessage[],
    schema: z.ZodType<T>,
    options: StructuredOptions,
  ): Promise<StructuredResult<T>>;
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
