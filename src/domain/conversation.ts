/**
 * What a step's conversation knows, as data: the question each facilitator message asked, what each
 * user message was (an answer, a question back, a command), and the state those add up to (the trend
 * under discussion, answers and question families per trend, "enough"). The state is updated by
 * events as messages are stored, and persisted; nothing here reads it back from the rendered text.
 */
import { actionsOf, type ConversationAction } from './actions.js';
import type { QuestionFamily } from './artifacts/index.js';
import { isQuestionBack, normalise } from './prose.js';
import type { StepId } from './stepInfo.js';

/** What a user message was: an answer to the question standing, a question back to the facilitator, or a command. */
export type UserIntent = 'answer' | 'question_back' | 'command';

/** A question a facilitator message asked: the bank question's id (offline) and its family (null when not known). */
export interface AskedRef {
  readonly id: string | null;
  readonly family: QuestionFamily | null;
}

/**
 * Typed words that stand for an action, as a convenience: the whole message must be the command
 * ("next trend please", "that's enough", "skip"), so an answer that contains the words
 * ("Stop hiring is the key lever") stays an answer.
 */
const TYPED: ReadonlyArray<readonly [ConversationAction, RegExp]> = [
  [
    'next_trend',
    /^(?:next trend|(?:go to the |move on to the )?next one|move on|another trend|switch trends?|skip (?:this|the) trend)$/,
  ],
  [
    'enough',
    /^(?:(?:that'?s|that is|it'?s) enough(?: for now)?|enough(?: for now)?|we'?re done|(?:we are|i'?m|i am) done|let'?s stop|no more)$/,
  ],
  ['skip', /^(?:skip(?: this(?: one| question)?| it)?|next question|pass)$/],
];

export function typedAction(text: string): ConversationAction | null {
  const t = normalise(text)
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[.!\s]+$/, '')
    .replace(/^(?:ok(?:ay)?|right|fine|thanks)[,.!]?\s+/, '')
    .replace(/^let'?s\s+(?=move|go|switch|skip)/, '')
    .replace(/,?\s+please$/, '')
    .trim();
  return TYPED.find(([, re]) => re.test(t))?.[0] ?? null;
}

/**
 * How a user message is filed when it arrives: an explicit action makes it a command whatever it
 * says; typed words stand for an action the step knows.
 */
export function classifyUserMessage(
  text: string,
  step: StepId,
  action: ConversationAction | null = null,
): { intent: UserIntent; action: ConversationAction | null } {
  const typed = typedAction(text);
  const act = action ?? (typed && actionsOf(step).includes(typed) ? typed : null);
  if (act) return { intent: 'command', action: act };
  return { intent: isQuestionBack(text) ? 'question_back' : 'answer', action: null };
}

/** The question asked last in a step, and whether an answer (or a skip) has come since. */
export interface LastQuestion extends AskedRef {
  readonly messageId: number;
  readonly trendId: string | null;
  readonly answered: boolean;
}

/** A step's conversation state. Bounded: it grows with the question banks and the chosen trends, never with the transcript. */
export interface ConversationState {
  /** Dialogue: the trend the conversation is on. */
  readonly trendId: string | null;
  /** Dialogue: answers per trend. A question back or a command is not an answer; "don't know" is. */
  readonly answersByTrend: Readonly<Record<string, number>>;
  /** Dialogue: the question families asked per trend, in the order first asked. */
  readonly familiesByTrend: Readonly<Record<string, readonly QuestionFamily[]>>;
  /** Dialogue: the families of the questions answered per trend (an open question's is not yet). */
  readonly familiesAnsweredByTrend?: Readonly<Record<string, readonly QuestionFamily[]>>;
  /** Bank question ids asked, with the trend they were asked about (offline; a model's questions have none). */
  readonly asked: ReadonlyArray<{ readonly id: string; readonly trendId: string | null }>;
  /** Bank questions with an answer, or declined ("skip", "don't know"), as the facilitator filed them. */
  readonly filed: Readonly<Record<string, 'answered' | 'declined'>>;
  readonly lastQuestion: LastQuestion | null;
  /** Dialogue: the user said it is enough. */
  readonly enough: boolean;
}

export const EMPTY_CONVERSATION: ConversationState = {
  trendId: null,
  answersByTrend: {},
  familiesByTrend: {},
  asked: [],
  filed: {},
  lastQuestion: null,
  enough: false,
};

export type ConversationEvent =
  /** A facilitator message was stored; `question` is null when it asked nothing. */
  | {
      readonly type: 'asked';
      readonly messageId: number;
      readonly trendId: string | null;
      readonly question: AskedRef | null;
    }
  /** A user message was stored. */
  | {
      readonly type: 'user_message';
      readonly messageId: number;
      readonly trendId: string | null;
      readonly intent: UserIntent;
    }
  /** An explicit action. `to`: the trend `next_trend` moved to (null when there is no other). */
  | { readonly type: 'action'; readonly action: ConversationAction; readonly to?: string | null }
  /** Which bank questions an answer filled (offline), or declined. */
  | {
      readonly type: 'filed';
      readonly entries: ReadonlyArray<{ readonly questionId: string; readonly declined: boolean }>;
    };

export function applyConversationEvent(state: ConversationState, event: ConversationEvent): ConversationState {
  switch (event.type) {
    case 'asked': {
      if (!event.question) return event.trendId ? { ...state, trendId: event.trendId } : state;
      const { id, family } = event.question;
      const trend = event.trendId;
      const families = trend ? (state.familiesByTrend[trend] ?? []) : [];
      return {
        ...state,
        trendId: trend ?? state.trendId,
        asked:
          id && !state.asked.some((a) => a.id === id && a.trendId === trend)
            ? [...state.asked, { id, trendId: trend }]
            : state.asked,
        familiesByTrend:
          trend && family && !families.includes(family)
            ? { ...state.familiesByTrend, [trend]: [...families, family] }
            : state.familiesByTrend,
        lastQuestion: { id, family, messageId: event.messageId, trendId: trend, answered: false },
      };
    }
    case 'user_message': {
      if (event.intent !== 'answer') return state;
      const trend = event.trendId;
      const family = state.lastQuestion?.answered === false ? state.lastQuestion.family : null;
      const answered = trend ? (state.familiesAnsweredByTrend?.[trend] ?? []) : [];
      return {
        ...state,
        familiesAnsweredByTrend:
          trend && family && !answered.includes(family)
            ? { ...state.familiesAnsweredByTrend, [trend]: [...answered, family] }
            : state.familiesAnsweredByTrend,
        answersByTrend: trend
          ? { ...state.answersByTrend, [trend]: (state.answersByTrend[trend] ?? 0) + 1 }
          : state.answersByTrend,
        lastQuestion: state.lastQuestion && { ...state.lastQuestion, answered: true },
      };
    }
    case 'action':
      switch (event.action) {
        case 'next_trend':
          return event.to ? { ...state, trendId: event.to } : state;
        case 'enough':
          // The question standing is closed too: nothing is asked after "enough".
          return {
            ...state,
            enough: true,
            lastQuestion: state.lastQuestion && { ...state.lastQuestion, answered: true },
          };
        case 'skip': {
          const last = state.lastQuestion;
          if (!last) return state;
          return {
            ...state,
            filed: last.id && !state.filed[last.id] ? { ...state.filed, [last.id]: 'declined' } : state.filed,
            lastQuestion: { ...last, answered: true },
          };
        }
        default: {
          const unreachable: never = event.action;
          return unreachable;
        }
      }
    case 'filed': {
      const filed = { ...state.filed };
      for (const e of event.entries) {
        if (e.declined) filed[e.questionId] ??= 'declined';
        else filed[e.questionId] = 'answered';
      }
      return { ...state, filed };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export const applyConversationEvents = (state: ConversationState, events: readonly ConversationEvent[]) =>
  events.reduce(applyConversationEvent, state);

/** What the state is built from: a stored message's metadata (see Message). */
export interface StoredMessageFacts {
  readonly id: number;
  readonly role: 'user' | 'assistant';
  readonly kind: 'chat' | 'opening' | 'draft';
  readonly trendId: string | null;
  readonly content: string;
  readonly status: string;
  readonly questionId: string | null;
  readonly questionFamily: QuestionFamily | null;
  readonly intent: UserIntent | null;
  readonly action: ConversationAction | null;
}

/**
 * A step's state from its stored messages, oldest first: what a migration writes for conversations
 * held before the state was kept. Facilitator messages add what their metadata says they asked (for
 * old messages: an unknown question); user messages what their stored intent says.
 */
export function conversationFromMessages(messages: readonly StoredMessageFacts[]): ConversationState {
  let state = EMPTY_CONVERSATION;
  for (const m of messages) {
    // A draft's note asks nothing; a reply still streaming or failed without text was not read.
    if (m.kind === 'draft' || m.status === 'streaming' || (m.status === 'failed' && m.content === '')) continue;
    if (m.role === 'assistant') {
      state = applyConversationEvent(state, {
        type: 'asked',
        messageId: m.id,
        trendId: m.trendId,
        question: { id: m.questionId, family: m.questionFamily },
      });
    } else if (m.intent) {
      state = applyConversationEvent(state, {
        type: 'user_message',
        messageId: m.id,
        trendId: m.trendId,
        intent: m.intent,
      });
      if (m.action && m.action !== 'next_trend')
        state = applyConversationEvent(state, { type: 'action', action: m.action });
    }
  }
  return state;
}
