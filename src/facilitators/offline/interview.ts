/**
 * The offline interview is stateless apart from the transcript: which questions were asked is read
 * back from the assistant messages of the step (each question's text is matched against them), and
 * each user answer is paired with the question it answers.
 */
import type { TranscriptMessage, StepId } from '../../domain/index.js';
import { addressesFacilitator, isNonAnswer, isQuestionBack, normalise } from './parse/index.js';

/** The messages of one step that carry text, oldest first. */
export function stepMessages(transcript: readonly TranscriptMessage[], step: StepId): TranscriptMessage[] {
  return transcript.filter((m) => m.step === step && m.content.trim() !== '' && m.status !== 'failed');
}

export function lastUserMessage(messages: readonly TranscriptMessage[]): TranscriptMessage | null {
  return [...messages].reverse().find((m) => m.role === 'user') ?? null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern that finds a question template in text it was rendered into: the fixed words must be
 * there in order, the placeholders ({{trend}}, {{last}}…) may be anything.
 */
export function templateMatcher(template: string): RegExp {
  const fixed = normalise(template)
    .replace(/(\{\{\s*\w+\s*\}\})'s\b/g, '$1')
    .split(/\{\{\s*\w+\s*\}\}/)
    .map((part) => escapeRegExp(part).replace(/\s+/g, '\\s+'));
  return new RegExp(fixed.join('[\\s\\S]*?'));
}

/** The longest fixed stretch of a template: a template needs one long enough to be recognised. */
export function longestFixedPart(template: string): number {
  return Math.max(...template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.trim().length));
}

export interface Identified<T> {
  readonly item: T;
  readonly message: TranscriptMessage;
}

/** Which of `items` each assistant message asked, in transcript order (a message asks at most one). */
export function askedItems<T extends { readonly id: string; readonly text: string }>(
  messages: readonly TranscriptMessage[],
  items: readonly T[],
): Identified<T>[] {
  const matchers = items.map((item) => ({ item, re: templateMatcher(item.text) }));
  const out: Identified<T>[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    const text = normalise(message.content);
    const hit = matchers.find(({ re }) => re.test(text));
    if (hit) out.push({ item: hit.item, message });
  }
  return out;
}

export interface Answer<Q> {
  readonly question: Q;
  readonly text: string;
  readonly messageId: number;
}

/**
 * Pairs every user answer with the question it answers: the question asked last before it, unless a
 * line starts with a question's topic or one of its aliases ("Budget: none agreed"), which files that line there.
 * Text written after the bank ran out goes to the last question asked. A question back to the
 * facilitator ("Which trends fit us?") answers nothing.
 */
export function pairAnswers<
  Q extends {
    readonly id: string;
    readonly text: string;
    readonly topic: string;
    readonly aliases?: readonly string[] | undefined;
    readonly voicesQuestions?: boolean | undefined;
  },
>(messages: readonly TranscriptMessage[], questions: readonly Q[]): Answer<Q>[] {
  const asked = askedItems(messages, questions);
  const askedBy = new Map(asked.map((a) => [a.message.id, a.item]));
  const answers: Answer<Q>[] = [];
  let current: Q | null = null;
  for (const message of messages) {
    if (message.role === 'assistant') {
      current = askedBy.get(message.id) ?? current;
      continue;
    }
    if (asksBack(message.content, current)) continue;
    for (const segment of segmentsByTopic(message.content, questions)) {
      const question = segment.question ?? current;
      if (question && segment.text.trim() !== '') answers.push({ question, text: segment.text, messageId: message.id });
    }
  }
  return answers;
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
} {
  const byId = new Map<string, Array<Answer<Q>>>();
  for (const a of answers) byId.set(a.question.id, [...(byId.get(a.question.id) ?? []), a]);
  const real = (id: string) => (byId.get(id) ?? []).filter((a) => !isNonAnswer(a.text));
  return {
    text: (id) => {
      const texts = real(id).map((a) => normalise(a.text));
      return texts.length > 0 ? texts.join('\n') : null;
    },
    declined: (id) => (byId.get(id)?.length ?? 0) > 0 && real(id).length === 0,
    messageIds: (id) => (byId.get(id) ?? []).map((a) => a.messageId),
  };
}

/**
 * The next question: the first in bank order not yet asked nor answered, skipping one whose
 * `dependsOn` question was declined or skipped ("no second initiative" skips its metric question,
 * the third initiative and that one's metric question).
 */
export function nextQuestion<
  Q extends {
    readonly id: string;
    readonly text: string;
    readonly topic: string;
    readonly dependsOn?: string | undefined;
  },
>(messages: readonly TranscriptMessage[], questions: readonly Q[]): Q | null {
  const asked = new Set(askedItems(messages, questions).map((a) => a.item.id));
  const pairs = pairAnswers(messages, questions);
  const answers = answersById(pairs);
  const answered = new Set(pairs.map((a) => a.question.id));
  const skipped = new Set<string>();
  for (const q of questions) {
    if (q.dependsOn && (answers.declined(q.dependsOn) || skipped.has(q.dependsOn))) skipped.add(q.id);
  }
  return questions.find((q) => !asked.has(q.id) && !answered.has(q.id) && !skipped.has(q.id)) ?? null;
}

/** A question back to the facilitator, given the question it follows (one that voices questions takes them as answers). */
export function asksBack(text: string, after: { readonly voicesQuestions?: boolean | undefined } | null): boolean {
  return isQuestionBack(text) && (!after?.voicesQuestions || addressesFacilitator(text));
}

/** The question waiting for an answer: the one asked last if it is still unanswered, else the next one. */
export function standingQuestion<
  Q extends {
    readonly id: string;
    readonly text: string;
    readonly topic: string;
    readonly dependsOn?: string | undefined;
  },
>(messages: readonly TranscriptMessage[], questions: readonly Q[]): Q | null {
  const lastAsked = askedItems(messages, questions).at(-1)?.item;
  const answered = new Set(pairAnswers(messages, questions).map((a) => a.question.id));
  return lastAsked && !answered.has(lastAsked.id) ? lastAsked : nextQuestion(messages, questions);
}
