import type { z } from 'zod';
import {
  ARTIFACT_SCHEMAS,
  STEPS,
  chosenTrends,
  nextDialogueTrend,
  rankRisks,
  type ArtifactOf,
  type AskedRef,
  type StepId,
} from '../../domain/index.js';
import type { ChatModel } from '../../providers/types.js';
import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../engine/facilitator.js';
import { buildPrompt } from './promptBuilder.js';
import { fillTemplate, type Prompt, type PromptLibrary } from '../promptLibrary.js';

/** A facilitator whose words come from a model, steered by the prompt files of each step. */
export class ModelFacilitator implements Facilitator {
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptLibrary,
    private readonly budgetTokens: number,
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
    const critic = this.prompts.find(input.step, 'critic');
    const instructions = [
      this.instructions(input, null, extractor),
      critic ? fillTemplate(critic.text, placeholders(input, null)) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const built = await buildPrompt({
      instructions,
      artifacts: input.artifacts,
      conversation: stepConversation(input),
      finalRequest: `Build the ${STEPS[input.step].produces.toLowerCase()} now, from this conversation and what the session has established. Leave a fact null or list it as a gap rather than invent it.`,
      budgetTokens: this.budgetTokens,
    });
    const schema: z.ZodType<unknown> = ARTIFACT_SCHEMAS[input.step];
    const result = await this.model.structured(built.messages, schema, { signal, name: input.step });
    return {
      artifact: result.value,
      note: draftNote(input.step, result.value as ArtifactOf<StepId>),
      usage: result.usage,
      promptVersion: critic ? `${extractor.id}+${critic.id}` : extractor.id,
      promptTokens: built.promptTokens,
      calls: result.calls,
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
    currency: input.session.currency ?? 'not set',
    quarter: input.session.quarter,
    trend: trend ? trend.name : 'the chosen trends',
  };
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
      return `Pressure-tested ${recs.length} recommendation${recs.length === 1 ? '' : 's'}: ${recs.map((r) => r.verdict).join(', ')}.`;
    }
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}
