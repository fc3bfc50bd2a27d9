/**
 * Step 7 offline: one recommendation attacked through the CEO, CFO, board and engineer lenses, a
 * pre-mortem and the missing evidence. An objection without an answer stays open; a verdict, a
 * confidence or a recommendation the user did not give is null, a gap the memo names.
 */
import {
  capitalize,
  clashText,
  formatMoney,
  orGap,
  rankRisks,
  roadmapFacts,
  type Level,
  type ObjectionLens,
  type RankedRisk,
  type Recommendation,
  type RoadmapEntry,
  type SoundingBoardArtifact,
  type AnswerValues,
  type FailureStory,
  type Verdict,
} from '../../domain/index.js';
import type { Attacks, SoundingBoardField, SoundingBoardQuestion } from './bank.js';
import { dismissal, givesReason } from './challenges.js';
import { fill, joinWords, plural, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import {
  bareLevel,
  isNonAnswer,
  labelled,
  mentionedIds,
  mentionedName,
  normalise,
  parseConfidence,
  parseVerdict,
  sentences,
  shortQuote,
  splitLines,
  splitList,
  truncate,
} from './parse/index.js';

const LENS_NAMES: Readonly<Record<ObjectionLens, string>> = {
  ceo: 'CEO',
  cfo: 'CFO',
  board: 'board',
  engineer: 'sceptical engineer',
};

/** The roadmap entries a recommendation is about: by id ("e1"), else the one whose title it names ("the online booking pilot"). */
function claimEntryIds(claim: string, ctx: StepContext): string[] {
  const entries = ctx.input.artifacts.roadmap?.entries ?? [];
  const ids = mentionedIds(
    claim,
    entries.map((e) => e.id),
  );
  if (ids.length > 0) return ids;
  const named = mentionedName(
    claim,
    entries.map((e) => ({ id: e.id, name: e.title })),
  );
  return named ? [named] : [];
}

const RESPONSE_LABELS = { response: ['(?:our |my )?(?:answer|response|reply)(?=\\s*:)'] } as const;
const NOT_ANSWERED = /^(?:not (?:yet )?answered|no answer(?: yet)?|unanswered|(?:still )?open|tbd)\b[\s,;:.—–-]*/i;
const ONLY_ASKS =
  /\b(?:will|would|might|may|could|is going to|are going to)\s+(?:ask|want to know|question|challenge|push back|say|object|argue)\b/i;
/** "I would answer that …": the answer, without its lead-in. */
const ANSWER_LEAD =
  /^(?:and\s+)?(?:i|we)\s+(?:would|will|'d|could)\s+(?:answer|reply|say|respond|point out)(?:\s+that)?\s*[:,]?\s*/i;
/** The verdict question asks for a confidence too, so a bare "medium" after the verdict ("revise, medium") is it. */
const verdictConfidence = (text: string): Level | null => parseConfidence(text) ?? bareLevel(text);

/** The objection as a sentence of its own: unquoted, with a capital. */
const asObjection = (s: string) => capitalize(s.replace(/^["“”'‘’]+|["“”'‘’]+$/g, '').trim());

/**
 * An answer to a lens question, which may put the objection in the user's own words first:
 * `"Our patients phone." Answer: 38% book after 6pm`, or `The board will ask why Heartland is ahead.`
 * (the objection, not answered), or `The CFO will ask for payback. It pays back in 14 months.`
 * A response of "not yet answered" leaves the objection open, with whatever the user added.
 */
export function readLensAnswer(text: string): {
  objection: string | null;
  response: string | null;
  /** The answer waved the objection away ("just noise", "it'll be fine"): it answers nothing, and stays open. */
  dismissed: boolean;
} {
  const { rest, values } = labelled(text, RESPONSE_LABELS);
  let objection: string | null = null;
  let response: string = text;
  if (values.response !== undefined) {
    objection = asObjection(rest) || null;
    response = values.response;
  } else if (ONLY_ASKS.test(sentences(text)[0] ?? '') || /\?$/.test(sentences(text)[0] ?? '')) {
    // "The CFO will ask for payback. It pays back in 14 months." or "Why agents first? Because …"
    const [first, ...more] = sentences(text);
    objection = asObjection(first!);
    response = more.join(' ');
  }
  const notAnswered = NOT_ANSWERED.exec(response);
  if (response.trim() === '' || isNonAnswer(response) || notAnswered) {
    const remark = notAnswered ? response.slice(notAnswered[0].length).trim() : '';
    return {
      objection: objection && remark ? `${objection} (open: ${remark})` : objection,
      response: null,
      dismissed: false,
    };
  }
  if (dismissal(text)) return { objection, response: null, dismissed: true };
  return { objection, response: capitalize(response.replace(ANSWER_LEAD, '')), dismissed: false };
}

/** What the objections attack: the recommendation in its own terms, from its roadmap entry and the risk register. */
interface Target {
  readonly title: string;
  readonly entry: RoadmapEntry | null;
  /** The worst-scored risk the entry answers to, else none. */
  readonly risk: RankedRisk | null;
}

const claimQuestion = (ctx: StepContext) =>
  ctx.banks.sounding_board.questions.find((q) => q.fills.includes('recommendations[].claim'))!;

/** The recommendation as the user stated it (its first sentence), and its roadmap entry when it names one. */
function targetOf(ctx: StepContext): Target | null {
  const questions = ctx.banks.sounding_board.questions;
  const answers = answersById(pairAnswers(ctx.messages, questions));
  const typed = typedValues(answers, [claimQuestion(ctx)]);
  const claim =
    (typed('recommendations[].claim')?.value as string | null | undefined) ?? answers.text(claimQuestion(ctx).id);
  if (claim === null) return null;
  const entries = ctx.input.artifacts.roadmap?.entries ?? [];
  const typedIds = typed('recommendations[].roadmapEntryIds')?.value as string[] | undefined;
  const [id] = typedIds ?? claimEntryIds(claim, ctx);
  const entry = entries.find((e) => e.id === id) ?? null;
  const risks = ctx.input.artifacts.risks ? rankRisks(ctx.input.artifacts.risks) : [];
  const risk = entry ? (risks.find((r) => entry.riskIds.includes(r.id)) ?? null) : null;
  const stated = truncate((sentences(claim)[0] ?? claim).replace(/[.!]+$/, ''), 120);
  return { title: entry ? entry.title : stated, entry, risk };
}

/**
 * The lens's objection to this recommendation: the bank's attack whose facts are on record, filled
 * with the recommendation's own title, cost, effect, owner, risk, effort and deadline. Without a
 * stated recommendation, the bank's general objection.
 */
export function attackOf(lens: ObjectionLens, ctx: StepContext, fallback: string): string {
  const target = targetOf(ctx);
  if (!target) return fill(fallback, ctx.input);
  const attacks: Attacks = ctx.banks.sounding_board.attacks;
  const { entry, risk } = target;
  const context = ctx.input.artifacts.context ?? null;
  // The computed facts (src/domain/facts.ts) of the entry it rests on, against the context's constraints.
  const facts = entry ? roadmapFacts([entry], context?.constraints ?? null, ctx.input.session.quarter) : null;
  // Due inside a window when nothing may ship (the context's freezes): the engineer's first objection.
  const clash = facts?.freezes.clashes[0] ?? null;
  const payback = facts?.entries[0]?.payback ?? null;
  const cost = entry?.financial.oneOffCost ?? null;
  const ebitda = entry?.financial.annualEbitdaEffect ?? null;
  const capacity = facts?.effort.capacityWeeksPerQuarter ?? null;
  const goals = context?.ceoGoals ?? [];
  const values: Record<string, string> = {
    title: target.title,
    cost: cost === null ? '' : formatMoney(cost, ctx.input.session.currency),
    ebitda: ebitda === null ? '' : formatMoney(ebitda, ctx.input.session.currency),
    // Computed facts said in words, by the year or quarter they fall in: no figure the client did not give.
    payback: payback?.kind === 'years' ? attacks.paybackWords[inWhich(payback.years)]! : '',
    owner: entry?.owner ?? 'no owner named',
    risk: risk ? `${risk.id} “${truncate(risk.threat, 80)}”` : '',
    effort: entry?.effortWeeks != null ? String(entry.effortWeeks) : '',
    capacity: capacity === null ? '' : String(capacity),
    quarters:
      facts?.effort.quartersOfCapacity != null ? attacks.capacityWords[inWhich(facts.effort.quartersOfCapacity)]! : '',
    deadline: entry?.deadline ?? 'no deadline stated',
    freeze: clash ? clashText(clash) : '',
    goals: truncate(goals[0] ?? '', 70),
  };
  const text = (() => {
    switch (lens) {
      case 'ceo':
        return goals.length > 0 ? attacks.ceo.goals : attacks.ceo.plain;
      case 'cfo':
        return !entry
          ? attacks.cfo.claim
          : payback?.kind === 'years'
            ? attacks.cfo.payback
            : payback?.kind === 'never'
              ? attacks.cfo.never
              : cost !== null
                ? attacks.cfo.costOnly
                : attacks.cfo.unpriced;
      case 'board':
        return !entry
          ? attacks.board.claim
          : !entry.owner
            ? attacks.board.noOwner
            : risk
              ? attacks.board.risk
              : attacks.board.noDownside;
      case 'engineer':
        return !entry
          ? attacks.engineer.claim
          : clash
            ? attacks.engineer.freeze
            : !values.effort
              ? attacks.engineer.noEffort
              : capacity !== null
                ? attacks.engineer.capacity
                : risk
                  ? attacks.engineer.effortRisk
                  : attacks.engineer.effort;
      default: {
        const unreachable: never = lens;
        return unreachable;
      }
    }
  })();
  return fill(text, ctx.input, values);
}

/** 0 for up to one (year, quarter), 1 for up to two, 2 for up to three, 3 beyond. */
const inWhich = (n: number) => Math.min(3, Math.max(0, Math.ceil(n) - 1));

/** The lens objections still open: not answered, answered "don't know", or waved away. */
function openLenses(ctx: StepContext): ObjectionLens[] {
  const questions = ctx.banks.sounding_board.questions;
  const answers = answersById(pairAnswers(ctx.messages, questions, routeOf(ctx)));
  return questions.flatMap((q) => {
    if (!q.lens) return [];
    const said = answers.text(q.id);
    return said === null || readLensAnswer(said).response === null ? [q.lens] : [];
  });
}

/**
 * The latest value typed into a form for a field (by its fill path) among `questions`, with the
 * message that confirmed it; undefined when no form answer gave the field.
 */
function typedValues(answers: ReturnType<typeof answersById>, questions: readonly SoundingBoardQuestion[]) {
  return (path: string): { readonly value: unknown; readonly messageId: number } | undefined =>
    questions
      .flatMap((q) => answers.typed(q.id))
      .filter((t) => t.values[path] !== undefined)
      .sort((a, b) => a.messageId - b.messageId)
      .map((t) => ({ value: t.values[path], messageId: t.messageId }))
      .at(-1);
}

/** Failure reasons as the user listed them: whose story, the cause and a mitigation stay gaps offline. */
const storiesOf = (text: string): FailureStory[] =>
  splitList(text)
    .slice(0, 12)
    .map((reason) => ({ stakeholder: null, story: capitalize(reason), cause: null, mitigation: null }));

/** Evidence gaps as the user listed them. */
const evidenceGapsOf = (text: string): string[] => splitList(text).slice(0, 40).map(capitalize);

/** The CEO one-liner's line, and up to three supporting points on the lines after it. */
const oneLinerOf = (line: string): string => truncate(capitalize(line), 300);
const supportingPointsOf = (lines: readonly string[]): string[] =>
  lines.slice(1, 4).map((p) => truncate(capitalize(p), 500));

/** "Ready, because …": the line that calls it ready and gives a reason, else null. */
const readyReasonIn = (text: string): string | null =>
  splitLines(text).find((line) => parseVerdict(line) === 'ready' && givesReason(line)) ?? null;

/** The form's fields pre-filled from an answer's text (never stored as read: the advisor confirms them). */
function prefillSoundingBoard(question: SoundingBoardQuestion, text: string, ctx: StepContext): AnswerValues {
  const fills = question.fills;
  const said = text.trim() === '' ? null : text.trim();
  if (fills.includes('recommendations[].claim'))
    return {
      'recommendations[].claim': said === null ? null : truncate(said, 4000),
      'recommendations[].roadmapEntryIds': said === null ? [] : claimEntryIds(said, ctx),
    };
  if (fills.includes('recommendations[].verdict')) {
    const reason = readyReasonIn(text);
    return {
      'recommendations[].verdict': parseVerdict(text),
      'recommendations[].confidence': verdictConfidence(text),
      'recommendations[].readyDespite.reason': reason === null ? null : truncate(reason, 1000),
    };
  }
  if (fills.includes('recommendations[].preMortem')) return { 'recommendations[].preMortem': storiesOf(text) };
  if (fills.includes('recommendations[].evidenceGaps'))
    return { 'recommendations[].evidenceGaps': evidenceGapsOf(text) };
  if (fills.includes('recommendations[].ceoOneLiner')) {
    const lines = splitLines(text);
    return {
      'recommendations[].ceoOneLiner': lines[0] ? oneLinerOf(lines[0]) : null,
      'recommendations[].supportingPoints': supportingPointsOf(lines),
    };
  }
  return { 'recommendations[].strongestAlternative': said === null ? null : truncate(said, 2000) };
}

/** Words naming a lens in an answer: "the CFO's worry", "that interface objection" (no name: the last lens asked). */
const LENS_WORDS: ReadonlyArray<readonly [ObjectionLens, RegExp]> = [
  ['cfo', /\bCFO\b/],
  ['ceo', /\bCEO\b/],
  ['board', /\bboard\b/i],
  ['engineer', /\bengineer(?:s|ing)?\b/i],
];

/**
 * Where an answer belongs when not with the question standing: "Ready.", "Revise it." said on its
 * own is the verdict; an objection waved away ("that interface objection is not serious") belongs
 * with that lens's objection, whatever was asked, so it stays open there rather than become a pre-mortem line.
 */
const routeOf =
  (ctx: StepContext) =>
  (question: SoundingBoardQuestion, text: string): SoundingBoardQuestion => {
    const questions = ctx.banks.sounding_board.questions;
    if (question.fills.includes('recommendations[].claim')) return question;
    const verdict = questions.find((q) => q.fills.includes('recommendations[].verdict'));
    const short = sentences(text).length <= 2 && text.split(/\s+/).length <= 10;
    if (verdict && short && parseVerdict(text) !== null) return verdict;
    if (question.lens || !dismissal(text) || !/\b(?:objection|worry|concern|point)\b/i.test(text)) return question;
    const named = LENS_WORDS.find(([, re]) => re.test(text))?.[0];
    const lastAsked = ctx.input.state.asked.map((a) => questions.find((q) => q.id === a.id)).findLast((q) => q?.lens);
    return questions.find((q) => q.lens === named) ?? lastAsked ?? question;
  };

export const soundingBoardStep: BankStep<SoundingBoardQuestion> = {
  prefill: prefillSoundingBoard,
  // Each lens asks its attack on this recommendation, once it is stated.
  questions: (ctx) =>
    ctx.banks.sounding_board.questions.map((q) =>
      q.lens ? { ...q, text: q.text.replace('{{objection}}', attackOf(q.lens, ctx, q.objection ?? q.text)) } : q,
    ),

  route: (question, text, ctx) => routeOf(ctx)(question, text),

  challenge(question, text, ctx) {
    if (!question.fills.includes('recommendations[].verdict') || parseVerdict(text) !== 'ready' || givesReason(text))
      return null;
    const open = openLenses(ctx);
    if (open.length === 0) return null;
    const bank = ctx.banks.sounding_board;
    const asked = soundingBoardStep.questions(ctx).find((q) => q.id === question.id) ?? question;
    return {
      text: fill(bank.readyOpen, ctx.input, {
        count: plural(open.length, 'objection'),
        open: joinWords(open.map((l) => LENS_NAMES[l])),
      }),
      ask: asked,
    };
  },

  ack(question, text, ctx) {
    if (question.lens) {
      const lens = LENS_NAMES[question.lens];
      const { objection, response, dismissed } = readLensAnswer(text);
      if (dismissed) return fill(ctx.banks.sounding_board.dismissed, ctx.input, { quote: shortQuote(text, 12), lens });
      if (response === null) {
        return objection
          ? `Noted: the ${lens}'s objection in your words, “${truncate(objection, 90)}”, with no answer yet: it stays on the record as open.`
          : `Left open: the ${lens}'s objection stays on the record as open.`;
      }
      return objection
        ? `Noted: the ${lens}'s objection in your words, and your answer to it.`
        : `Noted as your answer to the ${lens}.`;
    }
    if (isNonAnswer(text)) return `Left open: **${question.topic}**. It will show as a gap.`;
    if (question.fills.includes('recommendations[].claim')) {
      const ids = claimEntryIds(text, ctx);
      return `Recommendation noted${ids.length > 0 ? ` (roadmap ${joinWords(ids)})` : ''}. Now the objections, one lens at a time.`;
    }
    if (question.fills.includes('recommendations[].verdict')) {
      return `Read: verdict ${parseVerdict(text) ?? 'not stated (ready, revise or drop?)'}, confidence ${verdictConfidence(text) ?? 'not stated'}.`;
    }
    if (
      question.fills.includes('recommendations[].preMortem') ||
      question.fills.includes('recommendations[].evidenceGaps')
    ) {
      return `Noted under **${question.topic}**: ${plural(splitList(text).length, 'item')}.`;
    }
    return `Noted under **${question.topic}**.`;
  },

  draft(ctx) {
    const questions = ctx.banks.sounding_board.questions;
    const answers = answersById(pairAnswers(ctx.messages, questions, routeOf(ctx)));
    const textOf = (field: SoundingBoardField) => {
      const texts = questions
        .filter((q) => q.lens === null && q.fills.includes(field))
        .map((q) => answers.text(q.id))
        .filter((t): t is string => t !== null);
      return texts.length > 0 ? texts.join('\n') : null;
    };
    const roadmap = ctx.input.artifacts.roadmap?.entries ?? [];
    // What was typed into a question's form and confirmed is taken as it is; only prose is read.
    const typed = typedValues(
      answers,
      questions.filter((q) => q.lens === null),
    );
    const typedClaim = typed('recommendations[].claim');

    const claimText = typedClaim ? (typedClaim.value as string | null) : textOf('recommendations[].claim');
    const typedIds = typed('recommendations[].roadmapEntryIds')?.value as string[] | undefined;
    const roadmapEntryIds = typedIds ?? (claimText ? claimEntryIds(claimText, ctx) : []);
    const onlyIds =
      !typedClaim && claimText !== null && claimText.replace(/\b[eE]\d+\b|[,;&]|\band\b/g, '').trim() === '';
    const claim =
      claimText === null
        ? null
        : onlyIds
          ? roadmap
              .filter((e) => roadmapEntryIds.includes(e.id))
              .map((e) => `${e.id}: ${e.title}`)
              .join('; ') || claimText
          : truncate(claimText, 4000);

    const lensQuestions = questions.filter(
      (q): q is SoundingBoardQuestion & { lens: ObjectionLens } => q.lens !== null,
    );
    const objections = lensQuestions.map((q) => {
      const said = answers.text(q.id);
      const read = said ? readLensAnswer(said) : { objection: null, response: null, dismissed: false };
      const objection = read.objection ?? attackOf(q.lens, ctx, q.objection ?? q.text);
      // Offline there is no judge of evidence against a reason: an answer that is not waved away
      // closes the objection as a reason, with the message that gave it; the advisor can reopen it.
      const answeredIn = read.response ? (answers.messageIds(q.id).at(-1) ?? null) : null;
      return {
        lens: q.lens,
        // Waved away, it stays open with the words that waved it: the CEO sees what was not answered.
        objection: truncate(read.dismissed ? `${objection} (waved away, not answered: “${said}”)` : objection, 4000),
        basis: null,
        response: read.response ? truncate(read.response, 2000) : null,
        status: answeredIn === null ? ('open' as const) : ('answered_with_reason' as const),
        closedByMessageId: answeredIn,
      };
    });
    const open = objections.filter((o) => o.status === 'open');

    // The verdict question's answer; failing that, a verdict the user labelled anywhere ("Verdict: ready").
    const labelled = ctx.messages
      .filter((m) => m.role === 'user')
      .map((m) => /\bverdict\s*[:=–-]\s*([^.;\n]+)/i.exec(m.content)?.[1])
      .filter((v): v is string => v !== undefined)
      .at(-1);
    const verdictText = textOf('recommendations[].verdict') ?? labelled ?? '';
    const typedVerdict = typed('recommendations[].verdict');
    const saidVerdict = typedVerdict ? (typedVerdict.value as Verdict | null) : parseVerdict(verdictText);
    // "Ready" with objections open counts only with a reason, which goes on the record with its message:
    // the reason typed beside a typed verdict, else the line of prose that gives one.
    const typedReason = typed('recommendations[].readyDespite.reason');
    const proseReason = typedVerdict ? null : readyReasonIn(verdictText);
    const readyReason =
      saidVerdict === 'ready' && open.length > 0 ? ((typedReason?.value as string | null) ?? proseReason) : null;
    const readyDespite =
      readyReason === null
        ? null
        : {
            reason: truncate(readyReason, 1000),
            messageId:
              typedReason && typedReason.value === readyReason
                ? typedReason.messageId
                : (ctx.messages.findLast((m) => m.role === 'user' && normalise(m.content).includes(readyReason))?.id ??
                  null),
          };
    const readyUnreasoned = saidVerdict === 'ready' && open.length > 0 && readyReason === null;
    const statedVerdict = readyUnreasoned ? null : saidVerdict;
    const typedConfidence = typed('recommendations[].confidence');
    const statedConfidence = typedConfidence ? (typedConfidence.value as Level | null) : verdictConfidence(verdictText);
    const preMortem =
      (typed('recommendations[].preMortem')?.value as FailureStory[] | undefined) ??
      storiesOf(textOf('recommendations[].preMortem') ?? '');
    const evidenceGaps =
      (typed('recommendations[].evidenceGaps')?.value as string[] | undefined) ??
      evidenceGapsOf(textOf('recommendations[].evidenceGaps') ?? '');
    const lines = splitLines(textOf('recommendations[].ceoOneLiner') ?? '');
    const typedOneLiner = typed('recommendations[].ceoOneLiner');
    // Typed, the one-liner is taken as it is; read from prose (or the claim's first sentence), tidied.
    const proseLine = lines[0] ?? (claim !== null ? (sentences(claim)[0] ?? claim) : null);
    const oneLiner = typedOneLiner
      ? (typedOneLiner.value as string | null)
      : proseLine === null
        ? null
        : oneLinerOf(proseLine);
    const supportingPoints =
      (typed('recommendations[].supportingPoints')?.value as string[] | undefined) ?? supportingPointsOf(lines);
    const typedAlternative = typed('recommendations[].strongestAlternative');
    const alternativeText = textOf('recommendations[].strongestAlternative');
    const strongestAlternative = typedAlternative
      ? (typedAlternative.value as string | null)
      : alternativeText
        ? truncate(alternativeText, 2000)
        : null;

    const recommendation: Recommendation = {
      id: 'c1',
      claim,
      roadmapEntryIds,
      // Called ready despite them, the objections stay open as they were; the reason is on the recommendation.
      objections,
      preMortem,
      flipConditions: [],
      evidenceGaps,
      strongestAlternative,
      verdict: statedVerdict,
      readyDespite,
      confidence: statedConfidence,
      ceoOneLiner: oneLiner,
      supportingPoints,
    };
    // Nothing said in this step at all: no recommendation, rather than one made of the bank's questions.
    const saidAnything = questions.some((q) => answers.text(q.id) !== null || answers.typed(q.id).length > 0);
    const artifact: SoundingBoardArtifact = { recommendations: saidAnything ? [recommendation] : [] };
    if (!saidAnything)
      return {
        artifact,
        note: 'No recommendation stated or tested yet, so there is nothing to pressure-test. Answer the questions, then press Draft again.',
      };

    const note = [
      `Pressure-tested the recommendation from your answers (offline, no AI model): verdict ${orGap(statedVerdict, 'verdict')}, ${orGap(statedConfidence, 'confidence', (c) => `confidence ${c}`)}${statedVerdict ? '' : ' (ready, revise or drop: yours to decide)'}.`,
      `Objections answered: ${objections.length - open.length} of ${objections.length}${open.length > 0 ? `; open: ${joinWords(open.map((o) => LENS_NAMES[o.lens]))}` : ''}.`,
      `Pre-mortem reasons: ${preMortem.length}. Evidence gaps: ${evidenceGaps.length}.`,
      readyUnreasoned
        ? `“Ready” was said with ${plural(open.length, 'objection')} open and no reason, so it is not recorded as ready: say why (“ready, because …”), or revise.`
        : '',
      readyReason
        ? `Called ready despite the open objections, for the reason you gave: “${truncate(readyReason, 200)}”.`
        : '',
      claimText === null ? 'The recommendation itself is not stated yet.' : '',
      lines.length === 0 && !typedOneLiner
        ? 'No one-liner for the CEO yet: the first sentence of the recommendation stands in.'
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { artifact, note };
  },
};
