import { describe, expect, it } from 'vitest';
import { toProviderError, retryAfterMs, redact } from '../../src/providers/errors.js';
import { ProviderError } from '../../src/providers/types.js';
import { TEST_KEY } from './helpers.js';

/** Shaped like the SDK errors (classification must not need their classes). */
const httpError = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  Object.assign(
    new Error(
      `${status} ${JSON.stringify(body)}\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/X/\n`,
    ),
    {
      status,
      error: body,
      headers: new Headers(headers),
    },
  );

describe('toProviderError', () => {
  it.each([
    [429, 'rate_limited', true],
    [500, 'unavailable', true],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
    [529, 'unavailable', true],
    [408, 'timeout', true],
    [401, 'auth', false],
    [403, 'auth', false],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [422, 'bad_request', false],
  ] as const)('maps HTTP %i to %s (retryable: %s)', (status, kind, retryable) => {
    const e = toProviderError(httpError(status), { model: 'm1' });
    expect(e).toMatchObject({ kind, retryable, status });
    expect(e.message).not.toMatch(/troubleshooting/i);
  });

  it('says what to do about a rate limit', () => {
    expect(toProviderError(httpError(429)).message).toBe(
      'The model provider is rate limiting requests (HTTP 429). Wait a minute and retry.',
    );
  });

  it("says a provider's own timeout (HTTP 408) happened there, without claiming our timer ran out", () => {
    const e = toProviderError(httpError(408), { timeoutMs: 120_000 });
    expect(e.message).toBe('The model provider answered that the request timed out (HTTP 408). Try again in a moment.');
    expect(e.message).not.toMatch(/120 s|in time/);
  });

  it('does not retry a 429 that means the quota is spent', () => {
    const e = toProviderError(
      httpError(429, { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } }),
    );
    expect(e).toMatchObject({ kind: 'rate_limited', retryable: false });
    expect(e.message).toMatch(/quota/);
  });

  it('classifies by lc_error_code when there is no status', () => {
    expect(toProviderError(Object.assign(new Error('x'), { lc_error_code: 'MODEL_RATE_LIMIT' })).kind).toBe(
      'rate_limited',
    );
    expect(toProviderError(Object.assign(new Error('x'), { lc_error_code: 'MODEL_AUTHENTICATION' })).kind).toBe('auth');
  });

  it("classifies Anthropic's mid-stream error events by their type", () => {
    const overloaded = Object.assign(new Error('{"type":"error"}'), {
      status: undefined,
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(toProviderError(overloaded)).toMatchObject({ kind: 'unavailable', retryable: true, status: 529 });
    const limited = Object.assign(new Error('x'), {
      error: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } },
    });
    expect(toProviderError(limited).kind).toBe('rate_limited');
  });

  it('classifies timeouts and connection failures by name, retryably', () => {
    const timeout = Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' });
    expect(toProviderError(timeout, { timeoutMs: 60_000 })).toMatchObject({ kind: 'timeout', retryable: true });
    expect(toProviderError(timeout, { timeoutMs: 60_000 }).message).toContain('60 s');
    class APIConnectionError extends Error {}
    expect(
      toProviderError(new APIConnectionError('Connection error.'), { endpoint: 'http://localhost:11434/v1' }),
    ).toMatchObject({ kind: 'network', retryable: true });
    const reset = Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } });
    expect(toProviderError(reset).kind).toBe('network');
  });

  it('reports any failure after the signal fired as aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toProviderError(httpError(500), { signal: controller.signal }).kind).toBe('aborted');
    expect(toProviderError(new DOMException('This operation was aborted', 'AbortError')).kind).toBe('aborted');
  });

  it('does not retry an error it cannot classify', () => {
    const e = toProviderError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(e.retryable).toBe(false);
    expect(e.message).not.toContain('Cannot read');
  });

  it('passes a ProviderError through unchanged', () => {
    const original = new ProviderError('invalid_output', 'bad', { issues: ['a'] });
    expect(toProviderError(original)).toBe(original);
  });

  it('never repeats the key, even when the provider echoes it', () => {
    // Built at run time: no key-shaped literal is committed, even a fake one.
    const keyShaped = ['sk', 'abcdefghijklmnop1234'].join('-');
    const e = toProviderError(
      httpError(400, { error: { message: `Bad request for key ${TEST_KEY} and ${keyShaped}` } }),
      { secrets: [TEST_KEY] },
    );
    expect(e.message).not.toContain(TEST_KEY);
    expect(e.message).not.toContain(keyShaped);
    expect(e.message).toContain('Bad request for key');
  });
});

describe('retryAfterMs', () => {
  const limited = (headers: Record<string, string>) => toProviderError(httpError(429, {}, headers));
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs(limited({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(limited({ 'retry-after-ms': '150' }))).toBe(150);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(limited({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(limited({}))).toBeUndefined();
  });
});

describe('redact', () => {
  it("drops LangChain's troubleshooting URL and key-shaped strings", () => {
    expect(
      redact(
        '429 slow down\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/MODEL_RATE_LIMIT/\n',
      ),
    ).toBe('429 slow down');
    expect(redact('Incorrect API key provided: test-key****real.')).toBe('Incorrect API key provided: [redacted].');
  });
});
