import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createChatModel, callsOf, isProviderError } from '../../src/providers/index.js';
import { TrendsArtifact } from '../../src/domain/artifacts/index.js';
import {
  OPENAI_CHAT_URL,
  openAiErrorBody,
  openAiJsonCompletion,
  openAiStreamBody,
  openAiStreamEvents,
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

const openai = (over: Partial<typeof baseSettings> & { baseURL?: string } = {}) =>
  createChatModel({ kind: 'openai', model: 'gpt-4.1-mini', ...baseSettings, ...over });
const route = (...script: Parameters<typeof scriptedRoute>[2]) => {
  const r = scriptedRoute('post', OPENAI_CHAT_URL, script);
  server.use(r.handler);
  return r;
};

const trend = (id: string, chosen: boolean) => ({
  id,
  name: `Trend ${id}`,
  lens: 'regulation_politics',
  description: 'AI regulation tightens in the EU',
  whyNow: null,
  signals: ['EU AI Act timelines'],
  timeToImpact: '6-18',
  relevance: null,
  chosen,
  origin: 'proposed',
});
const validTrends = { trends: [trend('t1', true), trend('t2', true)] };
const signal = () => new AbortController().signal;

describe('OpenAI adapter: streaming', () => {
  it('streams text deltas, then one finish with the usage from the usage chunk', async () => {
    const r = route(replies.sse(openAiStreamBody(['Which ', 'regulation ', 'worries you?'], { input: 42, output: 7 })));
    const { parts, text, error } = await collect(streamOf(openai()));
    expect(error).toBeUndefined();
    expect(text).toBe('Which regulation worries you?');
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(3);
    expect(parts.at(-1)).toEqual({ type: 'finish', usage: { tokensIn: 42, tokensOut: 7 }, finishReason: 'stop' });
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(r.requests).toHaveLength(1);
    const body = r.requests[0]!.body;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.model).toBe('gpt-4.1-mini');
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(body.messages[3].content).toBe('Regulation.');
    expect(r.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('reports a reply cut by the token limit as finishReason "length"', async () => {
    route(replies.sse(openAiStreamBody(['Long'], { input: 1, output: 1 }, { finishReason: 'length' })));
    const { parts } = await collect(streamOf(openai()));
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
  });

  it('retries a 429 and then streams the reply (one more request seen)', async () => {
    const r = route(
      replies.status(429, openAiErrorBody('Rate limit reached for requests', 'rate_limit_exceeded', 'requests')),
      replies.sse(openAiStreamBody(['Hello'])),
    );
    const { text, error } = await collect(streamOf(openai()));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(r.requests).toHaveLength(2);
  });

  it('waits at least the retry-after the provider asks for', async () => {
    const r = route(
      replies.status(429, openAiErrorBody('Rate limit reached'), { 'retry-after': '0.08' }),
      replies.sse(openAiStreamBody(['ok'])),
    );
    const start = performance.now();
    const { text } = await collect(streamOf(openai()));
    expect(text).toBe('ok');
    expect(performance.now() - start).toBeGreaterThanOrEqual(75);
    expect(r.requests).toHaveLength(2);
  });

  it('gives up on a 500 after maxAttempts requests with a clear, retryable error', async () => {
    const r = route(
      replies.status(
        500,
        openAiErrorBody('The server had an error while processing your request.', null, 'server_error'),
      ),
    );
    const { parts, error } = await collect(streamOf(openai()));
    expect(parts).toEqual([]);
    expect(isProviderError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, retryable: true });
    expect((error as Error).message).toMatch(/unavailable or overloaded \(HTTP 500\).*Tried 3 times/);
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(3);
  });

  it('honours a smaller attempt bound', async () => {
    const r = route(replies.status(503, openAiErrorBody('busy')));
    const { error } = await collect(streamOf(openai({ maxAttempts: 2 })));
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(r.requests).toHaveLength(2);
  });

  it('does not retry a rejected key, and says so without the key or a troubleshooting URL', async () => {
    const r = route(
      replies.status(
        401,
        openAiErrorBody(
          `Incorrect API key provided: ${TEST_KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_api_key',
        ),
      ),
    );
    const { error } = await collect(streamOf(openai()));
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect((error as Error).message).toContain('refused the API key');
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(1);
  });

  it('does not retry a bad request, and passes on what the provider said (redacted)', async () => {
    const r = route(
      replies.status(
        400,
        openAiErrorBody(`Invalid value for 'temperature' (request made with key ${TEST_KEY}).`, 'invalid_value'),
      ),
    );
    const { error } = await collect(streamOf(openai()));
    expect(error).toMatchObject({ kind: 'bad_request', status: 400, retryable: false });
    expect((error as Error).message).toContain("Invalid value for 'temperature'");
    expect((error as Error).message).toContain('[redacted]');
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(1);
  });

  it('explains a context overflow in plain words', async () => {
    const r = route(
      replies.status(
        400,
        openAiErrorBody("This model's maximum context length is 128000 tokens.", 'context_length_exceeded'),
      ),
    );
    const { error } = await collect(streamOf(openai()));
    expect(error).toMatchObject({ kind: 'bad_request', status: 400, retryable: false });
    expect((error as Error).message).toMatch(/too long for this model's context window \(HTTP 400\)/);
    expect(r.requests).toHaveLength(1);
  });

  it('names an unknown model on a 404', async () => {
    route(replies.status(404, openAiErrorBody('The model `gpt-nope` does not exist', 'model_not_found')));
    const { error } = await collect(streamOf(openai()));
    expect(error).toMatchObject({ kind: 'bad_request', status: 404 });
    expect((error as Error).message).toContain('"gpt-4.1-mini"');
    expectCleanMessage((error as Error).message);
  });

  it('reports a stream cut after some deltas as an error, after delivering the deltas, and does not retry', async () => {
    const events = openAiStreamEvents(['Hel', 'lo', ' world']);
    const r = route(replies.sseEvents(events.slice(0, 3), 'close')); // role chunk, "Hel", "lo"; no finish
    const { parts, text, error } = await collect(streamOf(openai()));
    expect(text).toBe('Hello');
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).toMatch(/broke in the middle of its reply\. What it wrote is kept/);
    expect(r.requests).toHaveLength(1);
  });

  it('reports a connection dropped mid-stream after delivering the deltas, and does not retry', async () => {
    const events = openAiStreamEvents(['Hel', 'lo', ' world']);
    const r = route(replies.sseEvents(events.slice(0, 3), 'error'));
    const { text, error } = await collect(streamOf(openai()));
    expect(text).toBe('Hello');
    expect(isProviderError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'network' });
    // The server was reached: the words say the connection broke, not that it could not be reached.
    expect((error as Error).message).toMatch(/broke in the middle of its reply/);
    expect((error as Error).message).not.toMatch(/Could not reach/);
    expect(r.requests).toHaveLength(1);
  });

  it('retries a stream cut before its first delta', async () => {
    const events = openAiStreamEvents(['Hel', 'lo']);
    const r = route(replies.sseEvents(events.slice(0, 1), 'close'), replies.sse(openAiStreamBody(['Hello'])));
    const { text, error } = await collect(streamOf(openai()));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(r.requests).toHaveLength(2);
  });

  it('ends a reply that stalls mid-answer within the idle timeout, keeping what it wrote', async () => {
    const r = route(replies.sseEvents(openAiStreamEvents(['Hel', 'lo', ' world']).slice(0, 3), 'hang'));
    await expectSilenceEnds(openai({ idleTimeoutMs: IDLE_MS }), () => r.requests, {
      text: 'Hello',
      message: STALLED_MID_REPLY,
    });
  });

  it('ends a stream that sends no text within the idle timeout, without retrying it', async () => {
    const r = route(replies.sseEvents(openAiStreamEvents(['Hel', 'lo']).slice(0, 1), 'hang'));
    await expectSilenceEnds(openai({ idleTimeoutMs: IDLE_MS }), () => r.requests, {
      text: '',
      message: SILENT_FROM_THE_START,
    });
  });

  it('ends a request whose response never starts within the idle timeout, however long the call timeout', async () => {
    const r = route(replies.delayed(3_000, replies.sse(openAiStreamBody(['late']))));
    await expectSilenceEnds(openai({ idleTimeoutMs: IDLE_MS, timeoutMs: 60_000 }), () => r.requests, {
      text: '',
      message: SILENT_FROM_THE_START,
    });
  });

  it('lets a slow but steady reply run longer than the idle timeout', async () => {
    const chunks = ['One ', 'word ', 'at ', 'a ', 'time, ', 'slowly ', 'but ', 'surely.'];
    route(replies.sseEvents(openAiStreamEvents(chunks), 'close', 100));
    const start = performance.now();
    const { text, error } = await collect(streamOf(openai({ idleTimeoutMs: 500 })));
    expect(error).toBeUndefined();
    expect(text).toBe(chunks.join(''));
    expect(performance.now() - start).toBeGreaterThan(500);
  });

  it('stops promptly on abort mid-stream with ProviderError("aborted")', async () => {
    const r = route(replies.sseEvents(openAiStreamEvents(['Hel', 'lo', ' world']).slice(0, 3), 'hang'));
    await expectPromptAbortMidStream(openai(), () => r.requests);
  });

  it('aborts during a backoff wait without another request', async () => {
    const r = route(replies.status(503, openAiErrorBody('busy')));
    const controller = new AbortController();
    const model = openai({ retryBaseMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    const start = performance.now();
    const { error } = await collect(streamOf(model, conversation, controller.signal));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(r.requests).toHaveLength(1);
  });

  it('makes no request when already aborted', async () => {
    const r = route(replies.sse(openAiStreamBody(['never'])));
    const controller = new AbortController();
    controller.abort();
    const { error } = await collect(streamOf(openai(), conversation, controller.signal));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(r.requests).toHaveLength(0);
  });

  it('retries a network failure and then names the endpoint it could not reach', async () => {
    const r = route(replies.networkError());
    const { error } = await collect(streamOf(openai()));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect((error as Error).message).toContain('https://api.openai.com/v1');
    expect(r.requests).toHaveLength(3);
  });

  it('times out a request that does not answer in time', async () => {
    const r = route(replies.delayed(400, replies.sse(openAiStreamBody(['late']))));
    const { error } = await collect(streamOf(openai({ timeoutMs: 50, maxAttempts: 2 })));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect((error as Error).message).toMatch(/did not answer within 50 ms.*MODEL_TIMEOUT_MS/);
    expectCleanMessage((error as Error).message);
    expect(r.requests).toHaveLength(2);
  });
});

describe('OpenAI adapter: OpenAI-compatible servers', () => {
  it('sends requests to the configured base URL and says so in its identity', async () => {
    const r = scriptedRoute('post', 'http://localhost:11434/v1/chat/completions', [
      replies.sse(openAiStreamBody(['Hi from llama'], { input: 3, output: 4 }, { model: 'llama3.1' })),
    ]);
    server.use(r.handler);
    const model = createChatModel({
      kind: 'openai-compatible',
      ...baseSettings,
      apiKey: '',
      model: 'llama3.1',
      baseURL: 'http://localhost:11434/v1',
    });
    expect(model.identity).toEqual({
      provider: 'openai-compatible',
      label: 'OpenAI-compatible llama3.1 at http://localhost:11434/v1',
      model: 'llama3.1',
    });
    const { text, parts } = await collect(streamOf(model));
    expect(text).toBe('Hi from llama');
    expect(parts.at(-1)).toMatchObject({ usage: { tokensIn: 3, tokensOut: 4 } });
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.body.model).toBe('llama3.1');
  });

  it('uses chat completions even for a model name that LangChain would send to the Responses API', async () => {
    const r = scriptedRoute('post', 'http://localhost:8000/v1/chat/completions', [
      replies.sse(openAiStreamBody(['ok'])),
    ]);
    server.use(r.handler);
    const model = createChatModel({
      kind: 'openai-compatible',
      ...baseSettings,
      model: 'qwen-codex-7b',
      baseURL: 'http://localhost:8000/v1',
    });
    const { text, error } = await collect(streamOf(model));
    expect(error).toBeUndefined();
    expect(text).toBe('ok');
  });

  it('names an unreachable local server in the error', async () => {
    const r = scriptedRoute('post', 'http://localhost:11434/v1/chat/completions', [replies.networkError()]);
    server.use(r.handler);
    const model = createChatModel({
      kind: 'openai-compatible',
      ...baseSettings,
      model: 'llama3.1',
      baseURL: 'http://localhost:11434/v1',
      maxAttempts: 1,
    });
    const { error } = await collect(streamOf(model));
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).toMatch(/Could not reach http:\/\/localhost:11434\/v1.*running/);
    expect(r.requests).toHaveLength(1);
  });
});

describe('OpenAI adapter: OpenAI through a proxy', () => {
  const proxied = (apiKey = TEST_KEY) =>
    createChatModel({
      kind: 'openai',
      ...baseSettings,
      apiKey,
      model: 'gpt-4.1',
      baseURL: 'https://llm-proxy.example.com/openai/v1',
    });

  it('sends the key to the proxy and names OpenAI as the provider', async () => {
    const r = scriptedRoute('post', 'https://llm-proxy.example.com/openai/v1/chat/completions', [
      replies.sse(openAiStreamBody(['Through the proxy'])),
    ]);
    server.use(r.handler);
    const model = proxied();
    expect(model.identity).toEqual({
      provider: 'openai',
      label: 'OpenAI gpt-4.1 at https://llm-proxy.example.com/openai/v1',
      model: 'gpt-4.1',
    });
    const { text, error } = await collect(streamOf(model));
    expect(error).toBeUndefined();
    expect(text).toBe('Through the proxy');
    expect(r.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('refuses to call without a key, as OpenAI itself would', async () => {
    const { error } = await collect(streamOf(proxied('')));
    expect(error).toMatchObject({ kind: 'auth', message: expect.stringContaining('No OpenAI API key') });
  });
});

describe('OpenAI adapter: structured output', () => {
  it('returns the validated value from a forced function call, with one draft call recorded', async () => {
    const r = route(
      replies.json(
        openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } }, { input: 100, output: 50 }),
      ),
    );
    const result = await openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' });
    expect(result.value.trends.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(result.usage).toEqual({ tokensIn: 100, tokensOut: 50 });
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toMatchObject({ purpose: 'draft', outcome: 'ok', usage: { tokensIn: 100, tokensOut: 50 } });
    const body = r.requests[0]!.body;
    expect(body.stream).toBe(false);
    expect(body.tools[0].function.name).toBe('trends');
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'trends' } });
    expect(r.requests).toHaveLength(1);
  });

  it('repairs invalid output with exactly one re-ask that lists the validation problems', async () => {
    const invalid = { trends: [{ ...trend('t1', true), lens: 'astrology' }] };
    const r = route(
      replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: invalid } }, { input: 100, output: 40 })),
      replies.json(
        openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } }, { input: 180, output: 50 }),
      ),
    );
    const result = await openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' });
    expect(result.value.trends).toHaveLength(2);
    expect(r.requests).toHaveLength(2);
    const repairMessages = r.requests[1]!.body.messages as { role: string; content: string }[];
    expect(repairMessages).toHaveLength(conversation.length + 2);
    expect(repairMessages.at(-2)).toMatchObject({ role: 'assistant' });
    expect(repairMessages.at(-2)!.content).toContain('astrology'); // the model sees its own output
    expect(repairMessages.at(-1)!.role).toBe('user');
    expect(repairMessages.at(-1)!.content).toContain('trends.0.lens');
    expect(repairMessages.at(-1)!.content).toContain('"trends"');
    expect(result.calls.map((c) => [c.purpose, c.outcome])).toEqual([
      ['draft', 'invalid_output'],
      ['repair', 'ok'],
    ]);
    expect(result.usage).toEqual({ tokensIn: 280, tokensOut: 90 });
  });

  it('repairs malformed JSON arguments (e.g. a reply cut off) the same way', async () => {
    const r = route(
      replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: '{"trends": [{"id": "t1"' } })),
      replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } })),
    );
    const result = await openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' });
    expect(result.value.trends).toHaveLength(2);
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1]!.body.messages.at(-1).content).toContain('not valid JSON');
  });

  it('repairs a plain-text reply that did not call the function', async () => {
    const r = route(
      replies.json(openAiJsonCompletion('Here are some trends: AI, regulation.')),
      replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } })),
    );
    const result = await openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' });
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_output', 'ok']);
    expect(r.requests[1]!.body.messages.at(-1).content).toContain('"trends" was not called');
  });

  it('throws invalid_output with the issues when the re-ask is still invalid: exactly 2 requests', async () => {
    const r = route(
      replies.json(
        openAiJsonCompletion({ toolCall: { name: 'trends', args: { trends: 'none' } } }, { input: 10, output: 3 }),
      ),
    );
    const error = await rejection(
      openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' }),
    );
    expect(isProviderError(error)).toBe(true);
    expect(error.kind).toBe('invalid_output');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues.join('\n')).toMatch(/^trends: /m);
    expectCleanMessage(error.message);
    expect(r.requests).toHaveLength(2);
    expect(callsOf(error).map((c) => [c.purpose, c.outcome, c.usage.tokensOut])).toEqual([
      ['draft', 'invalid_output', 3],
      ['repair', 'invalid_output', 3],
    ]);
  });

  it('retries a 429 inside a structured call without spending the repair', async () => {
    const r = route(
      replies.status(429, openAiErrorBody('Rate limit reached')),
      replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } })),
    );
    const result = await openai().structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' });
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]!.outcome).toBe('ok');
    expect(r.requests).toHaveLength(2);
  });

  it('reports a failed structured call with its call record', async () => {
    const r = route(replies.status(500, openAiErrorBody('boom')));
    const error = await rejection(
      openai({ maxAttempts: 2 }).structured(conversation, TrendsArtifact, { signal: signal(), name: 'trends' }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(callsOf(error)).toEqual([expect.objectContaining({ purpose: 'draft', outcome: 'error' })]);
    expect(r.requests).toHaveLength(2);
  });

  it('aborts a structured call in flight', async () => {
    route(
      replies.delayed(2_000, replies.json(openAiJsonCompletion({ toolCall: { name: 'trends', args: validTrends } }))),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const start = performance.now();
    const error = await rejection(
      openai().structured(conversation, TrendsArtifact, { signal: controller.signal, name: 'trends' }),
    );
    expect(error.kind).toBe('aborted');
    expect(performance.now() - start).toBeLessThan(1_500);
    expect(callsOf(error)).toEqual([expect.objectContaining({ purpose: 'draft', outcome: 'aborted' })]);
  });
});
