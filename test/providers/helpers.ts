import { expect } from 'vitest';
import type { ChatModel, ChatMessage, StreamPart } from '../../src/providers/types.js';
import type { ProviderSettings } from '../../src/providers/settings.js';

export const TEST_KEY = 'test-key-not-real';

/** Fast retries (1 ms base) so bounded-retry tests take milliseconds. */
export const baseSettings: Omit<ProviderSettings, 'model'> = {
  apiKey: TEST_KEY,
  timeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  maxAttempts: 3,
  retryBaseMs: 1,
};

export const conversation: ChatMessage[] = [
  { role: 'system', content: 'You are a foresight facilitator.' },
  { role: 'user', content: 'Our ARR is $8M.' },
  { role: 'assistant', content: 'What worries the CEO most?' },
  { role: 'user', content: 'Regulation.' },
];

export interface Collected {
  readonly parts: StreamPart[];
  readonly text: string;
  readonly error: unknown;
}

/** Reads a whole stream, keeping what arrived before an error. */
export async function collect(stream: AsyncIterable<StreamPart>, onPart?: (p: StreamPart) => void): Promise<Collected> {
  const parts: StreamPart[] = [];
  let error: unknown;
  try {
    for await (const part of stream) {
      parts.push(part);
      onPart?.(part);
    }
  } catch (e) {
    error = e;
  }
  const text = parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
  return { parts, text, error };
}

export function streamOf(
  model: ChatModel,
  messages: readonly ChatMessage[] = conversation,
  signal = new AbortController().signal,
) {
  return model.stream(messages, { signal });
}

/** Awaits a promise expected to reject, and returns what it rejected with. */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** What no message shown to people may contain. */
export function expectCleanMessage(message: string) {
  if (message.includes(TEST_KEY)) throw new Error(`message leaks the key: ${message}`);
  if (/troubleshooting/i.test(message) || message.includes('langchain.com'))
    throw new Error(`message carries LangChain's troubleshooting URL: ${message}`);
}

/**
 * The shared abort contract: the model streams "Hel", "lo", then its server hangs; aborting after "lo"
 * ends the stream promptly with ProviderError("aborted"), the text so far kept, no second request.
 */
export async function expectPromptAbortMidStream(model: ChatModel, requests: () => readonly unknown[]): Promise<void> {
  const controller = new AbortController();
  const start = performance.now();
  const { text, error } = await collect(streamOf(model, conversation, controller.signal), (p) => {
    if (p.type === 'text-delta' && p.text === 'lo') setTimeout(() => controller.abort(), 10);
  });
  expect(text).toBe('Hello');
  expect(error).toMatchObject({ kind: 'aborted' });
  expect(performance.now() - start).toBeLessThan(2_000);
  expect(requests()).toHaveLength(1);
}

/** The idle timeout the silence tests run with. */
export const IDLE_MS = 300;

/**
 * The shared silence contract, with MODEL_IDLE_TIMEOUT_MS = IDLE_MS: a stream that goes quiet ends
 * within the idle timeout with ProviderError('timeout'), in words that say whether text had come, the
 * text so far kept, and without a second request (the wait is the setting, not a multiple of it).
 */
export async function expectSilenceEnds(
  model: ChatModel,
  requests: () => readonly unknown[],
  expected: { text: string; message: RegExp },
): Promise<void> {
  const start = performance.now();
  const { text, error, parts } = await collect(streamOf(model));
  const elapsed = performance.now() - start;
  expect(text).toBe(expected.text);
  expect(parts.some((p) => p.type === 'finish')).toBe(false);
  expect(error).toMatchObject({ kind: 'timeout', retryable: false });
  expect((error as Error).message).toMatch(expected.message);
  expect(elapsed).toBeGreaterThanOrEqual(IDLE_MS - 10);
  expect(elapsed).toBeLessThan(IDLE_MS + 2_000);
  expect(requests()).toHaveLength(1);
}

export const STALLED_MID_REPLY =
  /stopped in the middle of its reply: nothing more came for 300 ms\. What it wrote is kept/;
export const SILENT_FROM_THE_START = /sent nothing for 300 ms after the request.*MODEL_IDLE_TIMEOUT_MS/;
