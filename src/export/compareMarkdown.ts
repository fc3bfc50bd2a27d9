/** The Radar Review as Markdown, from a QuarterComparison. All user and model text is escaped. */
import {
  HORIZON_LABELS,
  ROADMAP_STATUS_LABELS,
  VERDICT_LABELS,
  gapText,
  isolateBidi,
  orGap,
  riskScoreText,
  type GapField,
} from '../domain/index.js';
import { formatWeeks, mdCell, mdText } from './format.js';
import type {
  FieldChange,
  RecommendationRef,
  RiskMove,
  MetricReading,
  NotComparable,
  QuarterComparison,
  RiskRef,
  RoadmapChange,
  RoadmapRef,
  SessionRef,
  Side,
} from './compare.js';

/** What a field that was not said shows. */
const FIELD_GAPS: Readonly<Record<FieldChange['field'], GapField>> = {
  status: 'context',
  horizon: 'horizon',
  effortWeeks: 'effort',
  owner: 'owner',
  deadline: 'deadline',
  metricTarget: 'metric',
};

const FIELD_LABELS: Readonly<Record<FieldChange['field'], string>> = {
  status: 'Status',
  horizon: 'Horizon',
  effortWeeks: 'Effort',
  owner: 'Owner',
  deadline: 'Deadline',
  metricTarget: 'Metric target',
};

const WHAT: Readonly<Record<'context' | 'trends' | 'risks' | 'roadmap' | 'recommendations', string>> = {
  context: 'no company context',
  trends: 'no trends drafted',
  risks: 'no risk register',
  roadmap: 'no roadmap',
  recommendations: 'no pressure-tested recommendations',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export type ComparisonSectionKey = 'header' | 'context' | 'passed' | 'trends' | 'risks' | 'roadmap' | 'recommendations';

export interface ComparisonSection {
  readonly key: ComparisonSectionKey;
  /** The section's title, or null for the opening (title and at a glance). */
  readonly title: string | null;
  /** The section's content as Markdown, without its heading. */
  readonly body: string;
}

/** The Radar Review in order, as sections, so the HTML and PDF can place pictures beside them. */
export function comparisonSections(c: QuarterComparison): ComparisonSection[] {
  const label = sessionLabels(c.earlier, c.later);
  return [
    { key: 'header', title: null, body: glance(c) },
    {
      key: 'context',
      title: 'Key numbers and the CEO’s goals',
      body: c.context.status === 'compared' ? context(c.context, label) : notComparable(c.context, 'context', label),
    },
    { key: 'passed', title: 'Dates passed', body: passed(c) },
    {
      key: 'trends',
      title: 'Trends',
      body:
        c.trends.status === 'compared'
          ? list([
              ['Added', c.trends.added.map((t) => mdText(t.name))],
              ['Dropped', c.trends.dropped.map((t) => mdText(t.name))],
              ['Kept', c.trends.kept.map((t) => mdText(t.later.name))],
            ])
          : notComparable(c.trends, 'trends', label),
    },
    {
      key: 'risks',
      title: 'Risks',
      body: c.risks.status === 'compared' ? risks(c.risks, label) : notComparable(c.risks, 'risks', label),
    },
    {
      key: 'roadmap',
      title: 'Roadmap',
      body: c.roadmap.status === 'compared' ? roadmap(c.roadmap, label) : notComparable(c.roadmap, 'roadmap', label),
    },
    {
      key: 'recommendations',
      title: 'Recommendations',
      body:
        c.recommendations.status === 'compared'
          ? recommendations(c.recommendations, label)
          : notComparable(c.recommendations, 'recommendations', label),
    },
  ];
}

/** "Radar Review: Northwind Logistics, 2027-Q1 → 2027-Q2", as plain text. */
export function comparisonTitle(c: QuarterComparison): string {
  const quarter = (s: SessionRef) =>
    c.earlier.quarter === c.later.quarter ? `${s.quarter} (session ${s.sessionId})` : s.quarter;
  return `Radar Review: ${isolateBidi(c.client.name)}, ${quarter(c.earlier)} → ${quarter(c.later)}`;
}

export function comparisonMarkdown(c: QuarterComparison): string {
  const label = sessionLabels(c.earlier, c.later);
  const parts = [`# Radar Review: ${mdText(c.client.name)}, ${label.earlier} → ${label.later}`];
  for (const section of comparisonSections(c)) {
    if (section.title !== null) parts.push(`## ${section.title}`);
    parts.push(section.body);
  }
  return `${parts.join('\n\n')}\n`;
}

function sessionLabels(earlier: SessionRef, later: SessionRef): Record<Side, string> {
  if (earlier.quarter !== later.quarter) return { earlier: mdText(earlier.quarter), later: mdText(later.quarter) };
  return {
    earlier: `${mdText(earlier.quarter)} (session ${earlier.sessionId})`,
    later: `${mdText(later.quarter)} (session ${later.sessionId})`,
  };
}

function glance(c: QuarterComparison): string {
  const bits: string[] = [];
  if (c.trends.status === 'compared')
    bits.push(
      `trends: ${c.trends.added.length} added, ${c.trends.dropped.length} dropped, ${c.trends.kept.length} kept`,
    );
  if (c.risks.status === 'compared')
    bits.push(
      `risks: ${c.risks.moved.length} changed severity, ${c.risks.added.length} new, ${c.risks.closed.length} closed`,
    );
  if (c.roadmap.status === 'compared') {
    const r = c.roadmap;
    const gone = r.removed.length > 0 ? `, ${r.removed.length} gone without a status` : '';
    bits.push(
      `roadmap: ${r.added.length} new, ${r.changed.length} changed, ${r.done.length} done, ${r.dropped.length} dropped${gone}`,
    );
    if (r.metrics.length > 0) {
      const measured = r.metrics.filter((m) => m.metric.current !== null).length;
      const met = r.metrics.filter((m) => m.progress !== null && m.progress >= 1).length;
      bits.push(`metrics: ${measured} of ${r.metrics.length} measured, ${met} on target`);
    }
  }
  if (c.recommendations.status === 'compared')
    bits.push(`verdicts: ${c.recommendations.verdictChanged.length} changed`);
  return bits.length > 0 ? `**At a glance:** ${bits.join('; ')}.` : '**At a glance:** nothing to compare yet.';
}

function context(
  x: Extract<QuarterComparison['context'], { status: 'compared' }>,
  label: Record<Side, string>,
): string {
  const parts: string[] = [];
  if (x.numbersChanged.length > 0) {
    parts.push(
      [
        `| Key number | ${label.earlier} | ${label.later} |`,
        '| --- | --- | --- |',
        ...x.numbersChanged.map((k) => `| ${mdCell(k.label)} | ${mdCell(k.from)} | ${mdCell(k.to)} |`),
      ].join('\n'),
    );
  } else parts.push('**Key numbers:** none changed.');
  parts.push(
    list([
      ['New key numbers', x.numbersAdded.map((k) => `${mdText(k.label)}: ${mdText(k.value)}`)],
      ['No longer reported', x.numbersRemoved.map((k) => `${mdText(k.label)} (was ${mdText(k.value)})`)],
      ['New goals of the CEO', x.goalsAdded.map(mdText)],
      ['Goals no longer stated', x.goalsDropped.map(mdText)],
      ['Goals kept', x.goalsKept.map(mdText)],
    ]),
  );
  return parts.join('\n\n');
}

function passed(c: QuarterComparison): string {
  if (c.passed.dates.length === 0) return `No review date or open deadline had passed by ${c.passed.asOf}.`;
  return [
    `By ${c.passed.asOf}, these dates have passed:`,
    '',
    ...c.passed.dates.map(
      (d) =>
        `- **${d.date}**, ${d.kind === 'risk review' ? 'risk review' : 'deadline'}: ${mdText(d.what)} (${mdText(d.id)})`,
    ),
  ].join('\n');
}

function notComparable(s: NotComparable, what: keyof typeof WHAT, label: Record<Side, string>): string {
  const where = s.missingIn.map((side) => `the ${label[side]} session`).join(' and ');
  return `Not comparable: ${where} ${s.missingIn.length > 1 ? 'have' : 'has'} ${WHAT[what]} yet (not drafted yet).`;
}

function list(groups: Array<[string, string[]]>): string {
  return groups.map(([title, items]) => `- **${title}:** ${items.length > 0 ? items.join('; ') : 'none'}`).join('\n');
}

const sev = (r: RiskRef) =>
  r.severity === null
    ? riskScoreText(r.likelihood, r.impact)
    : `${r.severity} (${riskScoreText(r.likelihood, r.impact)})`;
const MOVED: Readonly<Record<RiskMove['direction'], string>> = {
  up: '↑ worse',
  down: '↓ better',
  scored: 'scored now',
  unscored: 'score taken out',
};

function risks(r: Extract<QuarterComparison['risks'], { status: 'compared' }>, label: Record<Side, string>): string {
  const parts: string[] = [];
  if (r.moved.length > 0) {
    const rows = r.moved.map((m) => {
      const name = m.reworded ? `${mdCell(m.later.threat)} (was: ${mdCell(m.earlier.threat)})` : mdCell(m.later.threat);
      return `| ${name} | ${sev(m.earlier)} | ${sev(m.later)} | ${MOVED[m.direction]} |`;
    });
    parts.push(
      [
        '**Severity moved**',
        '',
        `| Risk | ${label.earlier} | ${label.later} | Moved |`,
        '| --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  } else {
    parts.push('**Severity moved:** none.');
  }
  parts.push(
    list([
      ['New', r.added.map((x) => `${mdText(x.threat)}: ${sev(x)}`)],
      ['Closed (no longer in the register)', r.closed.map((x) => `${mdText(x.threat)}: was ${sev(x)}`)],
    ]),
  );
  parts.push(`${plural(r.unchanged.length, 'risk')} kept ${r.unchanged.length === 1 ? 'its' : 'their'} severity.`);
  return parts.join('\n\n');
}

function show(field: FieldChange['field'], v: string | number | null): string {
  if (v === null) return gapText(FIELD_GAPS[field]);
  if (field === 'status' && typeof v === 'string' && v in ROADMAP_STATUS_LABELS)
    return ROADMAP_STATUS_LABELS[v as keyof typeof ROADMAP_STATUS_LABELS];
  if (field === 'effortWeeks') return typeof v === 'number' ? formatWeeks(v) : gapText('effort');
  if (field === 'horizon' && typeof v === 'string' && v in HORIZON_LABELS)
    return HORIZON_LABELS[v as keyof typeof HORIZON_LABELS];
  return mdCell(String(v));
}

const statusWord = (e: RoadmapRef) => ROADMAP_STATUS_LABELS[e.status].toLowerCase();
const entryLine = (e: RoadmapRef) =>
  `${mdText(e.title)} (${e.status === 'planned' ? '' : `${statusWord(e)}, `}${orGap(e.horizon, 'horizon', (h) => HORIZON_LABELS[h])}, ${e.effortWeeks === null ? `effort ${gapText('effort')}` : formatWeeks(e.effortWeeks)}, owner: ${e.owner ? mdText(e.owner) : gapText('owner')})`;
const changeText = (f: FieldChange) => `${FIELD_LABELS[f.field]}: ${show(f.field, f.from)} → ${show(f.field, f.to)}`;

/** "Cloud cost right-sizing sprint (was planned; Cloud spend $2.1M/yr → $1.75M/yr, target $1.7M/yr; also Deadline: …)". */
function closedLine(ch: RoadmapChange): string {
  const m = ch.later.metric;
  const bits = [
    `was ${statusWord(ch.earlier)}`,
    m
      ? `${mdText(m.name)} ${m.baseline ? mdText(m.baseline) : gapText('baseline')} → ${m.current ? mdText(m.current) : gapText('measured')}, target ${mdText(m.target)}`
      : null,
    ch.changes.length > 0 ? `also ${ch.changes.map(changeText).join(', ')}` : null,
  ].filter((b) => b !== null);
  return `${mdText(ch.later.title)} (${bits.join('; ')})`;
}

function share(p: number): string {
  if (p >= 1) return 'target met';
  if (p < 0) return 'moved away from the target';
  if (p === 0) return 'no movement yet';
  return `${Math.round(p * 100)}% of the way`;
}

function progressText(m: MetricReading): string {
  if (m.metric.current === null) return gapText('measured');
  if (m.progress === null)
    return m.metric.baseline === null ? 'no baseline to measure from' : 'not comparable as numbers';
  const was =
    m.earlierProgress !== null && m.earlierProgress !== m.progress
      ? ` (was ${share(m.earlierProgress).replace(' of the way', '')})`
      : '';
  return `${share(m.progress)}${was}`;
}

/** Baseline → previous reading → latest → target, each as written, so the numbers speak for themselves. */
function metricsTable(metrics: readonly MetricReading[], label: Record<Side, string>): string {
  if (metrics.length === 0) return '**Metrics against targets:** no entry has a success metric yet.';
  const rows = metrics.map((m) => {
    const now = m.metric.current !== null ? mdCell(m.metric.current) : gapText('measured');
    const previous = m.earlierCurrent !== null ? mdCell(m.earlierCurrent) : '—';
    return `| ${mdCell(m.entry.title)} | ${statusWord(m.entry)} | ${mdCell(m.metric.name)} | ${mdCell(m.metric.baseline, gapText('baseline'))} | ${previous} | ${now} | ${mdCell(m.metric.target)} | ${progressText(m)} |`;
  });
  return [
    '**Metrics against targets**',
    '',
    `| Entry | Status | Metric | Baseline | ${label.earlier} | ${label.later} (latest) | Target | Progress |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function roadmap(
  r: Extract<QuarterComparison['roadmap'], { status: 'compared' }>,
  label: Record<Side, string>,
): string {
  const parts = [
    list([
      ['New', r.added.map(entryLine)],
      ['Done', r.done.map(closedLine)],
      ['Dropped', r.dropped.map(closedLine)],
    ]),
  ];
  if (r.changed.length > 0) {
    const rows = r.changed.map((ch) => `| ${mdCell(ch.later.title)} | ${ch.changes.map(changeText).join('<br>')} |`);
    parts.push(['**Changed**', '', '| Entry | What changed |', '| --- | --- |', ...rows].join('\n'));
  } else {
    parts.push('**Changed:** none.');
  }
  const vanished = r.removed.filter((e) => e.status === 'planned' || e.status === 'in_progress');
  const closedBefore = r.removed.filter((e) => e.status === 'done' || e.status === 'dropped');
  if (vanished.length > 0) {
    parts.push(
      list([
        [
          `No longer on the roadmap, without a status (done or abandoned: the ${label.later} roadmap does not say which)`,
          vanished.map(entryLine),
        ],
      ]),
    );
  }
  if (closedBefore.length > 0) {
    parts.push(
      list([
        [
          `Closed in ${label.earlier} and no longer listed`,
          closedBefore.map((e) => `${mdText(e.title)} (${statusWord(e)})`),
        ],
      ]),
    );
  }
  parts.push(metricsTable(r.metrics, label));
  parts.push(`${plural(r.unchanged.length, 'entry', 'entries')} unchanged.`);
  return parts.join('\n\n');
}

const verdictOf = (r: RecommendationRef) =>
  `${orGap(r.verdict, 'verdict', (v) => VERDICT_LABELS[v])} (${orGap(r.confidence, 'confidence')}${r.openObjections > 0 ? `; ${plural(r.openObjections, 'objection')} open` : ''})`;

function recommendations(
  r: Extract<QuarterComparison['recommendations'], { status: 'compared' }>,
  label: Record<Side, string>,
): string {
  const parts: string[] = [];
  if (r.verdictChanged.length > 0) {
    const rows = r.verdictChanged.map(
      (v) => `| ${mdCell(v.later.claim, gapText('claim'))} | ${verdictOf(v.earlier)} | ${verdictOf(v.later)} |`,
    );
    parts.push(
      [
        '**Verdict changed**',
        '',
        `| Recommendation | ${label.earlier} | ${label.later} |`,
        '| --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  } else {
    parts.push('**Verdict changed:** none.');
  }
  parts.push(
    list([
      [
        'New',
        r.added.map(
          (x) => `${mdCell(x.claim, gapText('claim'))} (${orGap(x.verdict, 'verdict', (v) => VERDICT_LABELS[v])})`,
        ),
      ],
      [
        'Withdrawn',
        r.withdrawn.map(
          (x) => `${mdCell(x.claim, gapText('claim'))} (was ${orGap(x.verdict, 'verdict', (v) => VERDICT_LABELS[v])})`,
        ),
      ],
    ]),
  );
  parts.push(
    `${plural(r.unchanged.length, 'recommendation')} kept ${r.unchanged.length === 1 ? 'its' : 'their'} verdict.`,
  );
  return parts.join('\n\n');
}
