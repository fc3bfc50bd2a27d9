/**
 * Step 3 offline: the Socratic interview. One question at a time from six families, rotated so each
 * trend is seen from several; the last answer is quoted back; the trend moves on via the domain's
 * nextDialogueTrend. The ledger (insights, assumptions) is built from the user's own words.
 */
import {
  MIN_EXCHANGES_PER_TREND,
  QuestionFamily,
  nextDialogueTrend,
  type AskedRef,
  type Assumption,
  type ConversationState,
  type DialogueArtifact,
  type Insight,
  type TranscriptMessage,
  type Trend,
} from '../../domain/index.js';
import type { TurnInput } from '../../engine/facilitator.js';
import type { DialogueBank, DialogueTemplate } from './bank.js';
import { findChallenge, recordedNumbers, type Challenge, type ChallengeKind } from './challenges.js';
import { FOOTER, chosen, fill, plural } from './common.js';
import { lastUserMessage } from './interview.js';
import { assumptionSentences, isNonAnswer, normalise, shortQuote, truncate, wordCount } from './parse/index.js';

const FAMILIES = QuestionFamily.options;
type Family = QuestionFamily;
/** A question of the bank; `challenge` names the rule a challenge question answers. */
export type FamilyTemplate = DialogueTemplate & { readonly family: Family; readonly challenge?: ChallengeKind };

const INSIGHT_FAMILIES: ReadonlySet<Family> = new Set(['implications', 'probe_evidence', 'other_viewpoints']);
const CHALLENGE_FAMILIES: ReadonlySet<Family> = new Set(['probe_assumptions', 'probe_evidence']);
const usesLast = (t: DialogueTemplate) => /\{\{\s*last\s*\}\}/.test(t.text);
/** A question that only makes sense right after a real answer about the same trend. */
const followsUp = (t: DialogueTemplate) => usesLast(t) || t.refersBack === true;

export function familyTemplates(bank: DialogueBank): FamilyTemplate[] {
  const challenges = Object.entries(bank.challenges).flatMap(([kind, rule]) =>
    rule.questions.map((t) => ({ ...t, challenge: kind as ChallengeKind })),
  );
  return [...FAMILIES.flatMap((family) => bank.families[family].map((t) => ({ ...t, family }))), ...challenges];
}

/** Challenges whose claim goes on the ledger as an assumption, and how the ledger says which rule fired. */
const LEDGER_RULES: Partial<Record<ChallengeKind, string>> = {
  absolute: 'an absolute word',
  no_evidence: 'a claim with no source named',
  contradiction: 'it contradicts a number the context recorded',
};

/**
 * The challenge the user's latest answer calls for, from the rules in challenges.ts: the question it
 * follows (as the state names it), the numbers the context recorded. None right after a challenge,
 * so an answer to one is not pushed back on again (a request for advice always is).
 */
function challengeFor(input: TurnInput, bank: DialogueBank, answer: string, trend: Trend): Challenge | null {
  const standing = input.state.lastQuestion;
  const asked = standing?.id ? familyTemplates(bank).find((t) => t.id === standing.id) : undefined;
  const found = findChallenge(answer, {
    question: asked ? fill(asked.text, input, { trend: trend.name, last: '' }) : null,
    asksWhy: asked?.asksWhy === true,
    recorded: recordedNumbers(input.artifacts.context),
  });
  if (!found) return null;
  return asked?.challenge && found.kind !== 'advice_request' ? null : found;
}

/** The reply to an answer a rule challenges: what fired, said aloud, then one question of a family other than the last. */
function challengeReply(
  input: TurnInput,
  bank: DialogueBank,
  challenge: Challenge,
  trend: Trend,
  counts: Readonly<Record<string, number>>,
  ledgerAsking: (question: FamilyTemplate, trendId: string) => DialogueArtifact,
): DialogueTurn {
  const rule = bank.challenges[challenge.kind];
  const lastFamily = input.state.lastQuestion?.family ?? null;
  const template = rule.questions.find((q) => q.family !== lastFamily) ?? rule.questions[0]!;
  const asked: FamilyTemplate = { ...template, challenge: challenge.kind };
  const note = fill(rule.note, input, {
    claim: shortQuote(challenge.sentence, 10),
    trigger: challenge.trigger,
    earlier: truncate(challenge.earlier ?? '', 70),
    trend: trend.name,
  });
  return {
    text: [note, renderQuestion(bank, asked, trend, input, ''), dialogueFooter(trend, counts)].join('\n\n'),
    trendId: trend.id,
    question: ref(asked),
    ledger: ledgerAsking(asked, trend.id),
  };
}

export interface AskedQuestion {
  readonly template: FamilyTemplate;
  readonly trendId: string | null;
  readonly message: TranscriptMessage;
}

/** An answer with the question it answered (the last question asked before it). */
export interface DialogueAnswer {
  readonly message: TranscriptMessage;
  readonly trendId: string | null;
  readonly question: AskedQuestion | null;
  /** The rule the question asked next (on the same trend) challenged this answer by, if it was a challenge. */
  readonly challengedBy: ChallengeKind | null;
}

/**
 * The questions asked (as each message stored them) and the answers given, in order. Only messages
 * filed as answers are answers: a question back or a command ("Next trend") is not.
 */
export function dialogueHistory(messages: readonly TranscriptMessage[], bank: DialogueBank) {
  const templates = new Map(familyTemplates(bank).map((t) => [t.id, t]));
  const asked: AskedQuestion[] = [];
  const answers: DialogueAnswer[] = [];
  let current: AskedQuestion | null = null;
  for (const m of messages) {
    const template = m.questionId ? templates.get(m.questionId) : undefined;
    if (m.role === 'assistant') {
      if (template) {
        const before = answers.at(-1);
        if (
          template.challenge &&
          before &&
          before.message.id > (current?.message.id ?? 0) &&
          before.trendId === m.trendId
        )
          answers[answers.length - 1] = { ...before, challengedBy: template.challenge };
        current = { template, trendId: m.trendId, message: m };
        asked.push(current);
      }
    } else if (m.intent === 'answer' || m.intent === null) {
      answers.push({
        message: m,
        trendId: m.trendId ?? current?.trendId ?? null,
        question: current,
        challengedBy: null,
      });
    }
  }
  return { asked, answers };
}

/** What has been asked about a trend, from the persisted state. */
interface TrendHistory {
  readonly questionIds: ReadonlySet<string>;
  readonly families: ReadonlySet<Family>;
  /** The family of the question asked last in the step, on any trend. */
  readonly lastFamily: Family | null;
}

function trendHistory(state: ConversationState, trendId: string): TrendHistory {
  return {
    questionIds: new Set(state.asked.filter((a) => a.trendId === trendId).map((a) => a.id)),
    families: new Set(state.familiesByTrend[trendId] ?? []),
    lastFamily: state.lastQuestion?.family ?? null,
  };
}

/**
 * The next question for a trend: a trend's first question clarifies; after that, a family this trend
 * has not had yet, in rotation after the last family asked (never the same family twice running).
 * An answer that takes something for granted is probed first; a very short one is clarified.
 * `lastAnswer` is the user's last answer when it was about this trend, else null.
 */
export function pickQuestion(
  bank: DialogueBank,
  history: TrendHistory,
  lastAnswer: string | null,
): FamilyTemplate | null {
  const { questionIds: usedIds, families: usedFamilies, lastFamily } = history;
  const real = lastAnswer !== null && !isNonAnswer(lastAnswer) && shortQuote(lastAnswer) !== '';
  const available = (f: Family) =>
    bank.families[f].map((t) => ({ ...t, family: f })).filter((t) => !usedIds.has(t.id) && (real || !followsUp(t)));

  if (usedIds.size === 0 && available('clarify').length > 0) return available('clarify')[0]!;
  const start = lastFamily ? FAMILIES.indexOf(lastFamily) + 1 : 0;
  const rotation = FAMILIES.map((_, i) => FAMILIES[(start + i) % FAMILIES.length]!).filter((f) => f !== lastFamily);

  // "Don't know" leaves nothing to probe: ask again from another angle, clarifying or through someone else's eyes.
  if (lastAnswer !== null && isNonAnswer(lastAnswer)) {
    const fallback = (['clarify', 'other_viewpoints'] as const).find((f) => available(f).length > 0);
    if (fallback) return available(fallback)[0]!;
  }
  const preferred: Family | null =
    lastAnswer && assumptionSentences(lastAnswer).length > 0
      ? 'probe_assumptions'
      : lastAnswer && wordCount(lastAnswer) < 6
        ? 'clarify'
        : null;
  if (preferred && preferred !== lastFamily && !usedFamilies.has(preferred) && available(preferred).length > 0)
    return available(preferred)[0]!;

  const family =
    rotation.find((f) => !usedFamilies.has(f) && available(f).length > 0) ??
    rotation.find((f) => available(f).length > 0) ??
    (lastFamily && available(lastFamily).length > 0 ? lastFamily : null);
  return family ? available(family)[0]! : null;
}

function renderQuestion(
  bank: DialogueBank,
  template: FamilyTemplate,
  trend: Trend,
  input: TurnInput,
  quote: string,
): string {
  const text = fill(template.text, input, { trend: trend.name, last: quote });
  return `**${bank.familyLabels[template.family]}.** ${text}`;
}

const NO_HISTORY: TrendHistory = { questionIds: new Set(), families: new Set(), lastFamily: null };
const ref = (t: FamilyTemplate | null): AskedRef | null => (t ? { id: t.id, family: t.family } : null);

export function dialogueOpening(
  input: TurnInput,
  bank: DialogueBank,
): { text: string; trendId: string | null; question: AskedRef | null } {
  const trendId = nextDialogueTrend(input.artifacts.trends, {}, null);
  const trend = chosen(input).find((t) => t.id === trendId);
  if (!trend) return { text: fill(bank.noTrends, input), trendId: null, question: null };
  const first = pickQuestion(bank, NO_HISTORY, null)!;
  const question = renderQuestion(bank, first, trend, input, '');
  return { text: fill(bank.opening, input, { trend: trend.name, question }), trendId: trend.id, question: ref(first) };
}

export interface DialogueTurn {
  readonly text: string;
  readonly trendId: string | null;
  /** The question the reply asks; null when it asks none. */
  readonly question: AskedRef | null;
  readonly ledger: DialogueArtifact | null;
}

/**
 * The reply to the user's latest message, from the persisted state (the trend, the answers and the
 * question families per trend, the question standing) and that message as it was filed.
 */
export function dialogueReply(
  input: TurnInput,
  bank: DialogueBank,
  messages: readonly TranscriptMessage[],
): DialogueTurn {
  const trends = chosen(input);
  if (trends.length === 0)
    return { text: `${fill(bank.noTrends, input)}\n\n${FOOTER}`, trendId: null, question: null, ledger: null };
  const state = input.state;
  const last = lastUserMessage(messages);
  const action = last?.intent === 'command' ? last.action : null;
  const lastText = last?.intent === 'answer' ? normalise(last.content) : null;
  const counts = state.answersByTrend;
  // The trend the user's message was about; "Next trend" has already moved the state's.
  const current = last?.trendId ?? state.trendId;
  const ledger = runningLedger(input, bank, messages);
  // The ledger once this reply's question is asked: an answer's items depend on the question after it.
  const ledgerAsking = (question: FamilyTemplate | null, trendId: string) =>
    question && last
      ? runningLedger(input, bank, [
          ...messages,
          {
            ...last,
            id: last.id + 1,
            role: 'assistant',
            trendId,
            questionId: question.id,
            questionFamily: question.family,
          },
        ])
      : ledger;

  if (last?.intent === 'question_back') return questionBackReply(input, bank, last, messages, counts, ledger);
  if (action === 'enough') {
    return { text: `${fill(bank.enough, input)}\n\n${FOOTER}`, trendId: current, question: null, ledger };
  }
  const answeredTrend = trends.find((t) => t.id === current);
  const challenge = lastText !== null && answeredTrend ? challengeFor(input, bank, lastText, answeredTrend) : null;
  if (challenge && answeredTrend) return challengeReply(input, bank, challenge, answeredTrend, counts, ledgerAsking);
  const next = action === 'next_trend' ? state.trendId : nextDialogueTrend(input.artifacts.trends, counts, current);
  let trend = trends.find((t) => t.id === next) ?? trends[0]!;
  let template = pickQuestion(bank, trendHistory(state, trend.id), trend.id === current ? lastText : null);
  if (!template) {
    // This trend's bank is used up: any other chosen trend with questions left, least explored first.
    for (const other of [...trends].sort((a, b) => (counts[a.id] ?? 0) - (counts[b.id] ?? 0))) {
      template = pickQuestion(bank, trendHistory(state, other.id), other.id === current ? lastText : null);
      if (template) {
        trend = other;
        break;
      }
    }
  }

  const parts: string[] = [];
  const previous = trends.find((t) => t.id === current);
  const movesOn = template !== null && previous !== undefined && previous.id !== trend.id;
  // Moving on says more, so the quote is shorter.
  const quote = lastText && !isNonAnswer(lastText) ? shortQuote(lastText, movesOn ? 8 : 14) : '';
  const named = lastText ? assumptionSentences(lastText) : [];
  const bare = (s: string) =>
    s
      .replace(/[“”"…]/g, '')
      .replace(/[.!?]+$/, '')
      .trim();
  const quotedAssumption = named.length > 0 && bare(named[0]!).startsWith(bare(quote));
  if (quote && !(template && usesLast(template))) parts.push(`You said “${quote}”.`);
  // The answer to "what are you taking for granted?" goes on the ledger whole (buildLedger): say so.
  const answeredFamily = lastText !== null ? last!.questionFamily : null;
  if (answeredFamily === 'probe_assumptions' && lastText && !isNonAnswer(lastText)) {
    parts.push('That goes on the ledger as a stated assumption, to be tested.');
  } else if (named.length > 0) {
    parts.push(
      quotedAssumption || (template && usesLast(template))
        ? 'That takes something for granted, so it goes on the ledger as a stated assumption.'
        : `That takes something for granted, so it goes on the ledger as a stated assumption: “${truncate(bare(named[0]!), 160)}”.`,
    );
  }
  if (lastText && isNonAnswer(lastText)) parts.push('Noted: no answer to that one. It stays open.');
  if (action === 'skip') parts.push('Skipped: that question stays open.');

  if (movesOn) {
    parts.push(
      fill(bank.moveOn, input, {
        trend: trend.name,
        previous: previous.name,
        answers: plural(counts[previous.id] ?? 0, 'answer'),
      }),
    );
  }
  const explored = (c: Readonly<Record<string, number>>) =>
    trends.every((t) => (c[t.id] ?? 0) >= MIN_EXCHANGES_PER_TREND);
  const less = (n: number) =>
    lastText !== null && last?.trendId ? { ...counts, [last.trendId]: (counts[last.trendId] ?? n) - n } : counts;
  // A challenge reply says nothing else; the answer to it comes with what that reply left unsaid.
  const afterChallenge = familyTemplates(bank).some((t) => t.id === state.lastQuestion?.id && t.challenge);
  if (explored(counts) && (!explored(less(1)) || (afterChallenge && !explored(less(2)))))
    parts.push(fill(bank.explored, input));

  if (template) parts.push(renderQuestion(bank, template, trend, input, quote));
  else parts.push(fill(bank.exhausted, input));
  parts.push(dialogueFooter(trend, counts));

  return {
    text: parts.join('\n\n'),
    trendId: template ? trend.id : current,
    question: ref(template),
    ledger: ledgerAsking(template, trend.id),
  };
}

const dialogueFooter = (trend: Trend, counts: Readonly<Record<string, number>>) =>
  `_Offline facilitator: a fixed question bank, no AI model · ${trend.name}: ${plural(counts[trend.id] ?? 0, 'answer')} so far._`;

/** "What do you mean by second-order effects?": the bank cannot say; the question still open is asked again, as it was. */
function questionBackReply(
  input: TurnInput,
  bank: DialogueBank,
  last: TranscriptMessage,
  messages: readonly TranscriptMessage[],
  counts: Readonly<Record<string, number>>,
  ledger: DialogueArtifact,
): DialogueTurn {
  const trends = chosen(input);
  const standing = input.state.lastQuestion;
  // Once the last question has its answer, nothing is open: the bank ran out, or "enough" was said.
  const open =
    standing && !standing.answered ? (familyTemplates(bank).find((t) => t.id === standing.id) ?? null) : null;
  const trend = trends.find((t) => t.id === (open ? standing?.trendId : null)) ?? trends[0]!;
  // The answer the open question followed, quoted again where the question quotes it.
  const before = open
    ? messages.findLast(
        (m) => m.role === 'user' && m.intent === 'answer' && m.id < standing!.messageId && m.trendId === trend.id,
      )
    : undefined;
  const quote = before && !isNonAnswer(before.content) ? shortQuote(before.content) : '';
  const parts = [
    fill(bank.questionBack, input, { question: truncate(normalise(last.content), 160), trend: trend.name }),
    open ? renderQuestion(bank, open, trend, input, quote) : fill(bank.exhausted, input),
    dialogueFooter(trend, counts),
  ];
  return { text: parts.join('\n\n'), trendId: trend.id, question: ref(open), ledger };
}

/**
 * The ledger from the user's words. Insights: answers to implications, evidence and other-viewpoint
 * questions (an evidence question left unanswered is an evidence gap). Assumptions: answers to
 * probe-assumptions questions, and sentences that take something for granted; "challenged" once a
 * probe-assumptions or probe-evidence question followed. Supported / refuted are the user's to set.
 * Both are tied to the answer they came from (`fromMessageId`); a note says only what challenged it.
 */
export function buildLedger(
  input: TurnInput,
  bank: DialogueBank,
  messages: readonly TranscriptMessage[],
): DialogueArtifact {
  const { asked, answers } = dialogueHistory(messages, bank);
  const insights: Insight[] = [];
  const assumptions: Assumption[] = [];

  answers.forEach((a, i) => {
    if (!a.trendId) return;
    const text = normalise(a.message.content);
    const family = a.question?.template.family ?? null;
    const label = family ? bank.familyLabels[family] : null;
    const nextAsked = asked.find((q) => q.message.id > a.message.id);
    const rule = a.challengedBy;
    if (learntNothing(a)) return;
    if (family && INSIGHT_FAMILIES.has(family)) {
      if (!isNonAnswer(text))
        insights.push({
          id: '',
          trendId: a.trendId,
          text: `${label}: ${truncate(text, 600)}`,
          fromMessageId: a.message.id,
        });
      else if (family === 'probe_evidence') {
        insights.push({
          id: '',
          trendId: a.trendId,
          text: `Evidence gap: no evidence named when asked “${truncate(questionText(a, input), 200)}”`,
          fromMessageId: a.message.id,
        });
      }
    }
    if (isNonAnswer(text)) return;
    const stated = family === 'probe_assumptions' ? [text] : assumptionSentences(text);
    // The claim a rule challenged goes on the ledger too, once.
    const ruleName = rule ? (LEDGER_RULES[rule] ?? null) : null;
    const flagged = ruleName
      ? (findChallenge(text, { question: null, asksWhy: false, recorded: recordedNumbers(input.artifacts.context) })
          ?.sentence ?? text)
      : null;
    if (flagged && !stated.some((s) => s.includes(flagged))) stated.push(`${flagged.replace(/[.!?]+$/, '')}.`);
    if (stated.length === 0) return;
    // Challenged when the next question asked after this answer probed assumptions or evidence.
    const challenged =
      nextAsked && (ruleName || CHALLENGE_FAMILIES.has(nextAsked.template.family)) && nextAsked.trendId === a.trendId
        ? nextAsked
        : null;
    const reply = challenged ? answers.slice(i + 1).find((b) => b.question === challenged) : undefined;
    for (const s of stated) {
      assumptions.push({
        id: '',
        trendId: a.trendId,
        text: truncate(s, 1000),
        status: challenged ? 'challenged' : 'stated',
        note: challenged
          ? truncate(
              `${ruleName ? `Challenged by rule (${ruleName})` : `By a “${bank.familyLabels[challenged.template.family]}” question`}; ${reply && !isNonAnswer(reply.message.content) ? `your answer: “${truncate(normalise(reply.message.content).replace(/[.!]$/, ''), 400)}”` : 'not answered yet'}.`,
              2000,
            )
          : null,
        fromMessageId: a.message.id,
      });
    }
  });

  return {
    trendSummaries: summaries(input, bank, insights, assumptions, answers),
    insights: insights.slice(0, MAX_ITEMS).map((x, i) => ({ ...x, id: `i${i + 1}` })),
    assumptions: assumptions.slice(0, MAX_ITEMS).map((x, i) => ({ ...x, id: `a${i + 1}` })),
  };
}

const MAX_ITEMS = 60;

/** Advice asked for, or no answer given: the ledger learns nothing from it. */
const learntNothing = (a: DialogueAnswer) => a.challengedBy === 'advice_request' || a.challengedBy === 'non_answer';

/**
 * The ledger's line per trend: its answers and the question families asked, from the persisted
 * state; the items on the ledger; the latest answer's words when one is among `answers`.
 */
function summaries(
  input: TurnInput,
  bank: DialogueBank,
  insights: readonly Pick<Insight, 'trendId'>[],
  assumptions: readonly Pick<Assumption, 'trendId'>[],
  answers: readonly DialogueAnswer[],
): DialogueArtifact['trendSummaries'] {
  const { answersByTrend, familiesAnsweredByTrend } = input.state;
  return chosen(input)
    .slice(0, 3)
    .flatMap((t) => {
      const n = answersByTrend[t.id] ?? 0;
      if (n === 0) return [];
      const families = familiesAnsweredByTrend?.[t.id] ?? [];
      const latest = answers.findLast(
        (a) => a.trendId === t.id && !isNonAnswer(a.message.content) && !learntNothing(a),
      );
      return [
        {
          trendId: t.id,
          summary: truncate(
            // How many answers is the state's to show; the summary says what kinds, in words only.
            `Answered ${families.length > 0 ? families.map((f) => bank.familyLabels[f].toLowerCase()).join(', ') : 'no bank'} questions: ${plural(insights.filter((x) => x.trendId === t.id).length, 'insight')}, ${plural(assumptions.filter((x) => x.trendId === t.id).length, 'assumption')} on the ledger.${latest ? ` Latest: “${shortQuote(latest.message.content)}”.` : ''}`,
            4000,
          ),
        },
      ];
    });
}

/**
 * The ledger after the latest answer, without re-reading the step: the current ledger, its items
 * from answers within the recent `messages` built again from them (an answer's items depend on the
 * question before it and the one after), the older items kept as they are, with their ids.
 */
export function runningLedger(
  input: TurnInput,
  bank: DialogueBank,
  messages: readonly TranscriptMessage[],
): DialogueArtifact {
  const previous = input.artifacts.dialogue;
  const fresh = buildLedger(input, bank, messages);
  if (!previous) return fresh;
  // Answers after the first question within the window are read whole; older ones are as stored.
  const cut = messages.find((m) => m.role === 'assistant' && m.questionId !== null)?.id ?? Number.POSITIVE_INFINITY;
  const rebuilt = (fromMessageId: number | null) => fromMessageId !== null && fromMessageId > cut;
  const merge = <T extends { id: string; text: string; fromMessageId: number | null }>(
    before: readonly T[],
    now: readonly T[],
    prefix: string,
  ): T[] => {
    const kept = before.filter((x) => !rebuilt(x.fromMessageId));
    let next = Math.max(0, ...before.map((x) => Number(x.id.slice(1)) || 0)) + 1;
    const again = now
      .filter((x) => rebuilt(x.fromMessageId))
      .map((x) => {
        const same = before.find((b) => b.fromMessageId === x.fromMessageId && b.text === x.text);
        return { ...x, id: same?.id ?? `${prefix}${next++}` };
      });
    return [...kept, ...again].slice(0, MAX_ITEMS);
  };
  const insights = merge(previous.insights, fresh.insights, 'i');
  const assumptions = merge(previous.assumptions, fresh.assumptions, 'a');
  const { answers } = dialogueHistory(messages, bank);
  return { trendSummaries: summaries(input, bank, insights, assumptions, answers), insights, assumptions };
}

function questionText(a: DialogueAnswer, input: TurnInput): string {
  const trend = chosen(input).find((t) => t.id === a.trendId);
  return a.question ? fill(a.question.template.text, input, { trend: trend?.name ?? 'this trend', last: '…' }) : '';
}

export function ledgerNote(ledger: DialogueArtifact): string {
  const challenged = ledger.assumptions.filter((a) => a.status === 'challenged').length;
  return `Updated the ledger from your answers (offline, no AI model): ${plural(ledger.insights.length, 'insight')}, ${plural(ledger.assumptions.length, 'assumption')} (${challenged} challenged) across ${plural(ledger.trendSummaries.length, 'trend')}. Whether an assumption is supported or refuted is yours to set.`;
}
