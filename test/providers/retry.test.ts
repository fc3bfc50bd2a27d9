import { describe, expect, it } from 'vitest';
import { RETRY_DEFAULTS, retryCall, retryDelay, retryStream, sleep, type RetryRun } from '../../src/providers/retry.js';
import { ProviderError } from '../../src/providers/types.js';
import { toProviderError } from '../../src/providers/errors.js';

const busy = () => new ProviderError('unavailable', 'busy', { status: 503, retryable: true });
const policy = { ...RETRY_DEFAULTS, baseDelayMs: 1 };
const run = (signal = new AbortController().signal, over: Partial<typeof policy> = {}): RetryRun => ({
  policy: { ...policy, ...over },
  signal,
  toError: (e) => toProviderError(e, { signal }),
});

describe('retryDelay', () => {
  it('doubles from the base, with jitter between half and all of it, capped', () => {
    const p = { ...RETRY_DEFAULTS, baseDelayMs: 500, maxDelayMs: 8_000 };
    expect(retryDelay(1, busy(), p, () => 0)).toBe(250);
    expect(retryDelay(1, busy(), p, () => 1)).toBe(500);
    expect(retryDelay(2, busy(), p, () => 1)).toBe(1000);
    expect(retryDelay(3, busy(), { ...p, maxAttempts: 10 }, () => 1)).toBe(2000);
    expect(retryDelay(9, busy(), { ...p, maxAttempts: 10 }, () => 1)).toBe(8000);
  });

  it('stops at the attempt bound and for errors that are not retryable', () => {
    expect(retryDelay(3, busy(), RETRY_DEFAULTS)).toBeNull();
    expect(retryDelay(1, new ProviderError('auth', 'no', { status: 401 }), RETRY_DEFAULTS)).toBeNull();
  });

  it("waits at least the provider's retry-after, and not at all when it asks for too long", () => {
    const limited = (after: string) =>
      new ProviderError('rate_limited', 'slow', {
        status: 429,
        retryable: true,
        cause: { headers: new Headers({ 'retry-after': after }) },
      });
    expect(retryDelay(1, limited('3'), RETRY_DEFAULTS, () => 0)).toBe(3000);
    expect(retryDelay(1, limited('600'), RETRY_DEFAULTS, () => 0)).toBeNull();
  });
});

describe('retryCall', () => {
  it('retries retryable failures up to the bound, then says how often it tried', async () => {
    let calls = 0;
    const error = await retryCall(async () => {
      calls++;
      throw busy();
    }, run()).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toMatchObject({ kind: 'unavailable', message: 'busy (Tried 3 times.)' });
  });

  it('returns the first success', async () => {
    let calls = 0;
    const value = await retryCall(async () => {
      if (++calls < 2) throw busy();
      return 'ok';
    }, run());
    expect([value, calls]).toEqual(['ok', 2]);
  });

  it('is aborted during a backoff wait', async () => {
    const controller = new AbortController();
    let calls = 0;
    setTimeout(() => controller.abort(), 20);
    const start = performance.now();
    const error = await retryCall(
      async () => {
        calls++;
        throw busy();
      },
      run(controller.signal, { baseDelayMs: 60_000 }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(calls).toBe(1);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('retryStream', () => {
  it('retries a failure before the first part, but not after one', async () => {
    let opened = 0;
    async function* open() {
      opened++;
      if (opened === 1) throw busy();
      yield 'a';
      throw busy();
    }
    const got: string[] = [];
    const error = await (async () => {
      for await (const part of retryStream(open, run())) got.push(part);
    })().catch((e: unknown) => e);
    expect(got).toEqual(['a']);
    expect(opened).toBe(2);
    expect(error).toMatchObject({ kind: 'unavailable' });
  });
});

describe('sleep', () => {
  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
