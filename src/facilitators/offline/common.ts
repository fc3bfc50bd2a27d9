/** What every step module of the offline facilitator shares: its context, placeholders and the words it uses about itself. */
import {
  HORIZON_LABELS,
  ROADMAP_STATUS_LABELS,
  STEPS,
  TREND_LENS_LABELS,
  chosenTrends,
  inferProfile,
  isolateBidi,
  rankRisks,
  type AnswerValues,
  type BankProfile,
  type Horizon,
  type TranscriptMessage,
  type TrendLens,
} from '../../domain/index.js';
import type { TurnInput } from '../../engine/facilitator.js';
import { fillTemplate } from '../promptLibrary.js';
import type { BankQuestion, OfflineBanks } from './bank.js';
import { truncate } from './parse/index.js';

export interface StepContext {
  readonly input: TurnInput;
  readonly banks: OfflineBanks;
  /** The current step's messages that carry text, oldest first. */
  readonly messages: readonly TranscriptMessage[];
  readonly now: Date;
}

export interface Drafted {
  readonly artifact: unknown;
  readonly note: string;
}

/** What a bank step contributes: a line acknowledging an answer, and the artifact built from all answers. */
export interface BankStep<Q extends BankQuestion> {
  readonly questions: (ctx: StepContext) => readonly Q[];
  readonly ack: (question: Q, text: string, ctx: StepContext) => string;
  readonly draft: (ctx: StepContext) => Drafted;
  /** The question an answer belongs to when it is not the one standing ("Ready." said at any question is the verdict). */
  readonly route?: (question: Q, text: string, ctx: StepContext) => Q;
  /** A challenge instead of the next question: what to say, and the question to ask again. */
  readonly challenge?: (
    question: Q,
    text: string,
    ctx: StepContext,
  ) => { readonly text: string; readonly ask: Q } | null;
  /** Reads an answer's text into the question's form fields (by fill path), to PRE-FILL the form the advisor confirms. */
  readonly prefill?: (question: Q, text: string, ctx: StepContext) => AnswerValues;
}

/** A copy of `target` with the value at a dotted path ("financial.oneOffCost") replaced. */
export function withValueAt<T>(target: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const obj = (target ?? {}) as Record<string, unknown>;
  return { ...obj, [head!]: rest.length === 0 ? value : withValueAt(obj[head!], rest.join('.'), value) } as T;
}

/** Typed values ("entries[].financial.oneOffCost": 450000) laid over an item: the advisor's confirmed word wins. */
export function withTyped<T>(item: T, values: AnswerValues, prefix: string): T {
  return Object.entries(values)
    .filter(([path]) => path.startsWith(prefix))
    .reduce((acc, [path, value]) => withValueAt(acc, path.slice(prefix.length), value), item);
}

/** Said under every reply: what answered, so nobody mistakes the bank for a model. */
export const FOOTER = '_Offline facilitator: a fixed question bank, no AI model._';

/** A trend lens as it reads inside a sentence, e.g. "customers and society". */
export const lensLabel = (l: TrendLens) => TREND_LENS_LABELS[l].toLowerCase();

export const horizonLabel = (h: Horizon) => HORIZON_LABELS[h];

export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function chosen(input: TurnInput) {
  return input.artifacts.trends ? chosenTrends(input.artifacts.trends) : [];
}

/** The placeholders bank texts may use; `extra` adds or overrides ({{trend}}, {{question}}…). */
export function placeholders(input: TurnInput, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const trends = chosen(input);
  const insights = input.artifacts.dialogue?.insights ?? [];
  const risks = input.artifacts.risks ? rankRisks(input.artifacts.risks) : [];
  const entries = input.artifacts.roadmap?.entries ?? [];
  return {
    // The user's words inside the facilitator's sentence, isolated when they could reorder it.
    client: isolateBidi(input.session.clientName),
    industry: isolateBidi(input.session.industry),
    quarter: input.session.quarter,
    trend: trends.length > 0 ? joinWords(trends.map((t) => t.name)) : 'the chosen trends',
    trends: trends.length > 0 ? trends.map((t) => `**${t.name}** (${t.id})`).join(', ') : 'none chosen yet',
    insights:
      insights.length > 0
        ? `\n\nLedger insights you can cite: ${insights
            .slice(0, 8)
            .map((i) => `${i.id} “${truncate(i.text, 70)}”`)
            .join('; ')}.`
        : '',
    risks:
      risks.length > 0
        ? `\n\nThe risk register, highest score first: ${risks
            .slice(0, 6)
            .map((r) => `${r.id} ${truncate(r.threat, 60)} (${r.severity}, ${r.likelihood}×${r.impact})`)
            .join('; ')}.`
        : '',
    roadmap:
      entries.length > 0
        ? `\n\nThe roadmap: ${entries.map((e) => `${e.id} ${truncate(e.title, 70)}${e.status === 'planned' ? '' : ` (${ROADMAP_STATUS_LABELS[e.status].toLowerCase()})`}`).join('; ')}. Name entries by id when you state the recommendation.`
        : '',
    ...extra,
  };
}

/** The question banks that fit the client: as the session carries them, else inferred from its industry. */
export const profileOf = (input: TurnInput): BankProfile =>
  input.session.profile ?? inferProfile(input.session.industry);

/**
 * The context bank's examples for the client's profile: key numbers, an example line in the client's
 * currency (its code once set, "USD 212M"; before that the region's symbol), regulation.
 */
export function profileExamples(banks: OfflineBanks, input: TurnInput): Record<string, string> {
  const profile = profileOf(input);
  const industry = banks.context.profiles.industries[profile.industry];
  const currency =
    input.session.currency !== null
      ? `${input.session.currency}\u00a0`
      : banks.context.profiles.regions[profile.region].currency;
  return {
    keyNumbers: industry.keyNumbers,
    keyNumbersExample: industry.example.replaceAll('{{currency}}', currency),
    regulationExamples: industry.regulation[profile.region],
  };
}

/** A possessive that suits the name: "Northwind Logistics'", "Acme's". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);

/** "{{client}}'s" in a bank text is written with `possessive`. */
const POSSESSIVE = /\{\{\s*(\w+)\s*\}\}'s\b/g;

export function fill(text: string, input: TurnInput, extra: Readonly<Record<string, string>> = {}): string {
  const values = placeholders(input, extra);
  const withPossessives = text.replace(POSSESSIVE, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : possessive(value);
  });
  return fillTemplate(withPossessives, values);
}

/** A bank question as shown: its topic, where it sits in the bank, the question. */
export function questionBlock(question: BankQuestion, all: readonly BankQuestion[], input: TurnInput): string {
  const at = all.findIndex((q) => q.id === question.id) + 1;
  return `**${question.topic}** (question ${at} of ${all.length}): ${fill(question.text, input)}`;
}

export function stepTitle(input: TurnInput): string {
  return STEPS[input.step].title;
}
