import type { Config } from '../config.js';
import { ModelFacilitator } from './model/modelFacilitator.js';
import { PromptLibrary } from './promptLibrary.js';
import type { Facilitator } from '../engine/facilitator.js';
import { createChatModel, type ChatModel } from '../providers/index.js';
import { createOfflineFacilitator } from './offline/index.js';

/** The offline facilitator when no model is configured; otherwise a model steered by the prompt files. */
export function createFacilitator(config: Config, promptsDir?: string): Facilitator {
  const model = createConfiguredModel(config);
  if (!model) return createOfflineFacilitator(promptsDir ? { promptsDir } : {});
  const critic = config.critic ? chatModelFor(config, config.critic) : model;
  return new ModelFacilitator(model, PromptLibrary.load(promptsDir), config.promptTokenBudget, critic);
}

/** The model the configuration names, with its timeouts and retries; null when it names none (offline). */
export function createConfiguredModel(config: Config): ChatModel | null {
  return config.model.kind === 'offline' ? null : chatModelFor(config, config.model);
}

function chatModelFor(config: Config, m: Exclude<Config['model'], { kind: 'offline' }>): ChatModel {
  const retry = {
    timeoutMs: config.modelTimeoutMs,
    idleTimeoutMs: config.modelIdleTimeoutMs,
    maxAttempts: config.modelMaxAttempts,
    retryBaseMs: config.modelRetryBaseMs,
  };
  return createChatModel(
    m.kind === 'openai-compatible'
      ? { kind: m.kind, apiKey: m.apiKey ?? '', model: m.model, baseURL: m.baseURL, ...retry }
      : { kind: m.kind, apiKey: m.apiKey, model: m.model, baseURL: m.baseURL, ...retry },
  );
}
