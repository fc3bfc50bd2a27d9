import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatMessage, ChatModel, ModelIdentity } from './types.js';
import { assembleChatModel } from './assemble.js';
import { retryRunFor } from './retry.js';
import { count } from './langchain.js';
import type { ChunkAccounting, FinishReason } from './stream.js';
import { onFirstUse, publicUrl, type ProviderSettings } from './settings.js';

/**
 * Anthropic: text streams from the official @anthropic-ai/sdk; structured output goes through
 * LangChain's ChatAnthropic (which carries its own copy of the SDK).
 */

/** Upper bound of a reply's length; the Messages API requires one. */
export const ANTHROPIC_MAX_TOKENS = 4096;

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
 * final, cumulative output count. (LangChain adds the two, so a streamed reply would read a few
 * tokens high.) We take the last message_delta's count as the output.
 */
function anthropicAccounting(): ChunkAccounting<RawMessageStreamEvent> {
  let tokensIn: number | null = null;
  let tokensOut: number | null = null;
  let stop: string | undefined;
  return {
    read(event) {
      switch (event.type) {
        case 'message_start':
          tokensIn = count(event.message.usage?.input_tokens);
          return '';
        case 'message_delta':
          tokensOut = count(event.usage?.output_tokens) ?? tokensOut;
          if (event.delta?.stop_reason) stop = event.delta.stop_reason;
          return '';
        case 'content_block_delta':
          return event.delta.type === 'text_delta' ? event.delta.text : '';
        default:
          return '';
      }
    },
    result: () =>
      stop === undefined ? null : { usage: { tokensIn, tokensOut }, finishReason: mapAnthropicStop(stop) },
  };
}

/** One system prompt first; user and assistant turns alternating (consecutive turns of one role joined). */
export function toAnthropicMessages(messages: readonly ChatMessage[]): {
  system: string | undefined;
  messages: MessageParam[];
} {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content.trim())
    .filter(Boolean)
    .join('\n\n');
  const turns: MessageParam[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const last = turns.at(-1);
    if (last && last.role === m.role) last.content = `${String(last.content)}\n\n${m.content}`;
    else turns.push({ role: m.role, content: m.content });
  }
  return { system: system || undefined, messages: turns };
}

export function createAnthropicModel(settings: ProviderSettings): ChatModel {
  // Explicit: ANTHROPIC_BASE_URL / LANGSMITH_GATEWAY in the environment must not redirect our key.
  const baseURL = settings.baseURL || ANTHROPIC_BASE_URL;
  const lazyModel = onFirstUse<BaseChatModel>(
    'Anthropic',
    settings.apiKey,
    () =>
      new ChatAnthropic({
        model: settings.model,
        apiKey: settings.apiKey,
        anthropicApiUrl: baseURL,
        clientOptions: { timeout: settings.timeoutMs },
        maxRetries: 0,
        streamUsage: true,
      }),
  );
  const lazyClient = onFirstUse(
    'Anthropic',
    settings.apiKey,
    () => new Anthropic({ apiKey: settings.apiKey, baseURL, timeout: settings.timeoutMs, maxRetries: 0 }),
  );
  const open = async (messages: readonly ChatMessage[], signal: AbortSignal) => {
    const { system, messages: turns } = toAnthropicMessages(messages);
    return lazyClient().messages.create(
      {
        model: settings.model,
        max_tokens: ANTHROPIC_MAX_TOKENS,
        ...(system ? { system } : {}),
        messages: turns,
        stream: true,
      },
      { signal },
    );
  };
  return assembleChatModel({
    identity: anthropicIdentity(settings),
    open,
    accounting: anthropicAccounting,
    structuredModel: lazyModel,
    mergeSystem: true, // Anthropic takes one system prompt, first
    retry: retryRunFor(settings, baseURL),
    idleTimeoutMs: settings.idleTimeoutMs,
  });
}
