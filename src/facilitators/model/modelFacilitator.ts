import type { z } from 'zod';
import {
  ARTIFACT_SCHEMAS,
  STEPS,
  chosenTrends,
  nextDialogueTrend,
  openObjections,
  orGap,
  rankRisks,
  type ArtifactOf,
  type AskedRef,
  type StepId,
} from '../../domain/index.js';
import { callsOf, withCalls, type ChatModel, type Usage } from '../../providers/types.js';
import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../engine/facilitator.js';
import { buildPrompt } from './promptBuilder.js';
import { isCriticised, runCritic } from './critic.js';
import { fillTemplate, type Prompt, type PromptLibrary } from '../promptLibrary.js';

/** A facilitator whose words come from a model, steered by the prompt files of each step. */
export class ModelFacilitator implements Facilitator {
  /**
   * `critic`: the model that pressure-tests the roadmap and the sounding board after their draft;
   * the facilitator's own model unless another provider is configured for it (CRITIC_PROVIDER).
   */
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptLibrary,
    private readonly budgetTokens: number,
    private readonly critic: ChatModel = model,
  ) {}

  get identity() {
    return this.model.identity;
  }

  opening(input: TurnInput): Opening {
    const trendId = input.step === 'dialogue' ? nextDialogueTrend(input.artifacts.trends, {}, null) : null;
    const prompt = this.prompts.get(input.step, 'opening');
    return {
      text: fillTemplate(prompt.text, placeholders(input, trendId)),
      promptVersion: prompt.id,
      trendId,
      question: ASKED_UNKNOWN,
    };
  }

  async *reply(input: TurnInput, signal: AbortSignal): AsyncGenerator<ReplyPart> {
    const nextTrend = input.step === 'dialogue' ? this.nextTrend(input) : null;
    const prompt = this.prompts.get(input.step, 'reply');
    const built = await buildPrompt({
      instructions: this.instructions(input, nextTrend, prompt),
      artifacts: input.artifacts,
      conversation: stepConversation(input),
      budgetTokens: this.budgetTokens,
    });
    const started = performance.now();
    for await (const part of this.model.stream(built.messages, { signal })) {
      if (part.type === 'text-delta') {
        yield part;
      } else {
        yield {
          type: 'finish',
          usage: part.usage,
          promptVersion: prompt.id,
          promptTokens: built.promptTokens,
          calls: [{ purpose: 'reply', usage: part.usage, latencyMs: performance.now() - started, outcome: 'ok' }],
          trendId: nextTrend,
          question: ASKED_UNKNOWN,
        };
      }
    }
  }

  async draft(input: TurnInput, signal: AbortSignal): Promise<DraftResult> {
    const extractor = this.prompts.get(input.step, 'extractor');
    const critic = isCriticised(input.step) ? this.prompts.find(input.step, 'critic') : undefined;
    const conversation = stepConversation(input);
    const built = await buildPrompt({
      instructions: this.instructions(input, null, extractor),
      artifacts: input.artifacts,
      conversation,
      finalRequest: `Build the ${STEPS[input.step].produces.toLowerCase()} now, from this conversation and what the session has established. Leave a fact null or list it as a gap rather than invent it.`,
      budgetTokens: this.budgetTokens,
    });
    const schema: z.ZodType<unknown> = ARTIFACT_SCHEMAS[input.step];
    const result = await this.model.structured(built.messages, schema, { signal, name: input.step });
    const drafted = {
      artifact: result.value,
      note: draftNote(input.step, result.value as ArtifactOf<StepId>),
      usage: result.usage,
      promptVersion: extractor.id,
      promptTokens: built.promptTokens,
      calls: result.calls,
    };
    if (!critic || !isCriticised(input.step)) return drafted;

    // The critic's own call: the extractor's calls still count if it fails.
    const reviewed = await runCritic({
      model: this.critic,
      prompt: critic,
      system: fillTemplate(this.prompts.get(input.step, 'system').text, placeholders(input, null)),
      step: input.step,
      drafted: result.value as ArtifactOf<typeof input.step>,
      input,
      conversation,
      budgetTokens: this.budgetTokens,
      signal,
    }).catch((e: unknown) => {
      throw withCalls(e as object, [...result.calls, ...callsOf(e)]);
    });
    return {
      artifact: reviewed.artifact,
      note: `${draftNote(input.step, reviewed.artifact)} Pressure-tested by ${reviewed.identity.label} against the computed facts.`,
      usage: addUsage(result.usage, reviewed.usage),
      promptVersion: `${extractor.id}+${critic.id}`,
      promptTokens: built.promptTokens + reviewed.promptTokens,
      calls: [...result.calls, ...reviewed.calls],
      author: { provider: reviewed.identity.provider, model: reviewed.identity.model },
    };
  }

  private instructions(input: TurnInput, trendId: string | null, role: Prompt): string {
    const values = placeholders(input, trendId);
    return `${fillTemplate(this.prompts.get(input.step, 'system').text, values)}\n\n${fillTemplate(role.text, values)}`;
  }

  /** The trend to ask about next, from the persisted state ("Next trend" has already moved it). */
  private nextTrend(input: TurnInput): string | null {
    const moved = input.transcript.at(-1)?.action === 'next_trend';
    return nextDialogueTrend(
      input.artifacts.trends,
      input.state.answersByTrend,
      moved ? input.state.trendId : input.trendId,
    );
  }
}

/**
 * What a model reply asks is not known as data yet: the model does not name its question or its
 * family (a later change will have it return them).
 */
const ASKED_UNKNOWN: AskedRef = { id: null, family: null };

/** The current step's conversation; the dialogue keeps every trend's thread, since insights cross trends. */
function stepConversation(input: TurnInput) {
  return input.transcript.filter((m) => m.step === input.step && (m.status === 'complete' || m.content !== ''));
}

function placeholders(input: TurnInput, trendId: string | null): Record<string, string> {
  const trend = input.artifacts.trends?.trends.find((t) => t.id === trendId);
  return {
    client: input.session.clientName,
    industry: input.session.industry,
    quarter: input.session.quarter,
    trend: trend ? trend.name : 'the chosen trends',
  };
}

function addUsage(a: Usage, b: Usage): Usage {
  const add = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  return { tokensIn: add(a.tokensIn, b.tokensIn), tokensOut: add(a.tokensOut, b.tokensOut) };
}

/** One honest line beside a drafted artifact, counted from the artifact itself. */
export function draftNote(step: StepId, artifact: ArtifactOf<StepId>): string {
  const a = artifact as never;
  switch (step) {
    case 'context':
      return `Drafted the company context. Open gaps: ${(a as ArtifactOf<'context'>).gaps.length}.`;
    case 'trends': {
      const t = a as ArtifactOf<'trends'>;
      return `Proposed ${t.trends.length} trend candidates; ${chosenTrends(t).length} chosen. Choose two or three to explore.`;
    }
    case 'dialogue': {
      const d = a as ArtifactOf<'dialogue'>;
      return `Updated the ledger: ${d.insights.length} insights, ${d.assumptions.length} assumptions.`;
    }
    case 'impact':
      return `Drafted the impact forecast: ${(a as ArtifactOf<'impact'>).forecasts.length} forecasts.`;
    case 'risks': {
      const ranked = rankRisks(a as ArtifactOf<'risks'>);
      return `Drafted the risk register: ${ranked.length} risks, ${ranked.filter((r) => r.severity === 'Critical').length} Critical.`;
    }
    case 'roadmap':
      return `Drafted the roadmap: ${(a as ArtifactOf<'roadmap'>).entries.length} entries.`;
    case 'sounding_board': {
      const recs = (a as ArtifactOf<'sounding_board'>).recommendations;
      const open = recs.reduce((n, r) => n + openObjections(r).length, 0);
      return `Pressure-tested ${recs.length} recommendation${recs.length === 1 ? '' : 's'}: ${recs.map((r) => orGap(r.verdict, 'verdict')).join(', ')}; ${open} objection${open === 1 ? '' : 's'} open.`;
    }
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}
