/**
 * The offline interview keeps what it knows as data: each facilitator message stores the bank
 * question it asked (its id), each user message what it was (answer, question back, command), and
 * the step's persisted state says which questions were asked and which were answered or declined.
 * A draft pairs every answer with the question asked before it; a reply reads only the state and the
 * latest message.
 */
import type { AnswerValues, ConversationState, TranscriptMessage, StepId } from '../../domain/index.js';
import { addressesFacilitator, isNonAnswer, normalise } from './parse/index.js';

/** The messages of one step that carry text, oldest first. */
export function stepMessages(transcript: readonly TranscriptMessage[], step: StepId): TranscriptMessage[] {
  return transcript.filter((m) => m.step === step && m.content.trim() !== '' && m.status !== 'failed');
}

export function lastUserMessage(messages: readonly TranscriptMessage[]): TranscriptMessage | null {
  return messages.findLast((m) => m.role === 'user') ?? null;
}

interface Question {
  readonly id: string;
  readonly topic: string;
  readonly aliases?: readonly string[] | undefined;
  readonly voicesQuestions?: boolean | undefined;
  readonly dependsOn?: string | undefined;
}

export interface Answer<Q> {
  readonly question: Q;
  readonly text: string;
  readonly messageId: number;
  /** "Skip", "don't know": the question was put and not answered. */
  readonly declined: boolean;
  /** Answered through the question's form: the values the advisor confirmed, taken as they are. */
  readonly values?: AnswerValues;
}

/**
 * Pairs every user answer with the question it answers: the question asked last before it (as its
 * message stored it), unless a line starts with a question's topic or one of its aliases ("Budget:
 * none agreed"), which files that line there. Text written after the bank ran out goes to the last
 * question asked. A question back answers nothing; "Skip" declines the question standing.
 */
export function pairAnswers<Q extends Question>(
  messages: readonly TranscriptMessage[],
  questions: readonly Q[],
  route?: Route<Q>,
): Answer<Q>[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: Answer<Q>[] = [];
  let current: Q | null = null;
  for (const message of messages) {
    if (message.role === 'assistant') {
      current = (message.questionId ? byId.get(message.questionId) : undefined) ?? current;
      continue;
    }
    answers.push(...answersIn(message, current, questions, route));
  }
  return answers;
}

/** What one user message answers, given the question asked last before it. */
/** Where an answer to `question` belongs instead, if the step says so. */
export type Route<Q> = (question: Q, text: string) => Q;

export function answersIn<Q extends Question>(
  message: TranscriptMessage,
  current: Q | null,
  questions: readonly Q[],
  route?: Route<Q>,
): Answer<Q>[] {
  // Answered through a form: the question it names, the values confirmed; its text is not read again.
  if (message.answer) {
    const question = questions.find((q) => q.id === message.answer!.questionId);
    return question
      ? [{ question, text: message.content, messageId: message.id, declined: false, values: message.answer.values }]
      : [];
  }
  if (message.intent === 'question_back') return [];
  if (message.intent === 'command') {
    return message.action === 'skip' && current
      ? [{ question: current, text: message.content, messageId: message.id, declined: true }]
      : [];
  }
  return segmentsByTopic(message.content, questions).flatMap((segment) => {
    const asked = segment.question ?? current;
    const question = asked && route && segment.question === null ? route(asked, segment.text) : asked;
    return question && segment.text.trim() !== ''
      ? [{ question, text: segment.text, messageId: message.id, declined: isNonAnswer(segment.text) }]
      : [];
  });
}

function segmentsByTopic<Q extends { readonly topic: string; readonly aliases?: readonly string[] | undefined }>(
  text: string,
  questions: readonly Q[],
): Array<{ question: Q | null; text: string }> {
  // Longest label first, so "Key numbers:" is not read as "Key:".
  const labels = questions
    .flatMap((q) => [q.topic, ...(q.aliases ?? [])].map((label) => ({ q, label: label.toLowerCase() })))
    .sort((a, b) => b.label.length - a.label.length);
  const segments: Array<{ question: Q | null; lines: string[] }> = [{ question: null, lines: [] }];
  for (const line of normalise(text).split('\n')) {
    const unbulleted = line.replace(/^[-*•]\s*/, '');
    const lower = unbulleted.toLowerCase();
    const hit = labels.find(({ label }) => lower.startsWith(label) && /^\s*:/.test(lower.slice(label.length)));
    if (hit) {
      segments.push({ question: hit.q, lines: [unbulleted.slice(hit.label.length).replace(/^\s*:\s*/, '')] });
    } else {
      segments.at(-1)!.lines.push(line);
    }
  }
  const read = segments
    .map((s) => ({ question: s.question, text: s.lines.join('\n').trim() }))
    .filter((s) => s.text !== '' || s.question !== null);
  // "Here is our briefing doc:" before labelled lines introduces them; it answers nothing.
  return read.filter(
    (s, i) => !(i === 0 && s.question === null && read.length > 1 && /:$/.test(s.text) && !s.text.includes('\n')),
  );
}

/** The answers to each question, joined; questions answered only with "skip" / "don't know" are `declined`. */
export function answersById<Q extends { readonly id: string }>(
  answers: readonly Answer<Q>[],
): {
  text: (id: string) => string | null;
  declined: (id: string) => boolean;
  messageIds: (id: string) => number[];
  /** The answers to the question typed into its form, oldest first, each with its message. */
  typed: (id: string) => Array<{ readonly values: AnswerValues; readonly messageId: number }>;
} {
  const byId = new Map<string, Array<Answer<Q>>>();
  for (const a of answers) byId.set(a.question.id, [...(byId.get(a.question.id) ?? []), a]);
  const real = (id: string) => (byId.get(id) ?? []).filter((a) => !a.declined);
  return {
    // Only what was not typed into a form is text to read.
    text: (id) => {
      const texts = real(id)
        .filter((a) => !a.values)
        .map((a) => normalise(a.text));
      return texts.length > 0 ? texts.join('\n') : null;
    },
    declined: (id) => (byId.get(id)?.length ?? 0) > 0 && real(id).length === 0,
    messageIds: (id) => (byId.get(id) ?? []).map((a) => a.messageId),
    typed: (id) =>
      (byId.get(id) ?? []).flatMap((a) => (a.values ? [{ values: a.values, messageId: a.messageId }] : [])),
  };
}

/**
 * The next question: the first in bank order not yet asked nor answered, skipping one whose
 * `dependsOn` question was declined or skipped ("no second initiative" skips its metric question,
 * the third initiative and that one's metric question). Read from the persisted state.
 */
export function nextQuestion<Q extends Question>(state: ConversationState, questions: readonly Q[]): Q | null {
  const asked = new Set(state.asked.map((a) => a.id));
  const skipped = new Set<string>();
  for (const q of questions) {
    if (q.dependsOn && (state.filed[q.dependsOn] === 'declined' || skipped.has(q.dependsOn))) skipped.add(q.id);
  }
  return questions.find((q) => !asked.has(q.id) && !state.filed[q.id] && !skipped.has(q.id)) ?? null;
}

/** The question asked last, as a bank question; null when it was none of `questions`. */
export function lastAsked<Q extends Question>(state: ConversationState, questions: readonly Q[]): Q | null {
  const id = state.lastQuestion?.id;
  return (id && questions.find((q) => q.id === id)) || null;
}

/** The question waiting for an answer: the one asked last if nothing was filed under it yet, else the next one. */
export function standingQuestion<Q extends Question>(state: ConversationState, questions: readonly Q[]): Q | null {
  const last = lastAsked(state, questions);
  return last && !state.filed[last.id] ? last : nextQuestion(state, questions);
}

/**
 * A message filed as a question back on arrival, read again with the question it follows: a bank
 * question that voices questions ("What will the CFO ask?") takes one as its answer, unless it is put
 * to the facilitator itself.
 */
export function asksBack(
  message: TranscriptMessage,
  after: { readonly voicesQuestions?: boolean | undefined } | null,
): boolean {
  return message.intent === 'question_back' && (!after?.voicesQuestions || addressesFacilitator(message.content));
}
