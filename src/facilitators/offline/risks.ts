/**
 * Step 5 offline: one risk per threat line, scores and owners read from the line. Severity is never
 * stored (the domain derives it from likelihood × impact); a score the user did not give is null, a
 * gap the register shows as "not scored", never a middle value that would read as a judgement.
 */
import {
  gapText,
  rankRisks,
  severityOf,
  type AnswerValues,
  type Risk,
  type RisksArtifact,
  type Score,
} from '../../domain/index.js';
import type { RiskQuestion } from './bank.js';
import { chosen, joinWords, plural, withTyped, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import { trendOfText } from './trends.js';
import {
  SCORE_AHEAD,
  SCORE_PAIR,
  isNonAnswer,
  labelled,
  parseDate,
  parseScores,
  sentences,
  splitLines,
  truncate,
  withoutScores,
  wordCount,
} from './parse/index.js';

const RISK_LABELS = {
  likelihood: [`likelihood${SCORE_AHEAD}`, `probability${SCORE_AHEAD}`, `chance${SCORE_AHEAD}`],
  impact: [`impact${SCORE_AHEAD}`, `severity${SCORE_AHEAD}`, `consequence${SCORE_AHEAD}`],
  mitigation: ['mitigation', 'mitigated? by', 'mitigate', 'fix(?=\\s*:)', 'plan(?=\\s*:)', 'response(?=\\s*:)'],
  owner: ['owner', 'owned by', 'accountable'],
  trigger: ['trigger', 'early[- ]warning(?: sign)?', 'warning sign', 'watch for', 'signal(?=\\s*:)'],
  reviewDate: [
    'review(?: date| by| on)?(?=\\s*[:=]|\\s+(?:20\\d\\d|in\\s|at\\s|next\\s))',
    'revisit(?:ed)?(?: by| on)?',
  ],
} as const;

export interface ReadRisk {
  readonly threat: string;
  readonly likelihood: Score | null;
  readonly impact: Score | null;
  readonly mitigation: string | null;
  readonly owner: string | null;
  readonly trigger: string | null;
  readonly reviewDate: string | null;
  readonly trendId: string | null;
}

/** Splits an answer into threat lines: one per line, or per ";" when one line carries several scored threats. */
export function threatLines(text: string): string[] {
  const lines = splitLines(text);
  if (lines.length === 1 && (lines[0]!.match(/\blikelihood\b|\bL[1-5]\b/gi)?.length ?? 0) > 1) {
    return lines[0]!
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return lines;
}

const OWNED_BY =
  /\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:owns|will own|should own|would own|is to own|leads) (?:it|this)\b/;

/** "Our MES admin Jens should own it." goes whole; ", CFO owns it" goes from its sentence. */
function withoutOwner(text: string): string {
  return sentences(text)
    .filter((s) => !(OWNED_BY.test(s) && wordCount(s.replace(OWNED_BY, '')) <= 4))
    .map((s) => s.replace(OWNED_BY, '').replace(/[\s,;:—–-]+([.!?]?)$/, '$1'))
    .join(' ');
}

export function readRisk(line: string, ctx: StepContext): ReadRisk {
  const { rest, values } = labelled(line, RISK_LABELS);
  const { likelihood, impact } = parseScores(line);
  // "CFO owns it", "Jens should own it": the owner, said in passing; kept out of the threat's text.
  const ownedBy = OWNED_BY.exec(line);
  const text = (v: string | undefined, max: number) => (v && v.trim() !== '' ? truncate(v, max) : null);
  const threat = withoutScores(withoutOwner(rest !== '' ? rest : line))
    .replace(/\bL\s*[1-5]\s*[/,x×]?\s*I\s*[1-5]\b/g, '')
    .replace(/\b[1-5]\s*\/\s*5\b/g, '')
    .replace(SCORE_PAIR, '')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/[\s,;:(—–-]+$/g, '')
    .trim();
  return {
    threat: truncate(threat !== '' ? threat : line, 3800),
    likelihood,
    impact,
    mitigation: text(values.mitigation, 2000),
    owner: text(values.owner, 300) ?? (ownedBy ? ownedBy[1]! : null),
    trigger: text(values.trigger, 1000),
    reviewDate: values.reviewDate ? parseDate(values.reviewDate, ctx.now) : null,
    trendId: trendOfText(line, chosen(ctx.input), ctx.banks.trends.catalogue),
  };
}

/** The form's fields pre-filled from an answer's text: one threat (the advisor confirms, or corrects, what was read). */
function prefillRisk(question: RiskQuestion, text: string, ctx: StepContext): AnswerValues {
  if (question.category === null) return { 'risks[].reviewDate': parseDate(text, ctx.now) };
  const r = readRisk(text.replace(/\s*\n\s*/g, ' ').trim(), ctx);
  return {
    'risks[].threat': r.threat,
    'risks[].likelihood': r.likelihood,
    'risks[].impact': r.impact,
    'risks[].mitigation': r.mitigation,
    'risks[].owner': r.owner,
    'risks[].trigger': r.trigger,
    'risks[].trendId': r.trendId,
  };
}

export const risksStep: BankStep<RiskQuestion> = {
  prefill: prefillRisk,
  questions: (ctx) => ctx.banks.risks.questions,

  ack(question, text, ctx) {
    if (isNonAnswer(text)) return `Noted: nothing under **${question.topic}**.`;
    if (question.category === null) {
      const date = parseDate(text, ctx.now);
      return date
        ? `Review date read: ${date}. It applies to every risk without its own.`
        : 'No date could be read from that: write YYYY-MM-DD or "in 90 days".';
    }
    const reads = threatLines(text).map((line) => readRisk(line, ctx));
    const describe = (r: ReadRisk) => {
      const scores =
        r.likelihood && r.impact
          ? `likelihood ${r.likelihood} × impact ${r.impact} = ${r.likelihood * r.impact}, ${severityOf(r.likelihood, r.impact)}`
          : `${[!r.likelihood && 'likelihood', !r.impact && 'impact'].filter(Boolean).join(' and ')} ${gapText('score')}`;
      return `“${truncate(r.threat, 50)}” (${scores}; ${r.owner ? `owner ${r.owner}` : 'no owner yet'})`;
    };
    return `Read ${plural(reads.length, `${question.category} threat`)}: ${reads.map(describe).join('; ')}.`;
  },

  draft(ctx) {
    const questions = ctx.banks.risks.questions;
    const answers = answersById(pairAnswers(ctx.messages, questions));
    const reviewText = questions
      .filter((q) => q.category === null)
      .map((q) => answers.text(q.id))
      .filter(Boolean)
      .join('\n');
    const typedReview = questions
      .filter((q) => q.category === null)
      .flatMap((q) => answers.typed(q.id).map((t) => t.values['risks[].reviewDate']))
      .findLast((d): d is string | null => d !== undefined);
    const registerReview = typedReview !== undefined ? typedReview : reviewText ? parseDate(reviewText, ctx.now) : null;

    const risks: Risk[] = [];
    const notDiscussed: string[] = [];
    let unscored = 0;
    for (const q of questions) {
      if (q.category === null) continue;
      // Each answer typed into the form is one risk, as confirmed.
      for (const { values } of answers.typed(q.id)) {
        const risk = withTyped<Risk>(
          {
            id: `r${risks.length + 1}`,
            threat: '',
            category: q.category,
            trendId: null,
            likelihood: null,
            impact: null,
            mitigation: null,
            owner: null,
            trigger: null,
            reviewDate: null,
          },
          values,
          'risks[].',
        );
        if (risk.likelihood === null || risk.impact === null) unscored++;
        risks.push({ ...risk, reviewDate: risk.reviewDate ?? registerReview });
      }
      const text = answers.text(q.id);
      if (text === null) {
        if (answers.typed(q.id).length > 0) continue;
        if (!answers.declined(q.id)) notDiscussed.push(q.category);
        continue;
      }
      for (const line of threatLines(text)) {
        const r = readRisk(line, ctx);
        if (r.likelihood === null || r.impact === null) unscored++;
        risks.push({
          id: `r${risks.length + 1}`,
          threat: r.threat,
          category: q.category,
          trendId: r.trendId,
          likelihood: r.likelihood,
          impact: r.impact,
          mitigation: r.mitigation,
          owner: r.owner,
          trigger: r.trigger,
          reviewDate: r.reviewDate ?? registerReview,
        });
      }
    }

    if (risks.length === 0) {
      return {
        artifact: { risks: [] } satisfies RisksArtifact,
        note: 'No threats named yet, so the register is empty. Answer the category questions, then press Draft again.',
      };
    }
    const artifact: RisksArtifact = { risks: risks.slice(0, 40) };
    const ranked = rankRisks(artifact);
    const count = (s: string) => ranked.filter((r) => r.severity === s).length;
    const noOwner = risks.filter((r) => r.owner === null).length;
    const noTrigger = risks.filter((r) => r.trigger === null).length;
    const note = [
      `Built the risk register from your answers (offline, no AI model): ${plural(risks.length, 'risk')}, ${count('Critical')} Critical, ${count('High')} High (severity from likelihood × impact).`,
      `Missing owners: ${noOwner}.`,
      noTrigger > 0 ? `Without an early-warning trigger: ${noTrigger}.` : '',
      unscored > 0 ? `Not scored yet (likelihood or impact not given; shown as ${gapText('score')}): ${unscored}.` : '',
      registerReview ? `Review date: ${registerReview}.` : 'No review date yet.',
      notDiscussed.length > 0 ? `Categories not discussed: ${joinWords(notDiscussed)}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { artifact, note };
  },
};
