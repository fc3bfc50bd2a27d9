import type { z } from 'zod';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatMessage, ChatModel, ModelIdentity, StreamOptions, StructuredOptions } from './types.js';
import type { RetryRun } from './retry.js';
import { toLangChainMessages } from './langchain.js';
import { streamReply, type StreamDeps } from './stream.js';
import { generateStructured } from './structured.js';

/** What differs from one provider to the next; the rest of a ChatModel is the same for all. */
export interface ProviderParts<C> {
  readonly identity: ModelIdentity;
  /** Opens the official SDK's stream (text streams from it, not through LangChain). */
  readonly open: StreamDeps<C>['open'];
  readonly accounting: StreamDeps<C>['accounting'];
  /** The LangChain model for structured output, built on first use. */
  readonly structuredModel: () => BaseChatModel;
  /** Whether every system message goes into one leading system prompt (Anthropic). */
  readonly mergeSystem: boolean;
  readonly retry: (signal: AbortSignal) => RetryRun;
  readonly idleTimeoutMs: number;
}

export function assembleChatModel<C>(parts: ProviderParts<C>): ChatModel {
  const { open, accounting, retry, idleTimeoutMs } = parts;
  const toMessages = (messages: readonly ChatMessage[]) =>
    toLangChainMessages(messages, { mergeSystem: parts.mergeSystem });
  return {
    identity: parts.identity,
    stream: (messages: readonly ChatMessage[], options: StreamOptions) =>
      streamReply({ open, retry, accounting, idleTimeoutMs }, messages, options),
    // functionCalling (a forced tool call on either provider), not jsonSchema: on the jsonSchema path a
    // zod-4 schema is parsed inside the request, so an invalid reply throws a ZodError and the raw
    // output is lost for the repair re-ask; LangChain also forces strict mode there (see README.md here).
    structured: <T>(messages: readonly ChatMessage[], schema: z.ZodType<T>, options: StructuredOptions) =>
      generateStructured(
        { model: parts.structuredModel, method: 'functionCalling', toMessages, retry },
        messages,
        schema,
        options,
      ),
  };
}
