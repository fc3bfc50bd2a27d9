import { ProviderError } from './types.js';
import { retryAfterMs, toProviderError } from './errors.js';
import { publicUrl, type ProviderSettings } from './settings.js';

/**
 * Our one retry layer (the LangChain models are built with maxRetries: 0, so nothing else retries):
 * bounded attempts, exponential backoff with jitter, the provider's retry-after honoured,
 * only for retryable ProviderErrors, and abortable during the waits too.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first backoff; it doubles each attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A retry-after longer than this is not waited for: the error is thrown at once. */
  readonly maxRetryAfterMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface RetryRun {
  readonly policy: RetryPolicy;
  readonly signal: AbortSignal;
  /** Maps anything thrown to a ProviderError (see errors.ts). */
  readonly toError: (e: unknown) => ProviderError;
  /** Told before each wait, e.g. for logging. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
  readonly random?: () => number;
}

/**
 * How an adapter retries its calls: the policy from its settings, and errors mapped in our words with
 * the endpoint and model named and the key redacted.
 */
export function retryRunFor(settings: ProviderSettings, baseURL: string): (signal: AbortSignal) => RetryRun {
  const errorContext = {
    endpoint: publicUrl(baseURL),
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    secrets: [settings.apiKey],
  };
  return (signal) => ({
    policy: { ...RETRY_DEFAULTS, maxAttempts: settings.maxAttempts, baseDelayMs: settings.retryBaseMs },
    signal,
    toError: (e) => toProviderError(e, { ...errorContext, signal }),
  });
}

const aborted = () => new ProviderError('aborted', 'The request to the model was stopped.');

/** Resolves after `ms`, or rejects with ProviderError('aborted') as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The wait before attempt `attempt + 1`, or null when not to retry.
 * Backoff: base × 2^(attempt−1), capped, with "equal jitter" (half fixed, half random);
 * a provider's retry-after is a floor.
 */
export function retryDelay(
  attempt: number,
  error: ProviderError,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!error.retryable || attempt >= policy.maxAttempts) return null;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = backoff / 2 + random() * (backoff / 2);
  const asked = retryAfterMs(error);
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return null;
  return Math.max(jittered, asked ?? 0);
}

/** The error people see when the attempts ran out: the same kind, saying how often we tried. */
function exhausted(error: ProviderError, attempts: number): ProviderError {
  if (attempts <= 1 || !error.retryable) return error;
  return new ProviderError(error.kind, `${error.message} (Tried ${attempts} times.)`, {
    status: error.status,
    retryable: true,
    issues: error.issues,
    cause: error.cause ?? error,
  });
}

async function decide(attempt: number, raw: unknown, run: RetryRun): Promise<void> {
  const error = run.signal.aborted ? aborted() : run.toError(raw);
  const delay = error.kind === 'aborted' ? null : retryDelay(attempt, error, run.policy, run.random);
  if (delay === null) throw exhausted(error, attempt);
  run.onRetry?.({ attempt, delayMs: delay, error });
  await sleep(delay, run.signal);
}

/** Calls `fn` until it succeeds, a non-retryable error comes, or the attempts run out. */
export async function retryCall<T>(fn: (attempt: number) => Promise<T>, run: RetryRun): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (run.signal.aborted) throw aborted();
    try {
      return await fn(attempt);
    } catch (e) {
      await decide(attempt, e, run);
    }
  }
}

/**
 * Streams `open()`; a failure before anything was yielded is retried like a call. Once a part has
 * reached the consumer the error is thrown as is: the consumer keeps the partial reply.
 */
export async function* retryStream<T>(open: (attempt: number) => AsyncIterable<T>, run: RetryRun): AsyncGenerator<T> {
  for (let attempt = 1; ; attempt++) {
    if (run.signal.aborted) throw aborted();
    let yielded = false;
    try {
      for await (const part of open(attempt)) {
        yielded = true;
        yield part;
      }
      return;
    } catch (e) {
      if (yielded) throw run.signal.aborted ? aborted() : run.toError(e);
      await decide(attempt, e, run);
    }
  }
}
