import type { z } from 'zod';
import type { ModelIdentity, Usage, CallRecord } from '../domain/index.js';

export {
  ProviderError,
  isProviderError,
  callsOf,
  withCalls,
  type ProviderErrorKind,
  type ProviderKind,
  type ModelIdentity,
  type Usage,
  type CallRecord,
} from '../domain/index.js';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A streamed reply, as a union of parts (after vercel/ai's stream parts). */
export type StreamPart =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'finish'; readonly usage: Usage; readonly finishReason: 'stop' | 'length' | 'other' };

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
