import {
  ROADMAP_STATUS_LABELS,
  capitalize,
  endSentence,
  gapText,
  orGap,
  riskScoreText,
  isClosed,
  metricProgress,
  rankRisks,
  type RoadmapEntry,
  objectionText,
  openObjections,
} from '../domain/index.js';
import { monthLabel, monthOf, reviewState, type Month } from './calendar.js';
import { isoDate, mdCell, mdText } from './format.js';
import type { ExportInput } from './types.js';

/** How many risks the monthly note names: the ones a CEO should hear about, not the register. */
const RISKS_TO_WATCH = 3;

/**
 * The monthly "State of the Tech": one page that keeps the advisor's work visible between quarterly
 * sessions. Where the roadmap stands against its metrics, the risks to watch with their early-warning
 * signs, and the decisions still open. Built from the session's artifacts only; what is missing is said.
 * It covers the month the advisor chooses (by default the month it is prepared in): a note written on
 * 2 June about May is titled May, and review dates are read against that month.
 */
export function stateOfTheTechMarkdown(input: ExportInput, month: Month = monthOf(input.generatedAt)): string {
  const { client, session, artifacts, generatedAt } = input;
  const lines = [
    `# State of the Tech: ${mdText(client.name)}, ${monthLabel(month)}`,
    '',
    `*From the ${session.quarter} foresight session · prepared ${isoDate(generatedAt)}*`,
    '',
  ];

  lines.push('## Where the roadmap stands', '');
  const entries = artifacts.roadmap?.entries ?? [];
  if (entries.length === 0) {
    lines.push('No roadmap drafted yet.', '');
  } else {
    const open = entries.filter((e) => !isClosed(e));
    const done = entries.filter((e) => e.status === 'done');
    lines.push(
      `${open.length} open (${entries.filter((e) => e.status === 'in_progress').length} in progress), ${done.length} done, ${entries.filter((e) => e.status === 'dropped').length} dropped.`,
      '',
    );
    lines.push(
      '| Initiative | Status | Owner | Deadline | Metric: baseline → latest → target |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const e of entries)
      lines.push(
        `| ${mdCell(e.title)} | ${ROADMAP_STATUS_LABELS[e.status]} | ${mdCell(e.owner, gapText('owner'))} | ${mdCell(e.deadline, gapText('deadline'))} | ${metricCell(e)} |`,
      );
    lines.push('');
  }

  lines.push('## Risks to watch', '');
  if (!artifacts.risks) {
    lines.push('No risk register drafted yet.', '');
  } else {
    for (const r of rankRisks(artifacts.risks).slice(0, RISKS_TO_WATCH)) {
      const watch = r.trigger
        ? ` Early warning: ${endSentence(mdText(r.trigger))}`
        : ' No early-warning sign named yet.';
      lines.push(
        `- **${capitalize(orGap(r.severity, 'severity'))}** (${riskScoreText(r.likelihood, r.impact)}) ${endSentence(mdText(r.threat))} Owner: ${endSentence(mdText(r.owner ?? gapText('owner')))}${watch} ${reviewLine(r.reviewDate, month)}`,
      );
    }
    lines.push('');
  }

  lines.push('## Decisions still open', '');
  const pending = (artifacts.sounding_board?.recommendations ?? []).filter(
    (r) => r.verdict !== 'ready' || openObjections(r).length > 0,
  );
  if (!artifacts.sounding_board) lines.push('No recommendation pressure-tested yet.');
  else if (pending.length === 0) lines.push('None: every recommendation is ready, with no objection left open.');
  for (const r of pending) {
    const open = openObjections(r);
    const objections =
      open.length > 0 ? ` Open: ${endSentence(open.map((o) => mdText(objectionText(o))).join('; '))}` : '';
    const line = r.ceoOneLiner ?? r.claim;
    lines.push(
      `- ${line === null ? capitalize(gapText('claim')) : mdText(line)} — verdict **${orGap(r.verdict, 'verdict')}**.${objections}`,
    );
  }
  lines.push('', `*Prepared with ${mdText(input.provider.label)}.*`, '');
  return lines.join('\n');
}

function reviewLine(reviewDate: string | null, month: Month): string {
  if (reviewDate === null) return `Review: ${gapText('reviewDate')}.`;
  const state = reviewState(reviewDate, month);
  if (state === 'passed') return `**Review date passed:** ${reviewDate}.`;
  return state === 'due' ? `Review due this month: ${reviewDate}.` : `Review by ${reviewDate}.`;
}

function metricCell(e: RoadmapEntry): string {
  if (!e.metric) return gapText('metric');
  const m = e.metric;
  const progress = metricProgress(m);
  const share = progress === null ? '' : ` (${Math.round(progress * 100)}% of the way)`;
  return mdCell(
    `${m.name}: ${m.baseline ?? gapText('baseline')} → ${m.current ?? gapText('measured')} → ${m.target}${share}`,
  );
}
