import type { Config } from '../config.js';
import { ModelFacilitator } from './model/modelFacilitator.js';
import { PromptLibrary } from './promptLibrary.js';
import type { Facilitator } from '../engine/facilitator.js';
import { createChatModel } from '../providers/index.js';
import { createOfflineFacilitator } from './offline/index.js';

/** The offline facilitator when no model is configured; otherwise a model steered by the prompt files. */
export function createFacilitator(config: Config, promptsDir?: string): Facilitator {
  const m = config.model;
  if (m.kind === 'offline') return createOfflineFacilitator(promptsDir ? { promptsDir } : {});
  const retry = {
    timeoutMs: config.modelTimeoutMs,
    maxAttempts: config.modelMaxAttempts,
    retryBaseMs: config.modelRetryBaseMs,
  };
  const model = createChatModel(
    m.kind === 'openai-compatible'
      ? { kind: m.kind, apiKey: m.apiKey ?? '', model: m.model, baseURL: m.baseURL, ...retry }
      : { kind: m.kind, apiKey: m.apiKey, model: m.model, baseURL: m.baseURL, ...retry },
  );
  return new ModelFacilitator(model, PromptLibrary.load(promptsDir), config.promptTokenBudget);
}
