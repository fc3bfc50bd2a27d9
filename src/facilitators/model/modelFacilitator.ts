import { z } from 'zod';
import {
  ARTIFACT_SCHEMAS,
  QuestionFamily,
  STEPS,
  callsOf,
  chosenTrends,
  nextDialogueTrend,
  openObjections,
  orGap,
  rankRisks,
  type ArtifactOf,
  type AskedRef,
  type CallRecord,
  type StepId,
  type Usage,
} from '../../domain/index.js';
import { NO_USAGE, addUsage } from '../../providers/langchain.js';
import { withCalls, type ChatModel, type StreamPart } from '../../providers/types.js';
import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../engine/facilitator.js';
import { contextFor } from './contextView.js';
import { buildPrompt } from './promptBuilder.js';
import { isCriticised, runCritic } from './critic.js';
import { withoutLeadingLabel, type TrendLedger } from './transcriptView.js';
import { fillTemplate, type Prompt, type PromptLibrary } from '../promptLibrary.js';

/** How long the small call that files a question's family may take before the question is stored without one. */
export const FAMILY_CALL_TIMEOUT_MS = 20_000;

const FamilyAnswer = z.object({ family: QuestionFamily.nullable() });

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
    const built = buildPrompt({
      ...this.promptParts(input, nextTrend),
      instructions: this.instructions(input, nextTrend, prompt),
    });
    const started = performance.now();
    let text = '';
    const stream = withoutLeadingLabel(
      this.model.stream(built.messages, { signal }),
      (p) => (p.type === 'text-delta' ? p.text : null),
      (t): StreamPart => ({ type: 'text-delta', text: t }),
    );
    for await (const part of stream) {
      if (part.type === 'text-delta') {
        text += part.text;
        yield part;
        continue;
      }
      const replyCall: CallRecord = {
        purpose: 'reply',
        usage: part.usage,
        latencyMs: performance.now() - started,
        outcome: 'ok',
      };
      // The dialogue files each question's family as data, from a small call after the stream.
      const filed = input.step === 'dialogue' ? await this.familyOf(text, signal) : null;
      yield {
        type: 'finish',
        usage: filed ? addUsage(part.usage, filed.usage) : part.usage,
        promptVersion: [prompt.id, this.prompts.common('transcript').id, filed?.promptVersion]
          .filter(Boolean)
          .join('+'),
        promptTokens: built.promptTokens,
        calls: [replyCall, ...(filed?.calls ?? [])],
        trendId: nextTrend,
        question: { id: null, family: filed?.family ?? null },
      };
    }
  }

  async draft(input: TurnInput, signal: AbortSignal): Promise<DraftResult> {
    const extractor = this.prompts.get(input.step, 'extractor');
    const critic = isCriticised(input.step) ? this.prompts.find(input.step, 'critic') : undefined;
    const trendId = input.step === 'dialogue' ? (input.state.trendId ?? input.trendId) : null;
    const conversation = stepConversation(input);
    const built = buildPrompt({
      ...this.promptParts(input, trendId),
      instructions: this.instructions(input, trendId, extractor),
      finalRequest: `Build the ${STEPS[input.step].produces.toLowerCase()} now, from this conversation and what the session has established. Leave a fact null or list it as a gap rather than invent it.`,
    });
    const schema: z.ZodType<unknown> = ARTIFACT_SCHEMAS[input.step];
    const result = await this.model.structured(built.messages, schema, { signal, name: input.step });
    const drafted = {
      artifact: result.value,
      note: draftNote(input.step, result.value as ArtifactOf<StepId>),
      usage: result.usage,
      promptVersion: [extractor.id, this.prompts.common('transcript').id].join('+'),
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
      promptVersion: `${drafted.promptVersion}+${critic.id}`,
      promptTokens: built.promptTokens + reviewed.promptTokens,
      calls: [...result.calls, ...reviewed.calls],
      author: { provider: reviewed.identity.provider, model: reviewed.identity.model },
    };
  }

  /** What every prompt of the step carries besides its instructions: labels, context by need, the conversation. */
  private promptParts(input: TurnInput, trendId: string | null) {
    return {
      guide: this.prompts.common('transcript').text,
      context: contextFor(input.step, input.artifacts),
      now: input.step === 'dialogue' ? dialogueNow(input, trendId) : '',
      conversation: stepConversation(input),
      ledger: ledgerByTrend(input),
      budgetTokens: this.budgetTokens,
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

  /**
   * The family of the question a reply asked, from a small structured call. Never fails the turn:
   * on any failure (or no answer within FAMILY_CALL_TIMEOUT_MS) the family is null and the question stays.
   */
  private async familyOf(
    question: string,
    signal: AbortSignal,
  ): Promise<{ family: QuestionFamily | null; usage: Usage; calls: CallRecord[]; promptVersion: string } | null> {
    const prompt = this.prompts.find('dialogue', 'family');
    if (!prompt || question.trim() === '' || signal.aborted) return null;
    const asFamily = (calls: readonly CallRecord[]) => calls.map((c) => ({ ...c, purpose: 'family' as const }));
    try {
      const result = await this.model.structured(
        [
          { role: 'system', content: prompt.text },
          { role: 'user', content: question },
        ],
        FamilyAnswer,
        { signal: AbortSignal.any([signal, AbortSignal.timeout(FAMILY_CALL_TIMEOUT_MS)]), name: 'question_family' },
      );
      return {
        family: result.value.family,
        usage: result.usage,
        calls: asFamily(result.calls),
        promptVersion: prompt.id,
      };
    } catch (e) {
      console.warn(`The question's family could not be filed: ${e instanceof Error ? e.message : String(e)}`);
      const calls = asFamily(callsOf(e));
      return {
        family: null,
        usage: calls.reduce((u, c) => addUsage(u, c.usage), NO_USAGE),
        calls,
        promptVersion: prompt.id,
      };
    }
  }
}

/** The opening asks a question the prompt file does not file by family. */
const ASKED_UNKNOWN: AskedRef = { id: null, family: null };

/** The current step's conversation; the dialogue keeps every trend's thread, since insights cross trends. */
function stepConversation(input: TurnInput) {
  return input.transcript.filter((m) => m.step === input.step && (m.status === 'complete' || m.content !== ''));
}

const trendName = (input: TurnInput, id: string | null) =>
  input.artifacts.trends?.trends.find((t) => t.id === id)?.name ?? null;

/**
 * Where the dialogue stands, from the persisted state: the trend now (and whether it just changed),
 * and per chosen trend the answers so far and the families already asked, which the recent window
 * alone may no longer show.
 */
function dialogueNow(input: TurnInput, trendId: string | null): string {
  const chosen = input.artifacts.trends ? chosenTrends(input.artifacts.trends) : [];
  if (!trendId || chosen.length === 0) return '';
  const before = input.state.lastQuestion?.trendId ?? null;
  const changed = before !== null && before !== trendId;
  const lines = [
    `Now: the trend under discussion is ${trendId} · ${trendName(input, trendId) ?? trendId}${changed ? `; it has just changed from ${before} · ${trendName(input, before) ?? before}` : ''}.`,
    'So far, per chosen trend (from the session’s records):',
    ...chosen.map((t) => {
      const families = input.state.familiesByTrend[t.id] ?? [];
      const answers = input.state.answersByTrend[t.id] ?? 0;
      return `- ${t.id} · ${t.name}: ${answers} answer${answers === 1 ? '' : 's'}; families asked: ${families.length > 0 ? families.join(', ') : 'none recorded'}`;
    }),
  ];
  return lines.join('\n');
}

/** Each chosen trend's name and the ledger's insights and assumptions about it, for the summary. */
function ledgerByTrend(input: TurnInput): ReadonlyMap<string, TrendLedger> {
  const ledger = input.artifacts.dialogue;
  const trends = input.artifacts.trends?.trends ?? [];
  return new Map(
    trends.map((t) => [
      t.id,
      {
        name: t.name,
        ids: [...(ledger?.insights ?? []), ...(ledger?.assumptions ?? [])]
          .filter((x) => x.trendId === t.id)
          .map((x) => x.id),
      },
    ]),
  );
}

/**
 * {{trend}}: in the dialogue, the trend the turn is about; elsewhere the chosen trends, by name
 * and id (the steps after the dialogue say "the chosen trends ({{trend}})").
 */
function placeholders(input: TurnInput, trendId: string | null): Record<string, string> {
  const chosen = input.artifacts.trends ? chosenTrends(input.artifacts.trends) : [];
  const current = trendName(input, trendId);
  const all = chosen.map((t) => `${t.name} (${t.id})`);
  return {
    client: input.session.clientName,
    industry: input.session.industry,
    currency: input.session.currency ?? 'not set',
    quarter: input.session.quarter,
    trend:
      current ??
      (all.length === 0
        ? 'the chosen trends'
        : all.length === 1
          ? all[0]!
          : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`),
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
      const open = recs.reduce((n, r) => n + openObjections(r).length, 0);
      return `Pressure-tested ${recs.length} recommendation${recs.length === 1 ? '' : 's'}: ${recs.map((r) => orGap(r.verdict, 'verdict')).join(', ')}; ${open} objection${open === 1 ? '' : 's'} open.`;
    }
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}
