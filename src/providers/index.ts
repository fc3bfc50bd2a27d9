import type { ChatModel, ModelIdentity } from './types.js';
import type { ProviderSettings } from './settings.js';
import { anthropicIdentity, createAnthropicModel } from './anthropic.js';
import { createOpenAiModel, openAiIdentity } from './openai.js';

/**
 * The model behind the product, chosen by configuration. One interface (ChatModel, types.ts);
 * no provider detail crosses it. The offline facilitator is not a ChatModel and is not built here.
 */
export type ProviderConfig =
  /** OpenAI itself; a `baseURL` is a proxy in front of it. */
  | ({ readonly kind: 'openai' } & ProviderSettings)
  /** A server that speaks OpenAI's chat completions (Ollama, vLLM, LM Studio, llama.cpp): `baseURL` required. */
  | ({ readonly kind: 'openai-compatible' } & ProviderSettings & { readonly baseURL: string })
  | ({ readonly kind: 'anthropic' } & ProviderSettings);

export function createChatModel(config: ProviderConfig): ChatModel {
  disableRemoteTracing();
  switch (config.kind) {
    case 'openai':
    case 'openai-compatible':
      return createOpenAiModel(config);
    case 'anthropic':
      return createAnthropicModel(config);
    default: {
      const never: never = config;
      throw new Error(`Unknown provider kind ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Client transcripts are confidential: LangChain would send every prompt to LangSmith if a tracing
 * variable happened to be set in the environment. We never want that, so we switch it off.
 */
const TRACING_VARIABLES = [
  'LANGSMITH_TRACING_V2',
  'LANGCHAIN_TRACING_V2',
  'LANGSMITH_TRACING',
  'LANGCHAIN_TRACING',
] as const;
export function disableRemoteTracing(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of TRACING_VARIABLES) env[name] = 'false';
}

/** What /api/health and the page show, without building a client. */
export function describeModel(config: ProviderConfig): ModelIdentity {
  return config.kind === 'anthropic' ? anthropicIdentity(config) : openAiIdentity(config);
}

export type { ProviderSettings } from './settings.js';
export { toProviderError } from './errors.js';
export { RETRY_DEFAULTS } from './retry.js';
export { createOpenAiModel } from './openai.js';
export { createAnthropicModel } from './anthropic.js';
export * from './types.js';
