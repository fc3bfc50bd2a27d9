/**
 * Runs the offline facilitator the way the engine does, without the engine: the opening is posted
 * once, each user message is stored with the trend it answers, each reply is stored with the trend
 * its question is about, and artifacts land in the session after the domain's schema check.
 */
import {
  EMPTY_CONVERSATION,
  applyConversationEvents,
  classifyUserMessage,
  parseArtifact,
  trendAfterMoveOn,
  type ArtifactSet,
  type ConversationAction,
  type ConversationEvent,
  type ConversationState,
  type Message,
  type SessionMode,
  type StepId,
} from '../../src/domain/index.js';
import {
  RECENT_MESSAGES,
  type DraftResult,
  type Facilitator,
  type ReplyPart,
  type TurnInput,
} from '../../src/engine/facilitator.js';
import { createOfflineFacilitator } from '../../src/facilitators/offline/index.js';

/** Fixed clock: 2027-01-15, in 2027-Q1. */
export const NOW = new Date('2027-01-15T10:00:00Z');

/** Northwind Logistics, as its CTO describes it: one answer per context question, in the bank's order. */
export const CONTEXT_ANSWERS = [
  'Freight brokerage\nWarehousing (3 sites)\nLast-mile delivery',
  'Shipper portal (our own TMS); driver app',
  'Mid-market manufacturers in the Midwest; top 5 accounts = 41% of revenue',
  'Regional challenger: we win on service and on-time rate, lose on price to digital brokers',
  'Uber Freight, Coyote, Echo Global',
  'Per-load brokerage margin plus warehousing contracts of 1-3 years; gross margin 17%',
  'ARR $8M, 14 engineers, churn 9%, cloud spend $45k/month',
  'Cut churn from 9% to 6% by Q4\nLaunch a shipper API by June',
  '$400k for the year, about half capitalisable',
  '14 engineers, strong on .NET, nobody on data; Mike is the only one who knows the routing engine',
  'Peak season freeze from October to December; two top accounts renew in Q3',
  'SOC 2 asked for by two customers; NIS2 applies to us as a transport company',
];

export const CLIENT = {
  clientName: 'Northwind Logistics',
  industry: 'Third-party logistics and freight brokerage',
  currency: 'USD',
  quarter: '2027-Q1',
};

export function offline(): Facilitator {
  return createOfflineFacilitator({ now: () => NOW });
}

let nextId = 1;

export function message(over: Partial<Message> & Pick<Message, 'step' | 'role' | 'content'>): Message {
  const at = new Date(NOW.getTime() + nextId * 1000).toISOString();
  return {
    id: nextId++,
    sessionId: 1,
    trendId: null,
    kind: 'chat',
    status: 'complete',
    questionId: null,
    questionFamily: null,
    intent: null,
    action: null,
    provider: null,
    model: null,
    promptVersion: null,
    tokensIn: null,
    tokensOut: null,
    promptTokens: null,
    latencyMs: null,
    error: null,
    supersededBy: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function turnInput(
  step: StepId,
  artifacts: ArtifactSet,
  transcript: readonly Message[],
  options: { trendId?: string | null; mode?: SessionMode; state?: ConversationState } = {},
): TurnInput {
  return {
    session: { id: 1, ...CLIENT, mode: options.mode ?? 'quarterly' },
    step,
    trendId: options.trendId ?? null,
    artifacts,
    transcript,
    state: options.state ?? EMPTY_CONVERSATION,
  };
}

export interface ReplyResult {
  readonly text: string;
  readonly deltas: number;
  readonly finish: Extract<ReplyPart, { type: 'finish' }>;
}

export async function collect(parts: AsyncIterable<ReplyPart>): Promise<ReplyResult> {
  let text = '';
  let deltas = 0;
  let finish: Extract<ReplyPart, { type: 'finish' }> | null = null;
  for await (const part of parts) {
    if (part.type === 'text-delta') {
      text += part.text;
      deltas++;
    } else {
      finish = part;
    }
  }
  if (!finish) throw new Error('the reply never finished');
  return { text, deltas, finish };
}

/** One step of a session, driven like the engine drives it: messages filed, the state updated by the same events. */
export class Interview {
  readonly transcript: Message[] = [];
  readonly replies: ReplyResult[] = [];
  readonly openingText: string;
  state: ConversationState = EMPTY_CONVERSATION;

  constructor(
    readonly step: StepId,
    readonly artifacts: ArtifactSet = {},
    readonly facilitator: Facilitator = offline(),
    readonly mode: SessionMode = 'quarterly',
  ) {
    const opening = facilitator.opening(turnInput(step, artifacts, [], { mode }));
    this.openingText = opening.text;
    const stored = message({
      step,
      role: 'assistant',
      kind: 'opening',
      content: opening.text,
      trendId: opening.trendId,
      promptVersion: opening.promptVersion,
      questionId: opening.question?.id ?? null,
      questionFamily: opening.question?.family ?? null,
    });
    this.transcript.push(stored);
    this.apply([{ type: 'asked', messageId: stored.id, trendId: opening.trendId, question: opening.question }]);
  }

  private apply(events: readonly ConversationEvent[]): void {
    this.state = applyConversationEvents(this.state, events);
  }

  /** A message typed into the composer (typed "next trend", "that's enough", "skip" are actions). */
  answer(content: string): Promise<ReplyResult> {
    return this.send(content, null);
  }

  /** A button: "Next trend", "That's enough", "Skip this question". */
  act(action: ConversationAction): Promise<ReplyResult> {
    return this.send({ next_trend: 'Next trend', enough: "That's enough", skip: 'Skip this question' }[action], action);
  }

  private async send(content: string, action: ConversationAction | null): Promise<ReplyResult> {
    const trendId = this.step === 'dialogue' ? this.state.trendId : null;
    const filed = classifyUserMessage(content, this.step, action);
    const user = message({
      step: this.step,
      role: 'user',
      content,
      trendId,
      questionId: this.state.lastQuestion?.id ?? null,
      questionFamily: this.state.lastQuestion?.family ?? null,
      ...filed,
    });
    this.transcript.push(user);
    this.apply([
      { type: 'user_message', messageId: user.id, trendId, intent: filed.intent },
      ...(filed.action
        ? [
            {
              type: 'action' as const,
              action: filed.action,
              to: trendAfterMoveOn(this.artifacts.trends, this.state.answersByTrend, trendId),
            },
          ]
        : []),
    ]);
    // A reply reads the latest messages only, as the engine hands them (its cost must not grow with the step).
    const input = turnInput(this.step, this.artifacts, this.transcript.slice(-RECENT_MESSAGES), {
      trendId,
      mode: this.mode,
      state: this.state,
    });
    const result = await collect(this.facilitator.reply(input, new AbortController().signal));
    const { finish } = result;
    if (finish.userIntent) {
      this.transcript[this.transcript.length - 1] = { ...user, intent: finish.userIntent };
      this.apply([{ type: 'user_message', messageId: user.id, trendId, intent: finish.userIntent }]);
    }
    if (finish.filed?.length) this.apply([{ type: 'filed', entries: finish.filed }]);
    const reply = message({
      step: this.step,
      role: 'assistant',
      content: result.text,
      trendId: finish.trendId ?? null,
      promptVersion: finish.promptVersion,
      questionId: finish.question?.id ?? null,
      questionFamily: finish.question?.family ?? null,
    });
    this.transcript.push(reply);
    this.apply([{ type: 'asked', messageId: reply.id, trendId: reply.trendId, question: finish.question }]);
    if (finish.artifact !== undefined)
      (this.artifacts as Record<string, unknown>)[this.step] = parseArtifact(this.step, finish.artifact);
    this.replies.push(result);
    return result;
  }

  async answerAll(answers: readonly string[]): Promise<ReplyResult[]> {
    const out: ReplyResult[] = [];
    for (const a of answers) out.push(await this.answer(a));
    return out;
  }

  /** Drafts the step's artifact and checks it against the domain schema, as the engine does before storing. */
  async draft<S extends StepId>(step: S = this.step as S) {
    const result: DraftResult = await this.facilitator.draft(
      turnInput(this.step, this.artifacts, [...this.transcript], { mode: this.mode, state: this.state }),
      new AbortController().signal,
    );
    const artifact = parseArtifact(step, result.artifact);
    this.transcript.push(message({ step: this.step, role: 'assistant', kind: 'draft', content: result.note }));
    return { ...result, artifact };
  }

  /** Every assistant text this step produced, opening included. */
  get assistantTexts(): string[] {
    return this.transcript.filter((m) => m.role === 'assistant').map((m) => m.content);
  }
}
