import { ProviderError } from './types.js';

/** What every adapter is built from (ProviderConfig in index.ts adds the `kind`). */
export interface ProviderSettings {
  readonly apiKey: string;
  readonly model: string;
  /** An OpenAI-compatible server (e.g. "http://localhost:11434/v1"), or a proxy in front of OpenAI or Anthropic. */
  readonly baseURL?: string | null;
  /** Per request, until the response starts; a structured (drafting) call until its answer is ready. */
  readonly timeoutMs: number;
  /**
   * A streamed reply ends when no text has come for this long: from the request until the first text,
   * and between texts (a server that stalls mid-answer must not hold the session).
   */
  readonly idleTimeoutMs: number;
  /** Attempts in all for retryable failures (rate limits, 5xx, timeouts, network), e.g. 3. */
  readonly maxAttempts: number;
  /** The first backoff, doubling per attempt, e.g. 500. */
  readonly retryBaseMs: number;
}

/** A URL fit to show: no credentials, query or fragment (where keys sometimes hide). */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * A client or model built on first use, and refused without a key. Lazily, because msw (tests) only
 * intercepts clients built after server.listen(); the SDKs capture fetch when they are constructed.
 */
export function onFirstUse<T>(vendor: string, apiKey: string, build: () => T): () => T {
  let built: T | undefined;
  return () => {
    if (!apiKey)
      throw new ProviderError(
        'auth',
        `No ${vendor} API key is configured. Set one in the configuration, or use the offline facilitator.`,
      );
    built ??= build();
    return built;
  };
}
