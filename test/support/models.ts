import { createChatModel } from '../../src/providers/index.js';
import type { ProviderSettings } from '../../src/providers/settings.js';

/**
 * The real OpenAI client as the product builds it, with a key that is not one: msw answers its HTTP
 * (see wire.ts). Short timeouts and one attempt unless a test says otherwise.
 */
export function openAiTestModel(over: Partial<ProviderSettings> = {}) {
  return createChatModel({
    kind: 'openai',
    apiKey: 'test-key-not-real',
    model: 'gpt-4.1-mini',
    timeoutMs: 5000,
    idleTimeoutMs: 5000,
    maxAttempts: 1,
    retryBaseMs: 1,
    ...over,
  });
}
