import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createChatModel, callsOf, isProviderError } from '../../src/providers/index.js';
import { RisksArtifact } from '../../src/domain/artifacts/index.js';
import {
  ANTHROPIC_MESSAGES_URL,
  anthropicErrorBody,
  anthropicJsonMessage,
  anthropicStreamBody,
  anthropicStreamEvents,
  replies,
  scriptedRoute,
} from '../support/wire.js';
import {
  TEST_KEY,
  baseSettings,
  collect,
  conversation,
  expectPromptAbortMidStream,
  expectSilenceEnds,
  IDLE_MS,
  SILENT_FROM_THE_START,
  STALLED_MID_REPLY,
  expectCleanMessage,
  rejection,
  streamOf,
} from './helpers.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const anthropic = (over: Partial<typeof baseSettings> = {}) =>
  createChatModel({ kind: 'anthropic', model: 'claude-sonnet-4-5', ...baseSettings, ...over });
const route = (...script: Parameters<typeof scriptedRoute>[2]) => {
  const r = scriptedRoute('post', ANTHROPIC_MESSAGES_URL, script);
  server.use(r.handler);
  return r;
};
const signal = () => new AbortController().signal;

const risk = (id: string, likelihood: number) => ({
  id,
  threat: 'Key engineer leaves',
  category: 'organisational',
  trendId: null,
  likelihood,
  impact: 4,
  mitigation: null,
  owner: null,
  trigger: null,
  reviewDate: '2026-03-01',
});
const validRisks = { risks: [risk('r1', 3)] };
const overloaded =
  'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';

describe('Anthropic adapter: streaming', () => {
  it('streams text deltas, then one finish whose output count is not inflated by message_start', async () => {
    // message_start says output_tokens 1 (preliminary), message_delta says 7 (final, cumulative): 7, not 8.
    const r = route(
      replies.sse(anthropicStreamBody(['Which ', 'regulation?'], { input: 30, output: 7 }, { startOutput: 1 })),
    );
    const { parts, text, error } = await collect(streamOf(anthropic()));
    expect(error).toBeUndefined();
    expect(text).toBe('Which regulation?');
    expect(parts.at(-1)).toEqual({ type: 'finish', usage: { tokensIn: 30, tokensOut: 7 }, finishReason: 'stop' });
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.headers['x-api-key']).toBe(TEST_KEY);
    expect(r.requests[0]!.body.stream).toBe(true);
  });

  it('sends every system message merged into the one system prompt, and the rest in order', async () => {
    const r = route(replies.sse(anthropicStreamBody(['ok'])));
    await collect(
      streamOf(anthropic(), [
        { role: 'system', content: 'You are a facilitator.' },
        { role: 'user', content: 'Hello' },
        { role: 'system', content: 'Step: trends.' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'Go on' },
      ]),
    );
    const body = r.requests[0]!.body;
    expect(body.system).toBe('You are a facilitator.\n\nStep: trends.');
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('maps max_tokens to finishReason "length"', async () => {
    route(replies.sse(anthropicStreamBody(['Long'], undefined, { stopReason: 'max_tokens' })));
    const { parts } = await collect(streamOf(anthropic()));
    expect(parts.at(-1)).toMatchObject({ finishReason: 'length' });
  });

  it('retries a 429 and then streams the reply (one more request seen)', async () => {
    const r = route(
      replies.status(
        429,
        anthropicErrorBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      ),
      replies.sse(anthropicStreamBody(['Hello'])),
    );
    const { text, error } = await collect(streamOf(anthropic()));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(r.requests).toHaveLength(2);
  });

  it('gives up on 529 overloaded after maxAttempts requests with a clear error', async () => {
    const r = route(replies.status(529, anthropicErrorBody('overloaded_error', 'Overloaded')));
    const { error } = await collect(streamOf(anthropic()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 529, retryable: true });
    expect((error as Error).message).toMatch(/unavailable or overloaded \(HTTP 529\).*Tried 3 times/);
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(3);
  });

  it('gives up on a 500 after maxAttempts requests', async () => {
    const r = route(replies.status(500, anthropicErrorBody('api_error', 'Internal server error')));
    const { error } = await collect(streamOf(anthropic()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(r.requests).toHaveLength(3);
  });

  it('does not retry a rejected key, and says so without the key or a troubleshooting URL', async () => {
    const r = route(replies.status(401, anthropicErrorBody('authentication_error', `invalid x-api-key ${TEST_KEY}`)));
    const { error } = await collect(streamOf(anthropic()));
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(1);
  });

  it('reports an overloaded error event mid-stream after delivering the deltas, and does not retry', async () => {
    const events = anthropicStreamEvents(['Hel', 'lo', ' world']);
    const r = route(replies.sseEvents([...events.slice(0, 5), overloaded], 'close')); // start, block start, ping, "Hel", "lo"
    const { parts, text, error } = await collect(streamOf(anthropic()));
    expect(text).toBe('Hello');
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(1);
  });

  it('reports a stream that closes without message_delta as cut short, after the deltas, without retry', async () => {
    const events = anthropicStreamEvents(['Hel', 'lo', ' world']);
    const r = route(replies.sseEvents(events.slice(0, 5), 'close'));
    const { text, error } = await collect(streamOf(anthropic()));
    expect(text).toBe('Hello');
    expect(error).toMatchObject({ kind: 'network' });
    expect(r.requests).toHaveLength(1);
  });

  it('retries an error event that comes before the first delta', async () => {
    const events = anthropicStreamEvents(['Hello']);
    const r = route(
      replies.sseEvents([...events.slice(0, 2), overloaded], 'close'),
      replies.sse(anthropicStreamBody(['Hello'])),
    );
    const { text, error } = await collect(streamOf(anthropic()));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(r.requests).toHaveLength(2);
  });

  it('ends a reply that stalls mid-answer within the idle timeout, keeping what it wrote', async () => {
    const r = route(replies.sseEvents(anthropicStreamEvents(['Hel', 'lo', ' world']).slice(0, 5), 'hang'));
    await expectSilenceEnds(anthropic({ idleTimeoutMs: IDLE_MS }), () => r.requests, {
      text: 'Hello',
      message: STALLED_MID_REPLY,
    });
  });

  it('ends a stream that sends no text within the idle timeout, without retrying it', async () => {
    const r = route(replies.sseEvents(anthropicStreamEvents(['Hel', 'lo']).slice(0, 3), 'hang'));
    await expectSilenceEnds(anthropic({ idleTimeoutMs: IDLE_MS }), () => r.requests, {
      text: '',
      message: SILENT_FROM_THE_START,
    });
  });

  it('ends a request whose response never starts within the idle timeout, however long the call timeout', async () => {
    const r = route(replies.delayed(3_000, replies.sse(anthropicStreamBody(['late']))));
    await expectSilenceEnds(anthropic({ idleTimeoutMs: IDLE_MS, timeoutMs: 60_000 }), () => r.requests, {
      text: '',
      message: SILENT_FROM_THE_START,
    });
  });

  it('lets a slow but steady reply run longer than the idle timeout', async () => {
    const chunks = ['One ', 'word ', 'at ', 'a ', 'time, ', 'slowly ', 'but ', 'surely.'];
    route(replies.sseEvents(anthropicStreamEvents(chunks), 'close', 100));
    const start = performance.now();
    const { text, error } = await collect(streamOf(anthropic({ idleTimeoutMs: 500 })));
    expect(error).toBeUndefined();
    expect(text).toBe(chunks.join(''));
    expect(performance.now() - start).toBeGreaterThan(500);
  });

  it('stops promptly on abort mid-stream with ProviderError("aborted")', async () => {
    const r = route(replies.sseEvents(anthropicStreamEvents(['Hel', 'lo', ' world']).slice(0, 5), 'hang'));
    await expectPromptAbortMidStream(anthropic(), () => r.requests);
  });
});

describe('Anthropic adapter: structured output (forced tool use)', () => {
  it('returns the validated value from the tool_use block', async () => {
    const r = route(
      replies.json(
        anthropicJsonMessage({ toolUse: { name: 'risk_register', args: validRisks } }, { input: 200, output: 60 }),
      ),
    );
    const result = await anthropic().structured(conversation, RisksArtifact, {
      signal: signal(),
      name: 'risk_register',
    });
    expect(result.value.risks[0]!.likelihood).toBe(3);
    expect(result.calls).toEqual([
      expect.objectContaining({ purpose: 'draft', outcome: 'ok', usage: { tokensIn: 200, tokensOut: 60 } }),
    ]);
    const body = r.requests[0]!.body;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'risk_register' });
    expect(body.tools[0].name).toBe('risk_register');
    expect(body.system).toBe('You are a foresight facilitator.');
    expect(r.requests).toHaveLength(1);
  });

  it('repairs invalid output with exactly one re-ask that lists the validation problems', async () => {
    const invalid = { risks: [{ ...risk('r1', 9), reviewDate: 'next spring' }] };
    const r = route(
      replies.json(
        anthropicJsonMessage({ toolUse: { name: 'risk_register', args: invalid } }, { input: 200, output: 50 }),
      ),
      replies.json(
        anthropicJsonMessage({ toolUse: { name: 'risk_register', args: validRisks } }, { input: 300, output: 60 }),
      ),
    );
    const result = await anthropic().structured(conversation, RisksArtifact, {
      signal: signal(),
      name: 'risk_register',
    });
    expect(result.value.risks[0]!.reviewDate).toBe('2026-03-01');
    expect(r.requests).toHaveLength(2);
    const messages = r.requests[1]!.body.messages as { role: string; content: unknown }[];
    const last = JSON.stringify(messages.at(-1));
    expect(messages.at(-2)!.role).toBe('assistant');
    expect(JSON.stringify(messages.at(-2))).toContain('next spring');
    expect(messages.at(-1)!.role).toBe('user');
    expect(last).toContain('risks.0.likelihood');
    expect(last).toContain('a review date is written YYYY-MM-DD');
    expect(result.calls.map((c) => [c.purpose, c.outcome])).toEqual([
      ['draft', 'invalid_output'],
      ['repair', 'ok'],
    ]);
    expect(result.usage).toEqual({ tokensIn: 500, tokensOut: 110 });
  });

  it('repairs a text reply that did not use the tool', async () => {
    const r = route(
      replies.json(anthropicJsonMessage('I think the main risk is attrition.')),
      replies.json(anthropicJsonMessage({ toolUse: { name: 'risk_register', args: validRisks } })),
    );
    const result = await anthropic().structured(conversation, RisksArtifact, {
      signal: signal(),
      name: 'risk_register',
    });
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_output', 'ok']);
    expect(JSON.stringify(r.requests[1]!.body.messages.at(-1))).toContain('was not called');
  });

  it('throws invalid_output with the issues when the re-ask is still invalid: exactly 2 requests', async () => {
    const r = route(
      replies.json(anthropicJsonMessage({ toolUse: { name: 'risk_register', args: { risks: [{ id: 'r1' }] } } })),
    );
    const error = await rejection(
      anthropic().structured(conversation, RisksArtifact, { signal: signal(), name: 'risk_register' }),
    );
    expect(isProviderError(error)).toBe(true);
    expect(error.kind).toBe('invalid_output');
    expect(error.issues).toEqual(expect.arrayContaining([expect.stringMatching(/^risks\.0\.threat: /)]));
    expectCleanMessage(error.message);
    expect(r.requests).toHaveLength(2);
    expect(callsOf(error).map((c) => c.purpose)).toEqual(['draft', 'repair']);
  });
});
