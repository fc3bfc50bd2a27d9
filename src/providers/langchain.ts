import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  type BaseMessage,
  type MessageContent,
} from '@langchain/core/messages';
import { ProviderError, type ChatMessage, type Usage } from './types.js';

/** What both adapters share about LangChain: message conversion, text extraction, abortable iteration. */

/**
 * Our messages → LangChain's. With `mergeSystem` (Anthropic: one system prompt, first) every system
 * message is joined into a single leading one, in order.
 */
export function toLangChainMessages(
  messages: readonly ChatMessage[],
  options: { mergeSystem: boolean },
): BaseMessage[] {
  if (options.mergeSystem) {
    const system = messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content.trim())
      .filter(Boolean);
    const rest = messages.filter((m) => m.role !== 'system');
    return [...(system.length ? [new SystemMessage(system.join('\n\n'))] : []), ...rest.map(toLangChainMessage)];
  }
  return messages.map(toLangChainMessage);
}

function toLangChainMessage(m: ChatMessage): BaseMessage {
  switch (m.role) {
    case 'system':
      return new SystemMessage(m.content);
    case 'user':
      return new HumanMessage(m.content);
    case 'assistant':
      return new AIMessage(m.content);
    default: {
      const never: never = m.role;
      throw new Error(`Unknown message role ${String(never)}`);
    }
  }
}

/** The text in a message's content: a string, or the text blocks of a block list. */
export function textOf(content: MessageContent | unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const block of content) {
    if (typeof block === 'string') text += block;
    else if (
      block &&
      typeof block === 'object' &&
      (block as { type?: unknown }).type === 'text' &&
      typeof (block as { text?: unknown }).text === 'string'
    )
      text += (block as { text: string }).text;
  }
  return text;
}

/** A token count we can trust, or null. */
export const count = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null);

export const NO_USAGE: Usage = { tokensIn: null, tokensOut: null };

export function addUsage(a: Usage, b: Usage): Usage {
  const add = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  return { tokensIn: add(a.tokensIn, b.tokensIn), tokensOut: add(a.tokensOut, b.tokensOut) };
}

/**
 * Iterates `source`, but ends at once when `signal` fires (rejecting with ProviderError('aborted'))
 * instead of waiting for the next chunk. The source is then closed without awaiting its clean-up,
 * which can hang (a response body whose cancel never settles: measured under msw).
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const abortedPromise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ProviderError('aborted', 'The request to the model was stopped.'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  abortedPromise.catch(() => undefined); // handled by the race below; never unhandled
  let done = false;
  try {
    for (;;) {
      const result = await Promise.race([iterator.next(), abortedPromise]);
      if (result.done) {
        done = true;
        return;
      }
      yield result.value;
    }
  } catch (e) {
    done = true; // a source that threw is finished; one we abandon on abort is closed below
    if (signal.aborted) void Promise.resolve(iterator.return?.()).catch(() => undefined);
    throw e;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    if (!done) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** Milliseconds since `start` (performance.now()), whole. */
export const since = (start: number) => Math.round(performance.now() - start);
