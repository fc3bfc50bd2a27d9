import { ProviderError, isProviderError, type ProviderErrorKind } from './types.js';

/**
 * Maps whatever the SDKs or LangChain throw to one ProviderError in our own words.
 * Classified by `status`, `lc_error_code`, the provider's error `type` and the error name, never by
 * instanceof (duplicate SDK copies break it: @langchain/anthropic carries its own @anthropic-ai/sdk).
 * The SDK error stays as `cause` (for logs and retry-after); its message never reaches people, because
 * LangChain appends a troubleshooting URL to it and OpenAI echoes part of a rejected key.
 */

export interface ErrorContext {
  /** The caller's signal: once aborted, any failure is reported as 'aborted'. */
  readonly signal?: AbortSignal | undefined;
  /** Where requests go, named in network errors, e.g. "http://localhost:11434/v1". */
  readonly endpoint?: string | undefined;
  readonly model?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** Strings that must never appear in a message (the API key). */
  readonly secrets?: readonly string[] | undefined;
}

type Loose = Record<string, unknown>;

/** A wait as people read it: "30 s", or "250 ms" below a second. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

const asRecord = (v: unknown): Loose | undefined => (typeof v === 'object' && v !== null ? (v as Loose) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function statusOf(e: Loose): number | undefined {
  for (const v of [e.status, e.statusCode, asRecord(e.response)?.status])
    if (typeof v === 'number' && v >= 100) return v;
  return undefined;
}

/** The provider's own error type: Anthropic's `error.type` (also sent mid-stream as `event: error`), OpenAI's `error.type`. */
function providerTypeOf(e: Loose): string | undefined {
  const body = asRecord(e.error);
  return str(asRecord(body?.error)?.type) ?? str(body?.type) ?? str(e.type);
}

function providerCodeOf(e: Loose): string | undefined {
  return str(e.code) ?? str(asRecord(e.error)?.code) ?? str(asRecord(asRecord(e.error)?.error)?.code);
}

/** The provider's own explanation, when it has one worth showing (e.g. "model not found"). */
function providerMessageOf(e: Loose): string | undefined {
  const body = asRecord(e.error);
  return str(asRecord(body?.error)?.message) ?? str(body?.message);
}

const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;
const NETWORK_WORDS =
  /connection error|fetch failed|terminated|socket|other side closed|network|ECONN|EPIPE|connection reset/i;

function isAbort(e: Loose): boolean {
  const name = str(e.name);
  const ctor = str(asRecord(e.constructor)?.name);
  return (
    name === 'AbortError' ||
    name === 'ModelAbortError' ||
    ctor === 'APIUserAbortError' ||
    str(e.message) === 'AbortError'
  );
}

function isTimeout(e: Loose): boolean {
  const name = str(e.name);
  const ctor = str(asRecord(e.constructor)?.name);
  return (
    name === 'TimeoutError' || ctor === 'APIConnectionTimeoutError' || /timed out|timeout/i.test(str(e.message) ?? '')
  );
}

function isNetwork(e: Loose): boolean {
  const ctor = str(asRecord(e.constructor)?.name);
  if (ctor === 'APIConnectionError') return true;
  const cause = asRecord(e.cause);
  const code = str(e.code) ?? str(cause?.code);
  if (code && NETWORK_CODES.test(code)) return true;
  return NETWORK_WORDS.test(str(e.message) ?? '') || NETWORK_WORDS.test(str(cause?.message) ?? '');
}

/** Removes secrets, key-shaped strings and LangChain's troubleshooting URL; keeps it short. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out
    .replace(/\s*Troubleshooting URL:\s*\S+/gi, '')
    .replace(/https?:\/\/\S*langchain\.com\S*/gi, '')
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{8,}/g, '[redacted]')
    .replace(/\b[A-Za-z0-9_-]{4,}\*{3,}[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

const ANTHROPIC_TYPES: Readonly<Record<string, { kind: ProviderErrorKind; status: number }>> = {
  rate_limit_error: { kind: 'rate_limited', status: 429 },
  overloaded_error: { kind: 'unavailable', status: 529 },
  api_error: { kind: 'unavailable', status: 500 },
  server_error: { kind: 'unavailable', status: 500 },
  timeout_error: { kind: 'timeout', status: 504 },
  authentication_error: { kind: 'auth', status: 401 },
  permission_error: { kind: 'auth', status: 403 },
  not_found_error: { kind: 'bad_request', status: 404 },
  invalid_request_error: { kind: 'bad_request', status: 400 },
  request_too_large: { kind: 'bad_request', status: 413 },
};

function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

function hostOf(endpoint: string | undefined): string {
  return endpoint ?? 'the model provider';
}

/** Our words, per kind: what happened and what a person can do about it. */
function messageFor(kind: ProviderErrorKind, status: number | undefined, e: Loose, ctx: ErrorContext): string {
  const http = status ? ` (HTTP ${status})` : '';
  switch (kind) {
    case 'rate_limited':
      return `The model provider is rate limiting requests${http}. Wait a minute and retry.`;
    case 'unavailable':
      return `The model provider is unavailable or overloaded${http}. Try again in a few minutes.`;
    case 'timeout':
      // A status means the provider (or a proxy) said it timed out, however quickly; no status, our own timer fired.
      return status
        ? `The model provider answered that the request timed out${http}. Try again in a moment.`
        : `The model provider did not answer within ${ctx.timeoutMs ? duration(ctx.timeoutMs) : 'the time allowed'}. Try again, or raise MODEL_TIMEOUT_MS if this model is slow to answer.`;
    case 'network':
      return `Could not reach ${hostOf(ctx.endpoint)}, or the connection dropped. Check the network connection${ctx.endpoint ? ', and for a local server that it is running' : ''}, then retry.`;
    case 'auth':
      return status === 403
        ? `The API key is not allowed to use ${ctx.model ? `the model "${ctx.model}"` : 'this model'}${http}. Check the key's permissions and the model name.`
        : `The model provider refused the API key${http}. Check the API key in the configuration.`;
    case 'bad_request': {
      if (status === 404)
        return `The model provider does not know ${ctx.model ? `the model "${ctx.model}"` : 'this model'}${http}. Check the model name.`;
      const said = providerMessageOf(e);
      return `The model provider rejected the request${http}${said ? `: ${redact(said, ctx.secrets)}` : '.'}`;
    }
    case 'aborted':
      return 'The request to the model was stopped.';
    case 'invalid_output':
      return 'The model returned output in the wrong format.';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

const QUOTA = /insufficient[_ -]?quota|credit balance|billing/i;

/** Any thrown value → ProviderError. A ProviderError passes through unchanged. */
export function toProviderError(error: unknown, ctx: ErrorContext = {}): ProviderError {
  if (isProviderError(error)) return error;
  const e = asRecord(error) ?? { message: String(error) };
  if (ctx.signal?.aborted || isAbort(e))
    return new ProviderError('aborted', messageFor('aborted', undefined, e, ctx), { cause: error });

  // LangChain sometimes wraps the SDK error (e.g. ContextOverflowError): read the HTTP facts from the cause.
  const cause = asRecord(e.cause);
  const src = statusOf(e) === undefined && cause && statusOf(cause) !== undefined ? cause : e;
  const status = statusOf(src);
  // LangChain's ContextOverflowError, or the SDK's own error with OpenAI's code.
  if (str(e.name) === 'ContextOverflowError' || providerCodeOf(src) === 'context_length_exceeded') {
    return new ProviderError(
      'bad_request',
      `The conversation is too long for this model's context window${status ? ` (HTTP ${status})` : ''}. Shorten the material, or choose a model with a larger window.`,
      {
        status,
        cause: error,
      },
    );
  }
  const lcCode = str(e.lc_error_code);
  const typed = ANTHROPIC_TYPES[providerTypeOf(src) ?? ''];
  let kind: ProviderErrorKind | undefined =
    status !== undefined
      ? kindOfStatus(status)
      : lcCode === 'MODEL_RATE_LIMIT'
        ? 'rate_limited'
        : lcCode === 'MODEL_AUTHENTICATION'
          ? 'auth'
          : lcCode === 'MODEL_NOT_FOUND'
            ? 'bad_request'
            : typed?.kind;
  const effectiveStatus = status ?? (lcCode === 'MODEL_NOT_FOUND' ? 404 : typed?.status);
  if (!kind) {
    if (isTimeout(e)) kind = 'timeout';
    else if (isNetwork(e)) kind = 'network';
  }
  if (!kind) {
    // Unknown: report it plainly and do not retry (retrying a bug costs calls and time).
    return new ProviderError(
      'network',
      'The call to the model provider failed unexpectedly. Try again; if it keeps failing, check the server log.',
      { cause: error, retryable: false },
    );
  }

  if (
    kind === 'rate_limited' &&
    (providerCodeOf(src) === 'insufficient_quota' || QUOTA.test(providerMessageOf(src) ?? ''))
  ) {
    return new ProviderError(
      'rate_limited',
      `The model provider account has run out of quota or credit${effectiveStatus ? ` (HTTP ${effectiveStatus})` : ''}. Check the plan and billing; retrying will not help.`,
      {
        status: effectiveStatus,
        retryable: false,
        cause: error,
      },
    );
  }
  const retryable = kind === 'rate_limited' || kind === 'unavailable' || kind === 'timeout' || kind === 'network';
  return new ProviderError(kind, messageFor(kind, effectiveStatus, src, ctx), {
    status: effectiveStatus,
    retryable,
    cause: error,
  });
}

/** The wait the provider asked for (retry-after-ms or retry-after, seconds or HTTP date), if any. */
export function retryAfterMs(error: ProviderError, now: number = Date.now()): number | undefined {
  const headers = asRecord(asRecord(error.cause)?.headers);
  if (!headers) return undefined;
  const get = (name: string): string | undefined =>
    typeof headers.get === 'function'
      ? ((headers.get as (n: string) => string | null)(name) ?? undefined)
      : str(headers[name]);
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
