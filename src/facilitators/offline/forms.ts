/**
 * Typed answers to the offline banks: a question that fills artifact fields (its `fills`) has a form
 * of those fields, described from the artifact's schema (src/domain/forms/). A pasted text is read
 * by the frozen parser only to PRE-FILL that form, each value with the words it was read from; the
 * advisor corrects and confirms, and the draft then takes the confirmed values as they are. The
 * drafts of context, impact, risks, roadmap and the sounding board read typed answers. Trends and the
 * dialogue stay conversations: their answers are words to think with, with nothing a parser could misread
 * into a number, a score or a choice.
 */
import {
  answerFields,
  readingsOfAnswer,
  type AnswerForm,
  type AnswerValues,
  type Reading,
  type StepId,
} from '../../domain/index.js';
import type { AnswerForms, Prefill, TurnInput } from '../../engine/facilitator.js';
import type { BankQuestion } from './bank.js';
import type { BankStep, StepContext } from './common.js';
import { pairAnswers, standingQuestion } from './interview.js';

/** The steps whose drafts take typed answers. */
const FORM_STEPS: ReadonlySet<StepId> = new Set(['context', 'impact', 'risks', 'roadmap', 'sounding_board']);

/**
 * Fields a form never holds: the sounding board's objections are raised by the facilitator and
 * answered in the conversation, one lens at a time, so their questions stand in the chat alone.
 */
const CONVERSATION_FIELDS: ReadonlySet<string> = new Set(['recommendations[].objections']);

type FillingQuestion = BankQuestion & { readonly fills: readonly string[] };

const fillsOf = (q: BankQuestion): readonly string[] => (q as Partial<FillingQuestion>).fills ?? [];

/**
 * Typed values a question's answer also gives, beside the fields its bank names: the budget's amount
 * with the budget, the team's engineer-weeks per quarter with the team, the freeze windows (what, from,
 * to) with the deadlines. A form asks for them; prose never fills the last two.
 */
const ALSO_ASKED: Readonly<Record<string, readonly string[]>> = {
  'constraints.budget': ['constraints.budgetAmount'],
  'constraints.team': ['constraints.teamWeeksPerQuarter'],
  'constraints.time': ['constraints.freezes'],
  // After the confidence: the reason is needed only when "ready" is chosen with objections open.
  'recommendations[].confidence': ['recommendations[].readyDespite.reason'],
};

/** The fields a question's form holds: what it fills, and the numbers that go with them. */
export function formFields(question: BankQuestion): string[] {
  const fills = fillsOf(question);
  return [...new Set(fills.flatMap((f) => [f, ...(ALSO_ASKED[f] ?? [])]))];
}

export function questionForm(step: StepId, question: BankQuestion): AnswerForm | null {
  const fills = formFields(question);
  if (!FORM_STEPS.has(step) || fills.length === 0 || fills.some((f) => CONVERSATION_FIELDS.has(f))) return null;
  return { step, questionId: question.id, topic: question.topic, fields: answerFields(step, fills) };
}

/** The parts of a text a value may come from: its lines, sentences, and the parts between commas and dashes. */
function clausesOf(text: string): string[] {
  return text
    .slice(0, 4000)
    .split(/\n|(?<=[.;!?])\s+|,\s+|\s[—–]\s|\s-\s/)
    .map((c) => c.trim().replace(/[.;,]+$/, ''))
    .filter((c) => c !== '')
    .slice(0, 60);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Where each pre-filled value was read from: the part of the text that holds a text value as
 * written, or, for a number, a score or a choice, the first part that reads as the same value on
 * its own. A value no single part gives (read from the whole) is left without one.
 */
export function readFromOf(
  text: string,
  values: AnswerValues,
  reread: (part: string) => AnswerValues,
): Record<string, string> {
  const clauses = clausesOf(text);
  const rereads = new Map<string, AnswerValues>();
  const readPart = (c: string) => {
    if (!rereads.has(c)) rereads.set(c, reread(c));
    return rereads.get(c)!;
  };
  const out: Record<string, string> = {};
  for (const [path, value] of Object.entries(values)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    // A number, a score or a choice: the first part that reads as the same value alone; text: the part that holds it.
    const text = typeof value === 'string' ? value.toLowerCase() : null;
    const found =
      clauses.find((c) => same(readPart(c)[path], value)) ??
      (text === null
        ? undefined
        : (clauses.find((c) => c.toLowerCase().includes(text.slice(0, 40))) ??
          clauses.find((c) => text.includes(c.toLowerCase()))));
    if (found) out[path] = found.length > 200 ? `${found.slice(0, 199)}…` : found;
  }
  return out;
}

/** A text read into a question's form: the values, and the words each was read from. */
function readInto(step: BankStep<BankQuestion>, question: BankQuestion, text: string, ctx: StepContext) {
  const read = (part: string) => step.prefill!(question, part, ctx);
  const values = read(text);
  return { values, readFrom: readFromOf(text, values, read) };
}

/**
 * What the parser read from the step's answers given in the chat rather than typed into a form: the
 * values a draft takes from prose, each with its words, for the advisor to confirm before accepting.
 */
export function chatReadings(step: BankStep<BankQuestion>, ctx: StepContext): Reading[] {
  if (!step.prefill || !FORM_STEPS.has(ctx.input.step)) return [];
  const route = step.route && ((q: BankQuestion, text: string) => step.route!(q, text, ctx));
  return pairAnswers(ctx.messages, step.questions(ctx), route).flatMap((a) => {
    const form = a.declined || a.values ? null : questionForm(ctx.input.step, a.question);
    if (!form) return [];
    const { values, readFrom } = readInto(step, a.question, a.text, ctx);
    // What the parser gives for no words at all is its default (a new entry is "planned"), not a reading.
    const defaults = step.prefill!(a.question, '', ctx);
    const read = Object.fromEntries(Object.entries(values).filter(([path, v]) => !same(v, defaults[path])));
    return readingsOfAnswer(form, { messageId: a.messageId, values: read, readFrom });
  });
}

/** The typed-answer side of the offline facilitator, over its bank steps. */
export function offlineAnswerForms(
  steps: Readonly<Partial<Record<StepId, BankStep<BankQuestion>>>>,
  contextOf: (input: TurnInput) => StepContext,
): AnswerForms {
  const questionsOf = (input: TurnInput) => {
    const step = steps[input.step];
    return step ? { step, questions: step.questions(contextOf(input)) } : null;
  };
  return {
    standing(input) {
      const found = questionsOf(input);
      const standing = found ? standingQuestion(input.state, found.questions) : null;
      return standing ? questionForm(input.step, standing) : null;
    },
    form(input, questionId) {
      const question = questionsOf(input)?.questions.find((q) => q.id === questionId);
      return question ? questionForm(input.step, question) : null;
    },
    prefill(input, questionId, text): Prefill {
      const found = questionsOf(input);
      const question = found?.questions.find((q) => q.id === questionId);
      if (!found || !question?.id || !found.step.prefill || !questionForm(input.step, question))
        return { questionId, values: {}, readFrom: {} };
      return { questionId, ...readInto(found.step, question, text, contextOf(input)) };
    },
  };
}

/** A confirmed value as the acknowledgement says it: amounts with separators, lists joined, a gap as a gap. */
function said(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => said(v) ?? '').join(', ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map(said)
      .filter((v): v is string => v !== null)
      .join(' ');
  return String(value);
}

/** The reply's word on an answer typed into its form: what was confirmed, and what was left open. */
export function confirmedAck(form: AnswerForm, values: AnswerValues): string {
  const given = form.fields
    .map((f) => ({ label: f.spec.label.toLowerCase(), value: said(values[f.path]) }))
    .filter((x): x is { label: string; value: string } => x.value !== null);
  const open = form.fields.filter((f) => said(values[f.path]) === null).map((f) => f.spec.label.toLowerCase());
  const shown = given.map((g) => `${g.label} ${g.value.length > 60 ? `${g.value.slice(0, 59)}…` : g.value}`);
  return `Confirmed under **${form.topic}**: ${shown.join('; ') || 'nothing'}.${open.length > 0 ? ` Left open (gaps): ${open.join(', ')}.` : ''}`;
}
