/**
 * Step 7 offline: one recommendation attacked through the CEO, CFO, board and engineer lenses, a
 * pre-mortem and the missing evidence. An objection without an answer stays open; a verdict the user
 * did not give is recorded as "revise" with low confidence, and the note says so.
 */
import type { ObjectionLens, Recommendation, SoundingBoardArtifact } from '../../domain/index.js';
import type { SoundingBoardField, SoundingBoardQuestion } from './bank.js';
import { fill, joinWords, plural, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import { isNonAnswer, mentionedIds, parseConfidence, parseVerdict, sentences, splitLines, splitList, truncate } from './parse/index.js';

const LENS_NAMES: Readonly<Record<ObjectionLens, string>> = { ceo: 'CEO', cfo: 'CFO', board: 'board', engineer: 'sceptical engineer' };

function entryIds(ctx: StepContext): string[] {
  return (ctx.input.artifacts.roadmap?.entries ?? []).map((e) => e.id);
}

export const soundingBoardStep: BankStep<SoundingBoardQuestion> = {
  questions: (ctx) => ctx.banks.sounding_board.questions,

  ack(question, text, ctx) {
    if (question.lens) {
      return isNonAnswer(text)
        ? `Left open: the ${LENS_NAMES[question.lens]}'s objection stays on the record as open.`
        : `Noted as your answer to the ${LENS_NAMES[question.lens]}.`;
    }
    if (isNonAnswer(text)) return `Left open: **${question.topic}**. It will show as a gap.`;
    if (question.fills.includes('recommendations[].claim')) {
      const ids = mentionedIds(text, entryIds(ctx));
      return `Recommendation noted${ids.length > 0 ? ` (roadmap ${joinWords(ids)})` : ''}. Now the objections, one lens at a time.`;
    }
    if (question.fills.includes('recommendations[].verdict')) {
      return `Read: verdict ${parseVerdict(text) ?? 'not stated (ready, revise or drop?)'}, confidence ${parseConfidence(text) ?? 'not stated'}.`;
    }
    if (question.fills.includes('recommendations[].preMortem') || question.fills.includes('recommendations[].evidenceGaps')) {
      return `Noted under **${question.topic}**: ${plural(splitList(text).length, 'item')}.`;
    }
    return `Noted under **${question.topic}**.`;
  },

  draft(ctx) {
    const questions = ctx.banks.sounding_board.questions;
    const answers = answersById(pairAnswers(ctx.messages, questions));
    const textOf = (field: SoundingBoardField) => {
      const texts = questions.filter((q) => q.lens === null && q.fills.includes(field)).map((q) => answers.text(q.id)).filter((t): t is string => t !== null);
      return texts.length > 0 ? texts.join('\n') : null;
    };
    const roadmap = ctx.input.artifacts.roadmap?.entries ?? [];

    const claimText = textOf('recommendations[].claim');
    const roadmapEntryIds = claimText ? mentionedIds(claimText, entryIds(ctx)) : [];
    const onlyIds = claimText !== null && claimText.replace(/\b[eE]\d+\b|[,;&]|\band\b/g, '').trim() === '';
    const claim = claimText === null
      ? 'Not stated yet — the recommendation to pressure-test has not been written down.'
      : onlyIds
        ? roadmap.filter((e) => roadmapEntryIds.includes(e.id)).map((e) => `${e.id}: ${e.title}`).join('; ') || claimText
        : truncate(claimText, 4000);

    const lensQuestions = questions.filter((q): q is SoundingBoardQuestion & { lens: ObjectionLens } => q.lens !== null);
    const objections = lensQuestions.map((q) => ({
      lens: q.lens,
      objection: truncate(fill(q.objection ?? q.text, ctx.input), 4000),
      response: answers.text(q.id) ? truncate(answers.text(q.id)!, 2000) : null,
    }));
    const open = objections.filter((o) => o.response === null);

    // The verdict question's answer; failing that, a verdict the user labelled anywhere ("Verdict: ready").
    const labelled = ctx.messages.filter((m) => m.role === 'user').map((m) => /\bverdict\s*[:=–-]\s*([^.;\n]+)/i.exec(m.content)?.[1]).filter((v): v is string => v !== undefined).at(-1);
    const verdictText = textOf('recommendations[].verdict') ?? labelled ?? '';
    const statedVerdict = parseVerdict(verdictText);
    const statedConfidence = parseConfidence(verdictText);
    const preMortem = splitList(textOf('recommendations[].preMortem') ?? '').slice(0, 40);
    const evidenceGaps = splitList(textOf('recommendations[].evidenceGaps') ?? '').slice(0, 40);
    const lines = splitLines(textOf('recommendations[].ceoOneLiner') ?? '');
    const oneLiner = lines[0] ?? (claimText ? sentences(claim)[0] ?? claim : 'Not stated yet.');

    const recommendation: Recommendation = {
      id: 'c1',
      claim,
      roadmapEntryIds,
      objections,
      preMortem,
      evidenceGaps,
      strongestAlternative: textOf('recommendations[].strongestAlternative') ? truncate(textOf('recommendations[].strongestAlternative')!, 2000) : null,
      verdict: statedVerdict ?? 'revise',
      confidence: statedConfidence ?? 'low',
      openObjections: open.map((o) => `${LENS_NAMES[o.lens]}: ${truncate(o.objection, 900)}`),
      ceoOneLiner: truncate(oneLiner, 300),
      supportingPoints: lines.slice(1, 4).map((p) => truncate(p, 500)),
    };
    const artifact: SoundingBoardArtifact = { recommendations: [recommendation] };

    const note = [
      `Pressure-tested the recommendation from your answers (offline, no AI model): verdict ${recommendation.verdict}, confidence ${recommendation.confidence}${statedVerdict ? '' : ' (you gave no verdict: recorded as revise, low confidence, until you decide)'}.`,
      `Objections answered: ${objections.length - open.length} of ${objections.length}${open.length > 0 ? `; open: ${joinWords(open.map((o) => LENS_NAMES[o.lens]))}` : ''}.`,
      `Pre-mortem reasons: ${preMortem.length}. Evidence gaps: ${evidenceGaps.length}.`,
      claimText === null ? 'The recommendation itself is not stated yet.' : '',
      lines.length === 0 ? 'No one-liner for the CEO yet: the first sentence of the recommendation stands in.' : '',
    ].filter(Boolean).join(' ');
    return { artifact, note };
  },
};
