import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { z } from 'zod';
import { ChatOpenAI } from '@langchain/openai';
import { generateStructured, judge } from '../../src/providers/structured.js';
import { callsOf } from '../../src/domain/index.js';
import { toLangChainMessages } from '../../src/providers/langchain.js';
import { toProviderError } from '../../src/providers/errors.js';
import { RETRY_DEFAULTS } from '../../src/providers/retry.js';
import { OPENAI_CHAT_URL, openAiJsonCompletion, replies, scriptedRoute } from '../support/wire.js';
import { TEST_KEY, conversation, rejection } from './helpers.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const Verdict = z.object({ verdict: z.enum(['go', 'wait']), reason: z.string().min(1).nullable() });

describe('judge', () => {
  it('accepts a parsed value that passes our schema, with its transforms applied', () => {
    const Trimmed = z.object({ name: z.string().trim().min(1) });
    expect(judge(Trimmed, 'x', undefined, { name: '  A  ' })).toEqual({ ok: true, value: { name: 'A' } });
  });

  it('treats a missing parsed value as invalid and explains from the raw message', () => {
    const raw = { content: '', tool_calls: [{ name: 'x', args: { verdict: 'maybe', reason: null } }] };
    const v = judge(Verdict, 'x', raw, null);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.issues[0]).toMatch(/^verdict: /);
      expect(v.rawText).toBe('{"verdict":"maybe","reason":null}');
    }
  });

  it('says when the output was cut off at the token limit', () => {
    const raw = {
      content: '',
      invalid_tool_calls: [{ name: 'x', args: '{"verdict": "go", "rea' }],
      response_metadata: { finish_reason: 'length' },
    };
    const v = judge(Verdict, 'x', raw, null);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.issues).toEqual([
        "The output was cut off at the model's output limit: keep it shorter.",
        'The arguments of "x" were not valid JSON.',
      ]);
  });

  it('accepts JSON written as plain text when it is valid', () => {
    expect(judge(Verdict, 'x', { content: '{"verdict":"go","reason":null}' }, undefined)).toEqual({
      ok: true,
      value: { verdict: 'go', reason: null },
    });
  });
});

/** A Verdict through ChatOpenAI's jsonSchema method, with our repair loop and fast retries. */
function generateVerdictOnJsonSchemaPath() {
  const model = new ChatOpenAI({ model: 'gpt-4.1-mini', apiKey: TEST_KEY, maxRetries: 0 });
  return generateStructured(
    {
      model: () => model,
      method: 'jsonSchema',
      toMessages: (m) => toLangChainMessages(m, { mergeSystem: false }),
      retry: (signal) => ({
        policy: { ...RETRY_DEFAULTS, baseDelayMs: 1 },
        signal,
        toError: (e) => toProviderError(e, { signal }),
      }),
    },
    conversation,
    Verdict,
    { signal: new AbortController().signal, name: 'verdict' },
  );
}

describe('generateStructured on the jsonSchema path (where LangChain parses inside the request)', () => {
  // Measured: with a zod-4 schema, ChatOpenAI's jsonSchema method throws a ZodError from inside the
  // request. It must count as invalid output (one repair), not as a failed call, and cost no retries.
  it('turns a ZodError thrown inside the request into one repair re-ask', async () => {
    const r = scriptedRoute('post', OPENAI_CHAT_URL, [
      replies.json(openAiJsonCompletion('{"verdict":"maybe","reason":null}')),
      replies.json(openAiJsonCompletion('{"verdict":"go","reason":"ready"}')),
    ]);
    server.use(r.handler);
    const result = await generateVerdictOnJsonSchemaPath();
    expect(result.value).toEqual({ verdict: 'go', reason: 'ready' });
    expect(r.requests).toHaveLength(2);
    expect(r.requests[0]!.body.response_format.type).toBe('json_schema');
    expect(r.requests[0]!.body.response_format.json_schema.strict).toBe(true); // forced by LangChain
    expect(r.requests[1]!.body.messages.at(-1).content).toContain('verdict: ');
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_output', 'ok']);
  });

  it('gives up after the one repair with exactly two requests', async () => {
    const r = scriptedRoute('post', OPENAI_CHAT_URL, [
      replies.json(openAiJsonCompletion('{"verdict":"maybe","reason":null}')),
    ]);
    server.use(r.handler);
    const error = await rejection(generateVerdictOnJsonSchemaPath());
    expect(error.kind).toBe('invalid_output');
    expect(error.issues[0]).toMatch(/^verdict: /);
    expect(r.requests).toHaveLength(2);
    expect(callsOf(error)).toHaveLength(2);
  });
});
