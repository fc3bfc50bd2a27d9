import { z } from 'zod';
import {
  ARTIFACT_SCHEMAS,
  factLines,
  roadmapFacts,
  settleObjections,
  type ArtifactOf,
  type CallRecord,
  type ModelIdentity,
  type RoadmapArtifact,
  type StepId,
  type TranscriptMessage,
  type Usage,
} from '../../domain/index.js';
import type { TurnInput } from '../../engine/facilitator.js';
import type { ChatMessage, ChatModel } from '../../providers/types.js';
import { fillTemplate, type Prompt } from '../promptLibrary.js';
import { estimateTokens } from './tokens.js';
import { labelOf } from './transcriptView.js';

/**
 * The critic: a model call of its own after the extractor, which reads the drafted record with the
 * facts computed in code (effort against capacity, cost against budget, payback, EV at ±2, cash
 * against EBITDA) and the step's conversation with its message ids, reasons first in a field of its
 * own, then returns the record revised. It may run on another provider than the facilitator (a
 * different model makes a better critic). What it revises is a proposal like any draft, named as its.
 */

/** The steps that are pressure-tested after their draft, and the facts each one reads. */
export const CRITICISED_STEPS = ['roadmap', 'sounding_board'] as const satisfies readonly StepId[];
export type CriticisedStep = (typeof CRITICISED_STEPS)[number];

export const isCriticised = (step: StepId): step is CriticisedStep =>
  (CRITICISED_STEPS as readonly StepId[]).includes(step);

/** Room to reason, then the revision: the order of the fields is the order the model writes them in. */
function criticSchema(step: CriticisedStep) {
  return z.object({
    reasoning: z
      .string()
      .trim()
      .min(1)
      .max(12_000)
      .describe('your pressure test, worked through before you revise: each lens, the numbers, the pre-mortem'),
    revised: ARTIFACT_SCHEMAS[step],
  });
}

export interface CriticResult<S extends CriticisedStep> {
  readonly artifact: ArtifactOf<S>;
  readonly reasoning: string;
  readonly usage: Usage;
  readonly calls: readonly CallRecord[];
  readonly promptTokens: number;
  readonly identity: ModelIdentity;
}

/** Messages over this share of the budget are left out, oldest first, and the prompt says how many. */
const CONVERSATION_SHARE = 0.5;

export async function runCritic<S extends CriticisedStep>(args: {
  readonly model: ChatModel;
  readonly prompt: Prompt;
  readonly system: string;
  readonly step: S;
  readonly drafted: ArtifactOf<S>;
  readonly input: TurnInput;
  readonly conversation: readonly TranscriptMessage[];
  readonly budgetTokens: number;
  readonly signal: AbortSignal;
}): Promise<CriticResult<S>> {
  const { input, step } = args;
  const roadmap: RoadmapArtifact | null =
    step === 'roadmap' ? (args.drafted as RoadmapArtifact) : (input.artifacts.roadmap ?? null);
  // The amounts in the client's currency, as the memo prints them: the critic quotes what the CEO will read.
  const facts = roadmap
    ? factLines(
        roadmapFacts(roadmap.entries, input.artifacts.context?.constraints ?? null, input.session.quarter),
        input.session.currency,
      )
    : [];
  const request = fillTemplate(args.prompt.text, {
    client: input.session.clientName,
    industry: input.session.industry,
    quarter: input.session.quarter,
    facts:
      facts.length > 0 ? facts.map((l) => `- ${l}`).join('\n') : '- No roadmap in this session: nothing to compute.',
    record: JSON.stringify(args.drafted),
    roadmap: step === 'sounding_board' && roadmap ? JSON.stringify(roadmap) : '(the record above is the roadmap)',
    conversation: labelledConversation(args.conversation, Math.floor(args.budgetTokens * CONVERSATION_SHARE)),
  });
  const messages: ChatMessage[] = [
    { role: 'system', content: args.system },
    { role: 'user', content: request },
  ];
  const promptTokens = messages.reduce((n, m) => n + estimateTokens(m.content), 0);
  const result = await args.model.structured(messages, criticSchema(step), {
    signal: args.signal,
    name: `${step}_critic`,
  });
  const identity = args.model.identity;
  const revised = result.value.revised as ArtifactOf<S>;
  const userIds = new Set(args.conversation.filter((m) => m.role === 'user').map((m) => m.id));
  return {
    artifact:
      step === 'sounding_board'
        ? (settleObjections(revised as ArtifactOf<'sounding_board'>, userIds) as ArtifactOf<S>)
        : revised,
    reasoning: result.value.reasoning,
    usage: result.usage,
    calls: result.calls.map((c) => ({
      ...c,
      purpose: c.purpose === 'repair' ? 'repair' : 'critic',
      provider: identity.provider,
      model: identity.model,
    })),
    promptTokens,
    identity,
  };
}

/**
 * The step's conversation labelled as every prompt labels it ("[m12 · client]", the facilitator's
 * messages as "facilitator": the critic wrote none of them), so the critic can say which message
 * closed an objection; the oldest are left out (and counted) when it would not fit.
 */
export function labelledConversation(conversation: readonly TranscriptMessage[], budgetTokens: number): string {
  const lines = conversation
    .filter((m) => m.content.trim() !== '' && m.supersededBy === null)
    .map((m) => `${labelOf(m, 'facilitator')} ${m.content.trim()}`);
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    used += estimateTokens(lines[i]!) + 2;
    if (used > budgetTokens && kept.length > 0) break;
    kept.unshift(lines[i]!);
  }
  const left = lines.length - kept.length;
  if (lines.length === 0) return '(no conversation at this step)';
  return `${left > 0 ? `(${left} earlier messages left out for length)\n` : ''}${kept.join('\n')}`;
}
