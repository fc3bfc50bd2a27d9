import { ProviderError, type ChatMessage, type StreamOptions, type StreamPart, type Usage } from './types.js';
import { retryStream, type RetryRun } from './retry.js';
import { abortable } from './langchain.js';

/**
 * Streamed replies, shared by both adapters: text deltas as they come, then exactly one finish with
 * the usage read from the chunks. A stream that ends without the provider's finish (a cut connection
 * that closed cleanly) is an error, not a short reply. Retried only before the first part is yielded.
 *
 * Text streams straight from the official SDKs, not through LangChain: this is the hot path of every
 * turn, and LangChain's callback and run-tree machinery cost about 1 ms a call here (bench/).
 */

export type FinishReason = Extract<StreamPart, { type: 'finish' }>['finishReason'];

/** Reads text, usage and the finish reason off the SDK's chunks; each provider reports them differently. */
export interface ChunkAccounting<C> {
  /** The text the chunk adds ('' for none). */
  read(chunk: C): string;
  /** null when no finish was seen: the stream was cut short. */
  result(): { usage: Usage; finishReason: FinishReason } | null;
}

export interface StreamDeps<C> {
  /** Opens the SDK's stream for these messages. */
  readonly open: (messages: readonly ChatMessage[], signal: AbortSignal) => Promise<AsyncIterable<C>>;
  readonly retry: (signal: AbortSignal) => RetryRun;
  readonly accounting: () => ChunkAccounting<C>;
}

export function streamReply<C>(
  deps: StreamDeps<C>,
  messages: readonly ChatMessage[],
  options: StreamOptions,
): AsyncGenerator<StreamPart> {
  const { signal } = options;
  async function* chunks(): AsyncGenerator<C> {
    yield* await deps.open(messages, signal);
  }
  async function* once(): AsyncGenerator<StreamPart> {
    const accounting = deps.accounting();
    for await (const chunk of abortable(chunks(), signal)) {
      const text = accounting.read(chunk);
      if (text) yield { type: 'text-delta', text };
    }
    const end = accounting.result();
    if (!end) {
      throw new ProviderError(
        'network',
        'The connection to the model provider closed before the reply was complete. Retry to get the full reply.',
        { retryable: true },
      );
    }
    yield { type: 'finish', usage: end.usage, finishReason: end.finishReason };
  }
  return retryStream(once, deps.retry(signal));
}
