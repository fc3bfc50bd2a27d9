import { ProviderError, type ChatMessage, type StreamOptions, type StreamPart, type Usage } from './types.js';
import { retryStream, type RetryRun } from './retry.js';
import { abortable } from './langchain.js';
import { duration } from './errors.js';

/**
 * Streamed replies, shared by both adapters: text deltas as they come, then exactly one finish with
 * the usage read from the chunks. A stream that ends without the provider's finish (a cut connection
 * that closed cleanly) is an error, not a short reply. Retried only before the first part is yielded.
 * A stream that goes silent (no text for `idleTimeoutMs`, before the first text or between two) is
 * ended with a 'timeout' that is not retried here: the wait people see is the setting, not a multiple
 * of it, and Retry is theirs to press.
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
  readonly idleTimeoutMs: number;
}

/** A stream that went silent, in words that say whether anything came and what to do. */
export function silenceError(idleTimeoutMs: number, textCame: boolean): ProviderError {
  const silence = duration(idleTimeoutMs);
  return textCame
    ? new ProviderError(
        'timeout',
        `The model stopped in the middle of its reply: nothing more came for ${silence}. What it wrote is kept, marked incomplete; Retry to get the whole reply.`,
      )
    : new ProviderError(
        'timeout',
        `The model sent nothing for ${silence} after the request, so the reply was ended. The model server may be overloaded or stuck: Retry, or raise MODEL_IDLE_TIMEOUT_MS if this model is slow to start.`,
      );
}

/**
 * Aborts its `signal` (and with it the SDK's request) once `heard()` has not been called for `ms`;
 * the caller's signal aborts it too. `fired` says whether silence, not the caller, ended it.
 */
function silenceWatch(ms: number, caller: AbortSignal) {
  const silence = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => silence.abort(), ms);
  };
  arm();
  return {
    signal: AbortSignal.any([caller, silence.signal]),
    heard: arm,
    get fired() {
      return silence.signal.aborted && !caller.aborted;
    },
    stop: () => clearTimeout(timer),
  };
}

/** A failure after text came: a broken connection says so, not "could not reach" (the server was reached). */
function brokenMidReply(error: ProviderError): ProviderError {
  if (error.kind !== 'network') return error;
  return new ProviderError(
    'network',
    'The connection to the model broke in the middle of its reply. What it wrote is kept, marked incomplete; Retry to get the whole reply.',
    { status: error.status, retryable: true, cause: error.cause ?? error },
  );
}

export function streamReply<C>(
  deps: StreamDeps<C>,
  messages: readonly ChatMessage[],
  options: StreamOptions,
): AsyncGenerator<StreamPart> {
  const { signal } = options;
  const run = deps.retry(signal);
  async function* chunks(attemptSignal: AbortSignal): AsyncGenerator<C> {
    yield* await deps.open(messages, attemptSignal);
  }
  async function* once(): AsyncGenerator<StreamPart> {
    const accounting = deps.accounting();
    const watch = silenceWatch(deps.idleTimeoutMs, signal);
    let textCame = false;
    try {
      for await (const chunk of abortable(chunks(watch.signal), watch.signal)) {
        const text = accounting.read(chunk);
        if (!text) continue;
        textCame = true;
        watch.heard();
        yield { type: 'text-delta', text };
      }
    } catch (e) {
      if (watch.fired) throw silenceError(deps.idleTimeoutMs, textCame);
      throw textCame && !signal.aborted ? brokenMidReply(run.toError(e)) : e;
    } finally {
      watch.stop();
    }
    const end = accounting.result();
    if (!end) {
      throw textCame
        ? brokenMidReply(new ProviderError('network', 'closed without a finish'))
        : new ProviderError(
            'network',
            'The connection to the model closed before the reply began. Retry to get the reply.',
            { retryable: true },
          );
    }
    yield { type: 'finish', usage: end.usage, finishReason: end.finishReason };
  }
  return retryStream(once, run);
}
