/** Step 1 offline: the company context, field by field, from the user's answers. */
import { endSentence, type AnswerValues, type ContextArtifact } from '../../domain/index.js';
import type { ContextField, ContextQuestion } from './bank.js';
import { fillTemplate } from '../promptLibrary.js';
import { joinWords, plural, profileExamples, withTyped, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import { findMoney, isNonAnswer, parseKeyNumbers, sentences, splitList, truncate, wordCount } from './parse/index.js';

const LIST_FIELDS = ['services', 'products', 'customers', 'competitors', 'ceoGoals'] as const;
type ListField = (typeof LIST_FIELDS)[number];
const isListField = (f: ContextField): f is ListField => (LIST_FIELDS as readonly string[]).includes(f);

/** The form's fields pre-filled from an answer's text: items one per line or list entry, key numbers as label and value. */
function prefillContext(question: ContextQuestion, text: string): AnswerValues {
  const amount = question.fills.includes('constraints.budget')
    ? { 'constraints.budgetAmount': budgetAmount(text) }
    : {};
  return {
    ...amount,
    ...Object.fromEntries(
      question.fills.map((field) => [
        field,
        field === 'keyNumbers'
          ? parseKeyNumbers(text)
          : isListField(field)
            ? splitList(text).slice(0, 40)
            : truncate(text.replace(/\n+/g, '; '), field.startsWith('constraints.') ? 1000 : 2000),
      ]),
    ),
  };
}

export const contextStep: BankStep<ContextQuestion> = {
  // The key-number and regulation questions give examples that fit the client's profile.
  questions: (ctx) => {
    const examples = profileExamples(ctx.banks, ctx.input);
    return ctx.banks.context.questions.map((q) => ({ ...q, text: fillTemplate(q.text, examples) }));
  },
  prefill: prefillContext,

  ack(question, text) {
    if (isNonAnswer(text)) return `Left open: **${question.topic}**. It will be listed as a gap.`;
    const field = question.fills[0]!;
    if (field === 'keyNumbers') {
      const numbers = parseKeyNumbers(text);
      return numbers.length > 0
        ? `Read ${plural(numbers.length, 'key number')}: ${numbers.map((n) => `${n.label} ${n.value}`).join('; ')}.`
        : `Noted under **${question.topic}**, but no figure could be read from it: write "label value", e.g. "churn 9%".`;
    }
    if (isListField(field)) {
      const items = splitList(text);
      return endSentence(
        `Noted under **${question.topic}** (${plural(items.length, 'item')}): ${items.map((i) => truncate(i, 100)).join('; ')}`,
      );
    }
    return `Noted under **${question.topic}**.`;
  },

  draft(ctx) {
    const questions = ctx.banks.context.questions;
    const answers = answersById(pairAnswers(ctx.messages, questions));
    const textFor = (field: ContextField): string | null => {
      const texts = questions
        .filter((q) => q.fills.includes(field))
        .map((q) => answers.text(q.id))
        .filter((t): t is string => t !== null);
      return texts.length > 0 ? texts.join('\n') : null;
    };
    const list = (field: ListField) => splitList(textFor(field) ?? '').slice(0, 40);
    const prose = (field: ContextField, max: number) => {
      const t = textFor(field);
      return t === null ? null : truncate(t.replace(/\n+/g, '; '), max);
    };

    const keyNumbers = parseKeyNumbers(textFor('keyNumbers') ?? '');
    const artifact: ContextArtifact = {
      summary: '',
      services: list('services'),
      products: list('products'),
      customers: list('customers'),
      marketPosition: prose('marketPosition', 2000),
      competitors: list('competitors'),
      businessModel: prose('businessModel', 2000),
      ceoGoals: list('ceoGoals'),
      constraints: {
        budget: prose('constraints.budget', 1000),
        budgetAmount: budgetAmount(textFor('constraints.budget')),
        team: prose('constraints.team', 1000),
        // How much of the team's time the roadmap gets is not something a head count says: left a gap.
        teamWeeksPerQuarter: null,
        time: prose('constraints.time', 1000),
        // Freeze windows are dates, typed into the deadlines question's form: never read from its prose.
        freezes: [],
        regulation: prose('constraints.regulation', 1000),
      },
      keyNumbers,
      gaps: [],
    };
    // Answers typed into their forms, as confirmed: a list's items join what was written in prose, a text replaces it.
    const typed = questions.flatMap((q) => answers.typed(q.id).map((t) => ({ q, values: t.values })));
    for (const { values } of typed) {
      for (const [field, value] of Object.entries(values)) {
        const listed = field === 'keyNumbers' || isListField(field as ContextField);
        const before = field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], artifact);
        const next = listed && Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value;
        Object.assign(artifact, withTyped(artifact, { [field]: next }, ''));
      }
    }
    const typedAnswered = new Set(typed.map((t) => t.q.id));
    const filled = (q: ContextQuestion) =>
      typedAnswered.has(q.id) ||
      q.fills.some((f) => (f === 'keyNumbers' ? keyNumbers.length > 0 : textFor(f) !== null));
    artifact.gaps.push(...questions.filter((q) => !filled(q)).map((q) => q.gap ?? `${q.topic}: not answered yet`));
    artifact.summary = summarise(ctx, artifact);

    const answered = questions.length - artifact.gaps.length;
    const note =
      answered === 0
        ? `No context answers yet, so the context holds only the client's name and industry; all ${questions.length} topics are listed as gaps. Answer a few questions, then press Draft again.`
        : `Built the company context from your answers (offline, no AI model): ${plural(answered, 'topic')} answered, ${plural(keyNumbers.length, 'key number')} read. Gaps: ${artifact.gaps.length}${artifact.gaps.length > 0 ? ` (${joinWords(questions.filter((q) => !filled(q)).map((q) => q.topic))})` : ''}.`;
    return { artifact, note };
  },
};

/**
 * Two or three plain lines from the user's own words, labelled rather than woven into one sentence:
 * answers are fragments, clauses or numbers as typed, and "X provides <answer> to <answer>" reads
 * wrong as soon as one is not a noun phrase. Says so when there is nothing yet.
 */
function summarise(ctx: StepContext, a: ContextArtifact): string {
  const { clientName, industry } = ctx.input.session;
  const parts: string[] = [];
  // The first few items, each cut to its first sentence: the summary is two or three lines, the fields hold the rest.
  // Short items are listed with semicolons; sentences ("We run 42 practices", "Patients pay for…") stay sentences.
  const first = (xs: readonly string[], n: number) => {
    const shown = xs.slice(0, n).map((x) => stripEndStop(truncate(sentences(x)[0] ?? x, 120)));
    const joiner = shown.some((x) => wordCount(x) > 8) ? '. ' : '; ';
    // A shortened item already ends in "…": no full stop after it.
    return shown.reduce((all, x) => (all === '' ? x : `${all}${all.endsWith('…') ? ' ' : joiner}${x}`), '');
  };
  if (a.services.length > 0) {
    parts.push(endSentence(`${clientName} (${industry}). Services: ${first(a.services, 3)}`));
    if (a.customers.length > 0) parts.push(endSentence(`Customers: ${first(a.customers, 2)}`));
  } else {
    parts.push(`${clientName} (${industry}): services not described yet.`);
  }
  if (a.keyNumbers.length > 0)
    parts.push(
      `Key numbers: ${a.keyNumbers
        .slice(0, 6)
        .map((k) => `${k.label} ${k.value}`)
        .join(', ')}.`,
    );
  if (a.ceoGoals.length > 0)
    parts.push(endSentence(`The CEO's goal${a.ceoGoals.length > 1 ? 's' : ''}: ${first(a.ceoGoals, 2)}`));
  return truncate(parts.join(' '), 4000);
}

/** An answer's own closing full stop, dropped: answers are joined with semicolons. */
const stripEndStop = (text: string) => text.replace(/\.+$/, '');

/** The budget as one amount when the answer names exactly one ("$1.8M for 2027"); several or none stay a gap. */
function budgetAmount(text: string | null): number | null {
  const hits = text === null ? [] : findMoney(text);
  return hits.length === 1 ? hits[0]!.amount : null;
}
