import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { ProviderError, type ChatMessage, type StreamOptions, type StreamPart, type Usage } from './types.js';
import { retryStream, type RetryRun } from './retry.js';
import { abortable, textOf } from './langchain.js';

/**
 * Streamed replies, shared by both adapters: text deltas as they come, then exactly one finish with
 * the usage read from the chunks. A stream that ends without the provider's finish (a cut connection
 * that closed cleanly) is an error, not a short reply. Retried only before the first part is yielded.
 */

export type FinishReason = Extract<StreamPart, { type: 'finish' }>['finishReason'];

/** Reads usage and the finish reason off the chunks; each provider reports them differently. */
export interface ChunkAccounting {
  read(chunk: AIMessageChunk): void;
  /** null when no finish was seen: the stream was cut short. */
  result(): { usage: Usage; finishReason: FinishReason } | null;
}

export interface StreamDeps {
  readonly model: () => BaseChatModel;
  readonly toMessages: (messages: readonly ChatMessage[]) => BaseMessage[];
  readonly retry: (signal: AbortSignal) => RetryRun;
  readonly accounting: () => ChunkAccounting;
}

export function streamReply(deps: StreamDeps, messages: readonly ChatMessage[], options: StreamOptions): AsyncGenerator<StreamPart> {
  const { signal } = options;
  async function* chunks(): AsyncGenerator<AIMessageChunk> {
    yield* await deps.model().stream(deps.toMessages(messages), { signal });
  }
  async function* once(): AsyncGenerator<StreamPart> {
    const accounting = deps.accounting();
    for await (const chunk of abortable(chunks(), signal)) {
      accounting.read(chunk);
      const text = textOf(chunk.content);
      if (text) yield { type: 'text-delta', text };
    }
    const end = accounting.result();
    if (!end) {
      throw new ProviderError('network', 'The connection to the model provider closed before the reply was complete. Retry to get the full reply.', { retryable: true });
    }
    yield { type: 'finish', usage: end.usage, finishReason: end.finishReason };
  }
  return retryStream(once, deps.retry(signal));
}
