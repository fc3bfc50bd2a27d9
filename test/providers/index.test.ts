import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createChatModel, describeModel, type ProviderConfig } from '../../src/providers/index.js';
import { publicUrl } from '../../src/providers/settings.js';
import { toLangChainMessages } from '../../src/providers/langchain.js';
import { TEST_KEY, baseSettings } from './helpers.js';

describe('createChatModel', () => {
  it.each<[ProviderConfig, string, string]>([
    [{ kind: 'openai', model: 'gpt-4.1-mini', ...baseSettings }, 'openai', 'OpenAI gpt-4.1-mini'],
    [
      { kind: 'openai-compatible', model: 'llama3.1', ...baseSettings, baseURL: 'http://localhost:11434/v1' },
      'openai-compatible',
      'OpenAI-compatible llama3.1 at http://localhost:11434/v1',
    ],
    [{ kind: 'openai', model: 'gpt-4.1-mini', ...baseSettings, baseURL: null }, 'openai', 'OpenAI gpt-4.1-mini'],
    [
      { kind: 'openai', model: 'gpt-4.1', ...baseSettings, baseURL: 'https://proxy.example.com/v1' },
      'openai',
      'OpenAI gpt-4.1 at https://proxy.example.com/v1',
    ],
    [{ kind: 'anthropic', model: 'claude-sonnet-4-5', ...baseSettings }, 'anthropic', 'Anthropic claude-sonnet-4-5'],
  ])('builds %o as provider %s labelled "%s", without a network call', (config, provider, label) => {
    const model = createChatModel(config);
    expect(model.identity).toEqual({ provider, label, model: config.model });
    expect(describeModel(config)).toEqual(model.identity);
    expect(model.identity.label).not.toContain(TEST_KEY);
  });

  it('never shows credentials or query strings from a base URL', () => {
    const model = createChatModel({
      kind: 'openai-compatible',
      model: 'm',
      ...baseSettings,
      baseURL: `https://user:${TEST_KEY}@llm.example.com/v1/?api_key=${TEST_KEY}`,
    });
    expect(model.identity.label).toBe('OpenAI-compatible m at https://llm.example.com/v1');
    expect(publicUrl('not a url')).toBe('the configured server');
  });
});

describe('toLangChainMessages', () => {
  const messages = [
    { role: 'system', content: 'A' },
    { role: 'user', content: 'u1' },
    { role: 'system', content: 'B' },
    { role: 'assistant', content: 'a1' },
  ] as const;

  it('keeps roles and order for OpenAI', () => {
    expect(toLangChainMessages(messages, { mergeSystem: false }).map((m) => [m.type, m.content])).toEqual([
      ['system', 'A'],
      ['human', 'u1'],
      ['system', 'B'],
      ['ai', 'a1'],
    ]);
  });

  it('merges every system message into one leading one for Anthropic', () => {
    expect(toLangChainMessages(messages, { mergeSystem: true }).map((m) => [m.type, m.content])).toEqual([
      ['system', 'A\n\nB'],
      ['human', 'u1'],
      ['ai', 'a1'],
    ]);
  });
});

describe('a missing API key', () => {
  it('fails the call with an auth error in plain words, before any request', async () => {
    const model = createChatModel({ kind: 'anthropic', model: 'claude-sonnet-4-5', ...baseSettings, apiKey: '' });
    const stream = model.stream([{ role: 'user', content: 'hi' }], { signal: new AbortController().signal });
    await expect(
      (async () => {
        for await (const _ of stream) {
          /* nothing */
        }
      })(),
    ).rejects.toMatchObject({
      kind: 'auth',
      retryable: false,
      message: expect.stringContaining('No Anthropic API key'),
    });
    const structured = createChatModel({
      kind: 'openai',
      model: 'gpt-4.1-mini',
      ...baseSettings,
      apiKey: '',
    }).structured([{ role: 'user', content: 'hi' }], z.object({ a: z.string() }), {
      signal: new AbortController().signal,
      name: 'a',
    });
    await expect(structured).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('No OpenAI API key'),
    });
  });
});
