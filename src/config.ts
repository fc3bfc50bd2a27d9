import { z } from 'zod';
import { dirname, resolve } from 'node:path';

const PORT = z.coerce.number().int().min(0).max(65535);
const POSITIVE = z.coerce.number().int().positive();
const EMPTY_AS_UNDEFINED = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(EMPTY_AS_UNDEFINED, z.string().trim().optional());
const optionalUrl = z.preprocess(
  EMPTY_AS_UNDEFINED,
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:11434/v1' }).optional(),
);

/** Every setting, from the environment only (see .env.example). Keys are never logged or stored. */
export const EnvSchema = z.object({
  PORT: z.preprocess(EMPTY_AS_UNDEFINED, PORT.default(3000)),
  HOST: z.preprocess(EMPTY_AS_UNDEFINED, z.string().default('127.0.0.1')),
  ALLOWED_HOSTS: z.preprocess(
    EMPTY_AS_UNDEFINED,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter((h) => h !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/,
              'must be host names separated by commas, without scheme or port (e.g. foresight.example.com,studio.local)',
            ),
        ),
      )
      .default([]),
  ),
  ACCESS_TOKEN: z.preprocess(
    EMPTY_AS_UNDEFINED,
    z
      .string()
      .trim()
      .min(16, 'must be at least 16 characters (a random one: openssl rand -base64 24)')
      .regex(/^\S+$/, 'must not contain spaces')
      .optional(),
  ),
  DATABASE_PATH: z.preprocess(EMPTY_AS_UNDEFINED, z.string().default('sessions/foresight.db')),
  PROVIDER: z.preprocess(
    EMPTY_AS_UNDEFINED,
    z
      .enum(['auto', 'offline', 'openai', 'anthropic'], {
        message: 'must be one of auto, offline, openai, anthropic',
      })
      .default('auto'),
  ),
  MODEL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  CRITIC_PROVIDER: z.preprocess(
    EMPTY_AS_UNDEFINED,
    z
      .enum(['auto', 'same', 'openai', 'anthropic'], { message: 'must be one of auto, same, openai, anthropic' })
      .default('auto'),
  ),
  CRITIC_MODEL: optionalString,
  PROMPT_TOKEN_BUDGET: z.preprocess(EMPTY_AS_UNDEFINED, POSITIVE.min(500, 'must be at least 500 tokens').default(6000)),
  MODEL_TIMEOUT_MS: z.preprocess(EMPTY_AS_UNDEFINED, POSITIVE.default(120_000)),
  MODEL_IDLE_TIMEOUT_MS: z.preprocess(EMPTY_AS_UNDEFINED, POSITIVE.default(30_000)),
  MODEL_MAX_ATTEMPTS: z.preprocess(EMPTY_AS_UNDEFINED, POSITIVE.max(10).default(3)),
  MODEL_RETRY_BASE_MS: z.preprocess(EMPTY_AS_UNDEFINED, z.coerce.number().int().min(0).default(500)),
  STREAM_FLUSH_MS: z.preprocess(EMPTY_AS_UNDEFINED, POSITIVE.default(200)),
  SNAPSHOTS_KEEP: z.preprocess(
    EMPTY_AS_UNDEFINED,
    z.coerce.number().int('must be a whole number').min(0, 'must be 0 (no snapshots) or more').default(7),
  ),
  SNAPSHOT_DIR: optionalString,
});

/**
 * The model the product talks to. `openai` is OpenAI itself (`baseURL`: a proxy in front of it, the key
 * required); `openai-compatible` is another server speaking its API (a local one needs no key).
 */
export type ModelSettings =
  | { readonly kind: 'offline' }
  | { readonly kind: 'openai'; readonly apiKey: string; readonly model: string; readonly baseURL: string | null }
  | {
      readonly kind: 'openai-compatible';
      readonly apiKey: string | null;
      readonly model: string;
      readonly baseURL: string;
    }
  | { readonly kind: 'anthropic'; readonly apiKey: string; readonly model: string; readonly baseURL: string | null };

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Host names the server answers to besides its loopback names and bound address. */
  readonly allowedHosts: readonly string[];
  /** From the environment only; never stored (a generated token is, hashed). */
  readonly accessToken: string | null;
  readonly databasePath: string;
  readonly model: ModelSettings;
  /**
   * The model that pressure-tests the roadmap and the sounding board after their draft, when it is not
   * `model` (null: the same model). A different model makes a better critic.
   */
  readonly critic: Exclude<ModelSettings, { kind: 'offline' | 'openai-compatible' }> | null;
  readonly promptTokenBudget: number;
  readonly modelTimeoutMs: number;
  /** A streamed reply with no text for this long (before its first or between two) ends as incomplete. */
  readonly modelIdleTimeoutMs: number;
  readonly modelMaxAttempts: number;
  readonly modelRetryBaseMs: number;
  readonly streamFlushMs: number;
  /** Daily whole-database snapshots: where, and how many to keep (0: none). */
  readonly snapshots: { readonly dir: string; readonly keep: number };
}

export const DEFAULT_MODELS = { openai: 'gpt-4.1-mini', anthropic: 'claude-sonnet-4-5' } as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and checks the environment once, at start-up, with a message that names the setting to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration error (check your environment or .env):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const model = modelSettings(e);
  return {
    port: e.PORT,
    host: e.HOST,
    allowedHosts: e.ALLOWED_HOSTS,
    accessToken: e.ACCESS_TOKEN ?? null,
    databasePath: e.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(cwd, e.DATABASE_PATH),
    model,
    critic: criticSettings(e, model),
    promptTokenBudget: e.PROMPT_TOKEN_BUDGET,
    modelTimeoutMs: e.MODEL_TIMEOUT_MS,
    modelIdleTimeoutMs: e.MODEL_IDLE_TIMEOUT_MS,
    modelMaxAttempts: e.MODEL_MAX_ATTEMPTS,
    modelRetryBaseMs: e.MODEL_RETRY_BASE_MS,
    streamFlushMs: e.STREAM_FLUSH_MS,
    snapshots: {
      dir: e.SNAPSHOT_DIR ? resolve(cwd, e.SNAPSHOT_DIR) : resolve(cwd, dirname(e.DATABASE_PATH), 'snapshots'),
      keep: e.DATABASE_PATH === ':memory:' ? 0 : e.SNAPSHOTS_KEEP,
    },
  };
}

type Env = z.infer<typeof EnvSchema>;

/**
 * Which model the settings name. OPENAI_BASE_URL means an OpenAI-compatible server, unless PROVIDER=openai
 * says it is OpenAI itself (through a proxy) and its key is set. A setting that would be silently
 * ignored (an Anthropic base URL without its key) stops the start instead.
 */
function modelSettings(e: Env): ModelSettings {
  if (e.ANTHROPIC_BASE_URL && !e.ANTHROPIC_API_KEY && e.PROVIDER !== 'offline' && e.PROVIDER !== 'openai')
    throw new ConfigError(
      'ANTHROPIC_BASE_URL is set but ANTHROPIC_API_KEY is not: Anthropic, through a proxy too, needs its key. Set ANTHROPIC_API_KEY, or remove ANTHROPIC_BASE_URL (PROVIDER=offline runs without a model).',
    );
  const provider =
    e.PROVIDER === 'auto'
      ? e.ANTHROPIC_API_KEY
        ? 'anthropic'
        : e.OPENAI_API_KEY || e.OPENAI_BASE_URL
          ? 'openai'
          : 'offline'
      : e.PROVIDER;
  switch (provider) {
    case 'offline':
      return { kind: 'offline' };
    case 'openai':
      return openAiSettings(e);
    case 'anthropic':
      if (!e.ANTHROPIC_API_KEY) throw new ConfigError('PROVIDER=anthropic needs ANTHROPIC_API_KEY.');
      return {
        kind: 'anthropic',
        apiKey: e.ANTHROPIC_API_KEY,
        model: e.MODEL ?? DEFAULT_MODELS.anthropic,
        baseURL: e.ANTHROPIC_BASE_URL ?? null,
      };
    default: {
      const unreachable: never = provider;
      return unreachable;
    }
  }
}

/**
 * CRITIC_PROVIDER: `auto` (the default) sends the critic to the other provider when both OPENAI_API_KEY
 * and ANTHROPIC_API_KEY are set and the facilitator runs on one of them; `same` keeps it on the
 * facilitator's model; `openai` or `anthropic` names it (its key required). A local model is never
 * paired with a cloud critic by default: the transcript would leave the machine. CRITIC_MODEL picks the
 * critic's model (default: the provider's default model).
 */
function criticSettings(e: Env, main: ModelSettings): Config['critic'] {
  if (main.kind === 'offline' || e.CRITIC_PROVIDER === 'same') return null;
  const other =
    e.CRITIC_PROVIDER === 'auto'
      ? main.kind === 'openai' && e.ANTHROPIC_API_KEY
        ? 'anthropic'
        : main.kind === 'anthropic' && e.OPENAI_API_KEY
          ? 'openai'
          : null
      : e.CRITIC_PROVIDER;
  if (other === null) return null;
  if (other === 'anthropic') {
    if (!e.ANTHROPIC_API_KEY) throw new ConfigError('CRITIC_PROVIDER=anthropic needs ANTHROPIC_API_KEY.');
    if (main.kind === 'anthropic' && !e.CRITIC_MODEL) return null;
    return {
      kind: 'anthropic',
      apiKey: e.ANTHROPIC_API_KEY,
      model: e.CRITIC_MODEL ?? DEFAULT_MODELS.anthropic,
      baseURL: e.ANTHROPIC_BASE_URL ?? null,
    };
  }
  if (!e.OPENAI_API_KEY) throw new ConfigError('CRITIC_PROVIDER=openai needs OPENAI_API_KEY.');
  if (main.kind === 'openai' && !e.CRITIC_MODEL) return null;
  return {
    kind: 'openai',
    apiKey: e.OPENAI_API_KEY,
    model: e.CRITIC_MODEL ?? DEFAULT_MODELS.openai,
    // Beside a key, OPENAI_BASE_URL is a proxy in front of OpenAI.
    baseURL: e.OPENAI_BASE_URL ?? null,
  };
}

function openAiSettings(e: Env): Extract<ModelSettings, { kind: 'openai' | 'openai-compatible' }> {
  const key = e.OPENAI_API_KEY;
  if (!e.OPENAI_BASE_URL) {
    if (!key)
      throw new ConfigError(
        'PROVIDER=openai needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server.',
      );
    return { kind: 'openai', apiKey: key, model: e.MODEL ?? DEFAULT_MODELS.openai, baseURL: null };
  }
  // Chosen explicitly, with its key: OpenAI behind a proxy, its default model and its identity.
  if (e.PROVIDER === 'openai' && key)
    return { kind: 'openai', apiKey: key, model: e.MODEL ?? DEFAULT_MODELS.openai, baseURL: e.OPENAI_BASE_URL };
  // A local OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp): no real key needed, no default model.
  if (!e.MODEL)
    throw new ConfigError(
      'OPENAI_BASE_URL is set: also set MODEL to the model name your server serves (e.g. MODEL=llama3.1). For OpenAI itself through a proxy, set PROVIDER=openai and OPENAI_API_KEY.',
    );
  return { kind: 'openai-compatible', apiKey: key ?? null, model: e.MODEL, baseURL: e.OPENAI_BASE_URL };
}
