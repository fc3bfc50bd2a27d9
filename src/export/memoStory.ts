/**
 * The memo's first half: the recommendations for the CEO, the company context and the chosen trends.
 * Every builder returns Markdown with all user and model text escaped.
 */
import {
  chosenTrends,
  capitalize,
  endSentence,
  failureStoryText,
  gapText,
  objectionText,
  readyDespiteText,
  freezeText,
  openObjections,
  orGap,
  type ContextArtifact,
  type Recommendation,
  type SoundingBoardArtifact,
  type TrendsArtifact,
  type DialogueArtifact,
  HORIZON_LABELS,
  TREND_LENS_LABELS,
  VERDICTS,
  VERDICT_LABELS,
  type Verdict,
} from '../domain/index.js';
import { mdCell, mdParagraphs, mdText } from './format.js';
/** Undecided (no verdict yet) last: shown with the gap, never left out. */
const VERDICT_ORDER: ReadonlyArray<Verdict | null> = [...VERDICTS, null];

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The CEO one-liners and verdicts, ready first, then revise, then drop. */
export function ceoSection(board: SoundingBoardArtifact, entryTitle: (id: string) => string | null): string {
  const recs = VERDICT_ORDER.flatMap((v) => board.recommendations.filter((r) => r.verdict === v));
  const counts = VERDICT_ORDER.map((v) => ({ v, n: recs.filter((r) => r.verdict === v).length }))
    .filter(({ n }) => n > 0)
    .map(
      ({ v, n }) =>
        `${n} ${v === 'ready' ? 'ready' : v === 'revise' ? 'to revise' : v === 'drop' ? 'to drop' : `with ${gapText('verdict')}`}`,
    );
  const lines = [`${plural(recs.length, 'recommendation')} pressure-tested: ${counts.join(', ')}.`];
  for (const [i, r] of recs.entries()) lines.push('', recommendationBlock(r, i + 1, entryTitle));
  return lines.join('\n');
}

function recommendationBlock(r: Recommendation, n: number, entryTitle: (id: string) => string | null): string {
  const lines = [
    `### ${n}. ${mdCell(r.ceoOneLiner, capitalize(gapText('oneLiner')))}`,
    '',
    `**Verdict: ${orGap(r.verdict, 'verdict', (v) => VERDICT_LABELS[v])}** (${orGap(r.confidence, 'confidence', (c) => `confidence ${c}`)}). ${r.claim === null ? endSentence(capitalize(gapText('claim'))) : mdText(endSentence(r.claim))}`,
  ];
  if (r.supportingPoints.length > 0) lines.push('', ...r.supportingPoints.map((p) => `- ${mdText(p)}`));
  const detail: string[] = [];
  if (r.roadmapEntryIds.length > 0) {
    const titles = r.roadmapEntryIds.map((id) => mdText(entryTitle(id) ?? id));
    detail.push(`*Roadmap:* ${titles.join('; ')}.`);
  }
  const open = openObjections(r);
  if (open.length > 0)
    detail.push(`*Still open:* ${endSentence(open.map((o) => mdText(objectionText(o))).join('; '))}`);
  const despite = readyDespiteText(r);
  if (despite) detail.push(`*${mdText(despite)}*`);
  const answered = r.objections.length - open.length;
  if (answered > 0)
    detail.push(
      `*Answered:* ${answered} of ${r.objections.length} objections (${r.objections.filter((o) => o.status === 'answered_with_evidence').length} with evidence).`,
    );
  if (r.strongestAlternative) detail.push(`*Strongest alternative:* ${mdText(r.strongestAlternative)}`);
  if (r.preMortem.length > 0)
    detail.push(`*Pre-mortem:* ${r.preMortem.map((p) => endSentence(mdText(failureStoryText(p)))).join(' ')}`);
  if (r.flipConditions.length > 0)
    detail.push(`*What would flip the verdict:* ${endSentence(r.flipConditions.map(mdText).join('; '))}`);
  if (detail.length > 0) lines.push('', detail.join('  \n'));
  return lines.join('\n');
}

export function contextSection(c: ContextArtifact): string {
  const parts: string[] = [mdParagraphs(c.summary)];
  if (c.keyNumbers.length > 0) {
    parts.push(
      [
        '| Key number | Value |',
        '| --- | --- |',
        ...c.keyNumbers.map((k) => `| ${mdCell(capitalize(k.label))} | ${mdCell(k.value)} |`),
      ].join('\n'),
    );
  }
  if (c.ceoGoals.length > 0)
    parts.push(['**The CEO’s goals for the year**', '', ...c.ceoGoals.map((g) => `- ${mdText(g)}`)].join('\n'));
  const constraints: string[] = [];
  for (const [label, text] of [
    ['Budget', c.constraints.budget],
    ['Team', c.constraints.team],
    ['Time', c.constraints.time],
    ['Regulation', c.constraints.regulation],
  ] as const) {
    if (text && text.trim() !== '') constraints.push(`- ${label}: ${mdText(text)}`);
  }
  if (c.constraints.freezes.length > 0)
    constraints.push(`- Freeze windows: ${c.constraints.freezes.map((f) => mdText(freezeText(f))).join('; ')}`);
  if (constraints.length > 0) parts.push(['**Constraints**', '', ...constraints].join('\n'));
  const position: string[] = [];
  if (c.marketPosition) position.push(`*Market position:* ${mdText(c.marketPosition)}`);
  if (c.businessModel) position.push(`*Business model:* ${mdText(c.businessModel)}`);
  if (c.competitors.length > 0) position.push(`*Competitors:* ${c.competitors.map(mdText).join('; ')}.`);
  if (position.length > 0) parts.push(position.join('  \n'));
  return parts.join('\n\n');
}

/** The chosen trends, each with why now, its signals, why it matters and what the dialogue found. */
export function trendsSection(t: TrendsArtifact, dialogue: DialogueArtifact | undefined, clientName: string): string {
  const chosen = chosenTrends(t);
  if (chosen.length === 0) return `No trend chosen yet (${plural(t.trends.length, 'candidate')} proposed).`;
  const parts = [`${plural(chosen.length, 'trend')} chosen from ${plural(t.trends.length, 'candidate')}.`];
  for (const trend of chosen) {
    const meta = [
      TREND_LENS_LABELS[trend.lens],
      trend.timeToImpact ? `impact in ${HORIZON_LABELS[trend.timeToImpact]}` : null,
      trend.origin === 'user' ? 'added by the client' : null,
    ]
      .filter((x): x is string => x !== null)
      .join(' · ');
    const lines = [`### ${mdText(trend.name)}`, '', `*${capitalize(meta)}.* ${mdText(trend.description)}`];
    lines.push('', `**Why now:** ${trend.whyNow ? mdText(trend.whyNow) : `${gapText('whyNow')}.`}`);
    lines.push(
      '',
      trend.signals.length > 0
        ? ['**Signals:**', '', ...trend.signals.map((s) => `- ${mdText(s)}`)].join('\n')
        : '**Signals:** none recorded yet.',
    );
    if (trend.relevance) lines.push('', `**Why it matters to ${mdText(clientName)}:** ${mdText(trend.relevance)}`);
    const summary = dialogue?.trendSummaries.find((s) => s.trendId === trend.id);
    if (summary) lines.push('', `**What the dialogue found:** ${mdText(summary.summary)}`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}
