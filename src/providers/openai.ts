import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ChatOpenAI, ChatOpenAICompletions } from '@langchain/openai';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatMessage, ChatModel, ModelIdentity } from './types.js';
import { assembleChatModel } from './assemble.js';
import { retryRunFor } from './retry.js';
import { count } from './langchain.js';
import type { ChunkAccounting, FinishReason } from './stream.js';
import { onFirstUse, publicUrl, type ProviderSettings } from './settings.js';

/**
 * OpenAI (directly, or through a proxy at `baseURL`), or an OpenAI-compatible server (Ollama, vLLM,
 * LM Studio, llama.cpp): text streams from the official `openai` SDK; structured output goes through
 * LangChain's ChatOpenAI.
 */

/** Which of the two this adapter talks to: the configuration says so, not the presence of a base URL. */
export interface OpenAiSettings extends ProviderSettings {
  readonly kind: 'openai' | 'openai-compatible';
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export function openAiIdentity(settings: Pick<OpenAiSettings, 'kind' | 'model' | 'baseURL'>): ModelIdentity {
  const at = settings.baseURL ? ` at ${publicUrl(settings.baseURL)}` : '';
  return settings.kind === 'openai-compatible'
    ? { provider: 'openai-compatible', label: `OpenAI-compatible ${settings.model}${at}`, model: settings.model }
    : { provider: 'openai', label: `OpenAI ${settings.model}${at}`, model: settings.model };
}

/** Chat completions' finish_reason → ours. */
export function mapOpenAiFinish(reason: string): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return 'other';
}

/** Usage arrives in one last chunk (stream_options.include_usage); finish_reason on the chunk before. */
function openAiAccounting(): ChunkAccounting<ChatCompletionChunk> {
  let tokensIn: number | null = null;
  let tokensOut: number | null = null;
  let finish: string | undefined;
  return {
    read(chunk) {
      const u = chunk.usage;
      if (u) {
        tokensIn = (tokensIn ?? 0) + (count(u.prompt_tokens) ?? 0);
        tokensOut = (tokensOut ?? 0) + (count(u.completion_tokens) ?? 0);
      }
      const choice = chunk.choices?.[0];
      if (choice?.finish_reason) finish = choice.finish_reason;
      return typeof choice?.delta?.content === 'string' ? choice.delta.content : '';
    },
    result: () =>
      finish === undefined ? null : { usage: { tokensIn, tokensOut }, finishReason: mapOpenAiFinish(finish) },
  };
}

export function createOpenAiModel(settings: OpenAiSettings): ChatModel {
  const baseURL = settings.baseURL || OPENAI_BASE_URL; // explicit: OPENAI_BASE_URL / LANGSMITH_GATEWAY in the environment must not redirect our key
  const compatible = settings.kind === 'openai-compatible';
  const fields = {
    model: settings.model,
    // Local servers ignore the key, but the SDK wants one. OpenAI itself, proxied or not, needs a real one.
    apiKey: settings.apiKey || (compatible ? 'not-needed' : ''),
    configuration: { baseURL },
    timeout: settings.timeoutMs,
    maxRetries: 0,
    streamUsage: true,
  };
  // An OpenAI-compatible server speaks chat completions only: ChatOpenAI would switch to the
  // Responses API for some model names (e.g. containing "codex").
  const lazyModel = onFirstUse<BaseChatModel>('OpenAI', fields.apiKey, () =>
    compatible ? new ChatOpenAICompletions(fields) : new ChatOpenAI(fields),
  );
  const lazyClient = onFirstUse(
    'OpenAI',
    fields.apiKey,
    () => new OpenAI({ apiKey: fields.apiKey, baseURL, timeout: settings.timeoutMs, maxRetries: 0 }),
  );
  const open = async (messages: readonly ChatMessage[], signal: AbortSignal) =>
    lazyClient().chat.completions.create(
      {
        model: settings.model,
        messages: messages.map((m) => ({ role: m.role, content: m.content })),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal },
    );
  return assembleChatModel({
    identity: openAiIdentity(settings),
    open,
    accounting: openAiAccounting,
    structuredModel: lazyModel,
    mergeSystem: false,
    retry: retryRunFor(settings, baseURL),
    idleTimeoutMs: settings.idleTimeoutMs,
  });
}
