/**
 * Step 7 offline: one recommendation attacked through the CEO, CFO, board and engineer lenses, a
 * pre-mortem and the missing evidence. An objection without an answer stays open; a verdict, a
 * confidence or a recommendation the user did not give is null, a gap the memo names.
 */
import {
  capitalize,
  orGap,
  type Level,
  type ObjectionLens,
  type Recommendation,
  type SoundingBoardArtifact,
} from '../../domain/index.js';
import type { SoundingBoardField, SoundingBoardQuestion } from './bank.js';
import { fill, joinWords, plural, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import {
  bareLevel,
  isNonAnswer,
  labelled,
  mentionedIds,
  mentionedName,
  parseConfidence,
  parseVerdict,
  sentences,
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
export function readLensAnswer(text: string): { objection: string | null; response: string | null } {
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
    return { objection: objection && remark ? `${objection} (open: ${remark})` : objection, response: null };
  }
  return { objection, response: capitalize(response.replace(ANSWER_LEAD, '')) };
}

export const soundingBoardStep: BankStep<SoundingBoardQuestion> = {
  questions: (ctx) => ctx.banks.sounding_board.questions,

  ack(question, text, ctx) {
    if (question.lens) {
      const lens = LENS_NAMES[question.lens];
      const { objection, response } = readLensAnswer(text);
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
    const answers = answersById(pairAnswers(ctx.messages, questions));
    const textOf = (field: SoundingBoardField) => {
      const texts = questions
        .filter((q) => q.lens === null && q.fills.includes(field))
        .map((q) => answers.text(q.id))
        .filter((t): t is string => t !== null);
      return texts.length > 0 ? texts.join('\n') : null;
    };
    const roadmap = ctx.input.artifacts.roadmap?.entries ?? [];

    const claimText = textOf('recommendations[].claim');
    const roadmapEntryIds = claimText ? claimEntryIds(claimText, ctx) : [];
    const onlyIds = claimText !== null && claimText.replace(/\b[eE]\d+\b|[,;&]|\band\b/g, '').trim() === '';
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
      const read = said ? readLensAnswer(said) : { objection: null, response: null };
      return {
        lens: q.lens,
        objection: truncate(read.objection ?? fill(q.objection ?? q.text, ctx.input), 4000),
        response: read.response ? truncate(read.response, 2000) : null,
      };
    });
    const open = objections.filter((o) => o.response === null);

    // The verdict question's answer; failing that, a verdict the user labelled anywhere ("Verdict: ready").
    const labelled = ctx.messages
      .filter((m) => m.role === 'user')
      .map((m) => /\bverdict\s*[:=–-]\s*([^.;\n]+)/i.exec(m.content)?.[1])
      .filter((v): v is string => v !== undefined)
      .at(-1);
    const verdictText = textOf('recommendations[].verdict') ?? labelled ?? '';
    const statedVerdict = parseVerdict(verdictText);
    const statedConfidence = verdictConfidence(verdictText);
    const preMortem = splitList(textOf('recommendations[].preMortem') ?? '')
      .slice(0, 40)
      .map(capitalize);
    const evidenceGaps = splitList(textOf('recommendations[].evidenceGaps') ?? '')
      .slice(0, 40)
      .map(capitalize);
    const lines = splitLines(textOf('recommendations[].ceoOneLiner') ?? '');
    const oneLiner = lines[0] ?? (claim !== null ? (sentences(claim)[0] ?? claim) : null);

    const recommendation: Recommendation = {
      id: 'c1',
      claim,
      roadmapEntryIds,
      objections,
      preMortem,
      evidenceGaps,
      strongestAlternative: textOf('recommendations[].strongestAlternative')
        ? truncate(textOf('recommendations[].strongestAlternative')!, 2000)
        : null,
      verdict: statedVerdict,
      confidence: statedConfidence,
      openObjections: open.map((o) => `${LENS_NAMES[o.lens]}: ${truncate(o.objection, 900)}`),
      ceoOneLiner: oneLiner === null ? null : truncate(capitalize(oneLiner), 300),
      supportingPoints: lines.slice(1, 4).map((p) => truncate(capitalize(p), 500)),
    };
    // Nothing said in this step at all: no recommendation, rather than one made of the bank's questions.
    const saidAnything = questions.some((q) => answers.text(q.id) !== null);
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
      claimText === null ? 'The recommendation itself is not stated yet.' : '',
      lines.length === 0 ? 'No one-liner for the CEO yet: the first sentence of the recommendation stands in.' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { artifact, note };
  },
};
