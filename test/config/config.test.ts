import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MODELS, loadConfig } from '../../src/config.js';
import { startServerProcess } from '../support/serverProcess.js';

describe('configuration from the environment', () => {
  it('runs the offline facilitator with no settings at all, storing sessions under sessions/', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: '/srv/app/sessions/foresight.db',
      model: { kind: 'offline' },
      promptTokenBudget: 6000,
    });
  });

  it('picks a provider from the keys present, and the default model for it', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'k' }).model).toEqual({
      kind: 'openai',
      apiKey: 'k',
      model: DEFAULT_MODELS.openai,
      baseURL: null,
    });
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', MODEL: 'claude-x' }).model).toMatchObject({
      kind: 'anthropic',
      model: 'claude-x',
    });
    expect(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', MODEL: 'llama3.1' }).model).toEqual({
      kind: 'openai-compatible',
      apiKey: null,
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.1',
    });
    expect(loadConfig({ PROVIDER: 'offline', OPENAI_API_KEY: 'k' }).model).toEqual({ kind: 'offline' });
  });

  it('sends the critic to the other provider when both keys are set, and keeps it on the same model otherwise', () => {
    const both = { OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a' };
    // Auto picks Anthropic for the facilitator when both keys are set: the critic goes to OpenAI.
    expect(loadConfig(both)).toMatchObject({
      model: { kind: 'anthropic' },
      critic: { kind: 'openai', apiKey: 'o', model: DEFAULT_MODELS.openai, baseURL: null },
    });
    expect(loadConfig({ ...both, PROVIDER: 'openai' }).critic).toEqual({
      kind: 'anthropic',
      apiKey: 'a',
      model: DEFAULT_MODELS.anthropic,
      baseURL: null,
    });
    expect(loadConfig({ ...both, CRITIC_PROVIDER: 'same' }).critic).toBeNull();
    expect(loadConfig({ OPENAI_API_KEY: 'o' }).critic).toBeNull();
    expect(loadConfig({ ...both, PROVIDER: 'offline' }).critic).toBeNull();
    // A local model is not paired with a cloud critic unless asked: the transcript would leave the machine.
    const local = {
      ANTHROPIC_API_KEY: 'a',
      PROVIDER: 'openai',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      MODEL: 'llama3.1',
    };
    expect(loadConfig(local).critic).toBeNull();
    expect(loadConfig({ ...local, CRITIC_PROVIDER: 'anthropic' }).critic).toMatchObject({ kind: 'anthropic' });
    // The same provider with another model, when CRITIC_MODEL names one.
    expect(
      loadConfig({ OPENAI_API_KEY: 'o', CRITIC_PROVIDER: 'openai', CRITIC_MODEL: 'gpt-4.1' }).critic,
    ).toMatchObject({
      kind: 'openai',
      model: 'gpt-4.1',
    });
    expect(() => loadConfig({ OPENAI_API_KEY: 'o', CRITIC_PROVIDER: 'anthropic' })).toThrow(
      'CRITIC_PROVIDER=anthropic needs ANTHROPIC_API_KEY.',
    );
  });

  it('reads OPENAI_BASE_URL with PROVIDER=openai and the key as OpenAI through a proxy, with its default model', () => {
    const proxy = { PROVIDER: 'openai', OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://proxy.example.com/v1' };
    expect(loadConfig(proxy).model).toEqual({
      kind: 'openai',
      apiKey: 'k',
      model: DEFAULT_MODELS.openai,
      baseURL: 'https://proxy.example.com/v1',
    });
  });

  it('reads OPENAI_BASE_URL without PROVIDER=openai, or without a key, as an OpenAI-compatible server', () => {
    const server = { OPENAI_BASE_URL: 'http://localhost:8000/v1', MODEL: 'qwen2.5' };
    expect(loadConfig({ ...server, OPENAI_API_KEY: 'vllm-key' }).model).toEqual({
      kind: 'openai-compatible',
      apiKey: 'vllm-key',
      model: 'qwen2.5',
      baseURL: 'http://localhost:8000/v1',
    });
    expect(loadConfig({ ...server, PROVIDER: 'openai' }).model).toMatchObject({
      kind: 'openai-compatible',
      apiKey: null,
    });
  });

  it('keeps an Anthropic proxy with its key, and ignores an unused base URL when another provider is chosen', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'https://proxy.example.com' }).model).toEqual({
      kind: 'anthropic',
      apiKey: 'k',
      model: DEFAULT_MODELS.anthropic,
      baseURL: 'https://proxy.example.com',
    });
    expect(loadConfig({ PROVIDER: 'offline', ANTHROPIC_BASE_URL: 'https://proxy.example.com' }).model).toEqual({
      kind: 'offline',
    });
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(loadConfig({ PORT: '', MODEL: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }).model).toEqual({
      kind: 'offline',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PROVIDER: 'gemini' }, /PROVIDER: must be one of auto, offline, openai, anthropic/],
    [{ OPENAI_BASE_URL: 'localhost:11434' }, /OPENAI_BASE_URL: must be an http\(s\) URL/],
    [{ PROMPT_TOKEN_BUDGET: '100' }, /PROMPT_TOKEN_BUDGET: must be at least 500/],
    [{ PROVIDER: 'anthropic' }, /needs ANTHROPIC_API_KEY/],
    [{ PROVIDER: 'openai' }, /needs OPENAI_API_KEY, or OPENAI_BASE_URL/],
    [{ OPENAI_BASE_URL: 'http://localhost:11434/v1' }, /also set MODEL/],
    [{ ANTHROPIC_BASE_URL: 'https://proxy.example.com' }, /ANTHROPIC_BASE_URL is set but ANTHROPIC_API_KEY is not/],
    [
      { ANTHROPIC_BASE_URL: 'https://proxy.example.com', OPENAI_API_KEY: 'k' },
      /ANTHROPIC_BASE_URL is set but ANTHROPIC_API_KEY is not/,
    ],
  ])('refuses %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads who may reach the server: ALLOWED_HOSTS as names, ACCESS_TOKEN as it is', () => {
    expect(loadConfig({})).toMatchObject({ allowedHosts: [], accessToken: null });
    expect(
      loadConfig({
        ALLOWED_HOSTS: ' Foresight.Example.com, studio.local,,[::1] ',
        ACCESS_TOKEN: ' a-long-random-token-1234 ',
      }),
    ).toMatchObject({
      allowedHosts: ['foresight.example.com', 'studio.local', '[::1]'],
      accessToken: 'a-long-random-token-1234',
    });
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://foresight.example.com' })).toThrow(
      /ALLOWED_HOSTS.*: must be host names separated by commas, without scheme or port/,
    );
    expect(() => loadConfig({ ALLOWED_HOSTS: 'foresight.example.com:443' })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadConfig({ ACCESS_TOKEN: 'short' })).toThrow(/ACCESS_TOKEN: must be at least 16 characters/);
    try {
      loadConfig({ ACCESS_TOKEN: 'secret token with spaces' });
    } catch (e) {
      expect(String(e)).toMatch(/ACCESS_TOKEN: must not contain spaces/);
      expect(String(e)).not.toContain('secret token');
    }
  });

  it('never puts a key in a message', () => {
    try {
      loadConfig({ ANTHROPIC_API_KEY: 'secret-value-123', PORT: 'x' });
    } catch (e) {
      expect(String(e)).not.toContain('secret-value-123');
    }
  });

  it('stops the server at start-up with the message and exit code 2', async () => {
    await expect(startServerProcess({ PROVIDER: 'gemini' })).rejects.toThrow(
      /exited with 2[\s\S]*PROVIDER: must be one of/,
    );
  });

  it('reads a .env in the working directory, and the environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foresight-env-'));
    writeFileSync(join(dir, '.env'), 'PROVIDER=gemini\n');
    const root = resolve(import.meta.dirname, '..', '..');
    // tsx by path: `--import tsx` would be resolved from the temporary working directory.
    const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', loader, join(root, 'src', 'main.ts')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
        timeout: 20_000,
      });
    const fromFile = run({});
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toContain('PROVIDER: must be one of');
    const overridden = run({ PROVIDER: 'offline', PORT: 'not-a-port' });
    expect(overridden.status).toBe(2);
    expect(overridden.stderr).toContain('PORT');
    expect(overridden.stderr).not.toContain('PROVIDER');
  });
});
