import type { z } from 'zod';
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ProviderError, type ChatMessage, type ChatModel, type ModelIdentity, type StreamOptions, type StructuredOptions } from './types.js';
import { toProviderError } from './errors.js';
import { RETRY_DEFAULTS, type RetryRun } from './retry.js';
import { count, toLangChainMessages } from './langchain.js';
import { streamReply, type ChunkAccounting, type FinishReason } from './stream.js';
import { generateStructured } from './structured.js';
import { publicUrl, type ProviderSettings } from './settings.js';

/** Anthropic through LangChain's ChatAnthropic (which carries its own copy of @anthropic-ai/sdk). */

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export function anthropicIdentity(settings: Pick<ProviderSettings, 'model' | 'baseURL'>): ModelIdentity {
  const at = settings.baseURL ? ` at ${publicUrl(settings.baseURL)}` : '';
  return { provider: 'anthropic', label: `Anthropic ${settings.model}${at}`, model: settings.model };
}

/** Messages API stop_reason → ours. */
export function mapAnthropicStop(reason: string): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  return 'other'; // tool_use, refusal, pause_turn, …
}

/**
 * message_start carries the input count and a preliminary output count; message_delta carries the
 * final, cumulative output count. LangChain adds the two (a streamed reply reads a few tokens high):
 * we take the last message_delta's count as the output.
 */
function anthropicAccounting(): ChunkAccounting {
  let tokensIn: number | null = null;
  let tokensOut: number | null = null;
  let stop: string | undefined;
  return {
    read(chunk: AIMessageChunk) {
      const reason = chunk.additional_kwargs?.stop_reason ?? chunk.response_metadata?.stop_reason;
      const u = chunk.usage_metadata;
      if ('stop_reason' in (chunk.additional_kwargs ?? {})) {
        // message_delta
        if (u) tokensOut = count(u.output_tokens);
        if (typeof reason === 'string' && reason) stop = reason;
      } else if (u) {
        // message_start
        tokensIn = (tokensIn ?? 0) + (count(u.input_tokens) ?? 0);
      }
    },
    result: () => (stop === undefined ? null : { usage: { tokensIn, tokensOut }, finishReason: mapAnthropicStop(stop) }),
  };
}

export function createAnthropicModel(settings: ProviderSettings): ChatModel {
  // Explicit: ANTHROPIC_BASE_URL / LANGSMITH_GATEWAY in the environment must not redirect our key.
  const baseURL = settings.baseURL || ANTHROPIC_BASE_URL;
  let model: BaseChatModel | undefined;
  // Built on first use: msw (tests) only sees clients built after server.listen().
  const lazyModel = () => {
    if (!settings.apiKey) throw new ProviderError('auth', 'No Anthropic API key is configured. Set one in the configuration, or use the offline facilitator.');
    return (model ??= new ChatAnthropic({
      model: settings.model,
      apiKey: settings.apiKey,
      anthropicApiUrl: baseURL,
      clientOptions: { timeout: settings.timeoutMs },
      maxRetries: 0,
      streamUsage: true,
    }));
  };
  const errorContext = { endpoint: publicUrl(baseURL), model: settings.model, timeoutMs: settings.timeoutMs, secrets: [settings.apiKey] };
  const retry = (signal: AbortSignal): RetryRun => ({
    policy: { ...RETRY_DEFAULTS, maxAttempts: settings.maxAttempts, baseDelayMs: settings.retryBaseMs },
    signal,
    toError: (e) => toProviderError(e, { ...errorContext, signal }),
  });
  // Anthropic takes one system prompt, first.
  const toMessages = (messages: readonly ChatMessage[]) => toLangChainMessages(messages, { mergeSystem: true });

  return {
    identity: anthropicIdentity(settings),
    stream: (messages: readonly ChatMessage[], options: StreamOptions) => streamReply({ model: lazyModel, toMessages, retry, accounting: anthropicAccounting }, messages, options),
    // Forced tool use: the arguments come back as a tool_use block, kept raw for the repair re-ask.
    structured: <T>(messages: readonly ChatMessage[], schema: z.ZodType<T>, options: StructuredOptions) =>
      generateStructured({ model: lazyModel, method: 'functionCalling', toMessages, retry }, messages, schema, options),
  };
}
