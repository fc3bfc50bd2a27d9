/**
 * The memo's second half: impact forecast, top risks, roadmap with its money, and the open
 * assumptions and evidence gaps. Severity and enterprise value are derived here, never read.
 */
import {
  HORIZONS,
  HORIZON_LABELS,
  IMPACT_SCOPES,
  ROADMAP_STATUS_LABELS,
  capitalize,
  enterpriseValueEffect,
  formatMoney,
  amountsNote,
  factSummaryLines,
  gapText,
  paybackLine,
  roadmapFacts,
  orGap,
  riskScoreText,
  isClosed,
  rankRisks,
  roadmapGaps,
  scopesMissing,
  type ContextArtifact,
  type DialogueArtifact,
  type Forecast,
  type ImpactArtifact,
  type RisksArtifact,
  type RoadmapArtifact,
  type RoadmapEntry,
  type SoundingBoardArtifact,
} from '../domain/index.js';
import { formatMultiple, formatWeeks, mdCell, mdText } from './format.js';
import { severityBandRanges } from './svg.js';

/** How many risks the memo lists; the CSV register has all of them. */
export const MEMO_TOP_RISKS = 5;

const DIRECTION: Readonly<Record<NonNullable<Forecast['direction']>, string>> = {
  up: '↑ up',
  down: '↓ down',
  mixed: '↕ mixed',
};

export function impactSection(impact: ImpactArtifact): string {
  const rows = IMPACT_SCOPES.flatMap((scope) => impact.forecasts.filter((f) => f.scope === scope)).map(
    (f) =>
      `| ${capitalize(f.scope)} | ${mdCell(f.change)} | ${orGap(f.direction, 'direction', (d) => DIRECTION[d])} | ${orGap(f.magnitude, 'magnitude')} | ${orGap(f.horizon, 'horizon', (h) => HORIZON_LABELS[h])} | ${orGap(f.confidence, 'confidence')} | ${mdCell(f.signpost, gapText('signpost'))} |`,
  );
  const parts = [
    [
      '| Scope | What changes | Direction | Magnitude | Horizon | Confidence | Signpost to watch |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  ];
  const missing = scopesMissing(impact);
  if (missing.length > 0) parts.push(`No forecast yet for: ${missing.join(', ')}.`);
  return parts.join('\n\n');
}

/** The bands of the 5×5 matrix, said once in the memo. */
export function severityBandsLine(): string {
  const bands = severityBandRanges().map((b) => `**${b.severity}** ${b.min}–${b.max} (${b.meaning})`);
  return `Severity bands (score = likelihood × impact, each 1–5): ${bands.join(' · ')}.`;
}

export function risksSection(risks: RisksArtifact): string {
  const ranked = rankRisks(risks);
  const counts = severityBandRanges()
    .map((b) => ({ severity: b.severity, n: ranked.filter((r) => r.severity === b.severity).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${c.severity}`);
  const unscored = ranked.filter((r) => r.severity === null).length;
  if (unscored > 0) counts.push(`${unscored} ${gapText('score')}`);
  const top = ranked.slice(0, MEMO_TOP_RISKS);
  // The risk's id, not its rank: the heat map, the roadmap ("answers r1") and the CSV name risks by id.
  const rows = top.map(
    (r) =>
      `| ${mdCell(r.id)} | ${mdCell(r.threat)} | ${orGap(r.severity, 'severity')} | ${riskScoreText(r.likelihood, r.impact)} | ${mdCell(r.mitigation, gapText('mitigation'))} | ${mdCell(r.owner, gapText('owner'))} | ${mdCell(r.trigger, gapText('trigger'))} | ${orGap(r.reviewDate, 'reviewDate')} |`,
  );
  const parts = [
    severityBandsLine(),
    `${ranked.length} ${ranked.length === 1 ? 'risk' : 'risks'} in the register: ${counts.join(', ')}. Ranked by score, then impact.`,
    [
      '| ID | Risk | Severity | Likelihood × impact | Mitigation | Owner | Early warning | Review by |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  ];
  if (ranked.length > top.length) parts.push(`${ranked.length - top.length} more in the full risk register (CSV).`);
  return parts.join('\n\n');
}

function metricCell(e: RoadmapEntry): string {
  if (!e.metric) return gapText('metric');
  const now = e.metric.current !== null ? ` (now ${mdCell(e.metric.current)})` : '';
  return `${mdCell(e.metric.name)}: ${mdCell(e.metric.baseline, gapText('baseline'))} → ${mdCell(e.metric.target)}${now}`;
}

function evCell(e: RoadmapEntry, currency: string | null): string {
  const ev = enterpriseValueEffect(e.financial);
  if (ev === null) return e.financial.annualEbitdaEffect === null ? gapText('amount') : gapText('multiple');
  return `${formatMoney(ev, currency)} (${formatMoney(e.financial.annualEbitdaEffect!, currency)} × ${formatMultiple(e.financial.evMultiple!)})`;
}

/**
 * The numbers computed from the roadmap against the context's budget and capacity: the same words the
 * page and the critic read, each gap named (src/domain/facts.ts), amounts in the client's currency.
 */
function numbersBlock(
  roadmap: RoadmapArtifact,
  constraints: ContextArtifact['constraints'] | null,
  currency: string | null,
): string {
  const facts = roadmapFacts(roadmap.entries, constraints);
  if (facts.entries.length === 0) return '**The numbers:** no open entries, so nothing to add up.';
  const title = (id: string) => roadmap.entries.find((e) => e.id === id)?.title ?? id;
  const lines = [...factSummaryLines(facts, currency, title), paybackLine(facts, title)];
  return ['**The numbers**', '', ...lines.map((l) => `- ${mdText(l)}`)].join('\n');
}

/** The roadmap in the client's currency (`null`: not set; amounts are then plain numbers, and the totals say so). */
export function roadmapSection(
  roadmap: RoadmapArtifact,
  constraints: ContextArtifact['constraints'] | null,
  currency: string | null,
): string {
  const money = (n: number | null) => orGap(n, 'amount', (v) => formatMoney(v, currency));
  const entries = [...HORIZONS, null].flatMap((h) => roadmap.entries.filter((e) => e.horizon === h));
  const rows = entries.map(
    (e) =>
      `| ${mdCell(e.title)} | ${ROADMAP_STATUS_LABELS[e.status]} | ${orGap(e.horizon, 'horizon', (h) => HORIZON_LABELS[h])} | ${orGap(e.effortWeeks, 'effort', formatWeeks)} | ${mdCell(e.owner, gapText('owner'))} | ${mdCell(e.deadline, gapText('deadline'))} | ${metricCell(e)} | ${money(e.financial.oneOffCost)} | ${money(e.financial.annualEbitdaEffect)} | ${evCell(e, currency)} |`,
  );
  const parts = [
    [
      '| Entry | Status | Horizon | Effort | Owner | Deadline | Success metric (baseline → target) | One-off cost | EBITDA effect / year | EV effect |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
    totalsLine(entries, currency),
  ];
  const multiples = multiplesLine(entries);
  if (multiples) parts.push(multiples);
  parts.push(numbersBlock(roadmap, constraints, currency));
  const assumptions = entries.filter((e) => e.financial.assumption || e.financial.capexOpex);
  if (assumptions.length > 0) {
    parts.push(
      [
        '**Financial assumptions**',
        '',
        ...assumptions.map((e) => {
          const bits = [
            e.financial.assumption ? mdText(e.financial.assumption) : null,
            e.financial.capexOpex ? `CapEx/OpEx: ${mdText(e.financial.capexOpex)}` : null,
          ];
          return `- *${mdText(e.title)}:* ${bits.filter((b) => b !== null).join('. ')}`;
        }),
      ].join('\n'),
    );
  }
  const adrs = entries.filter((e) => e.adr !== null);
  if (adrs.length > 0) {
    parts.push(
      [
        '**Architecture decisions**',
        '',
        ...adrs.map((e) => {
          const alternatives =
            e.adr!.alternatives.length > 0
              ? ` Alternatives considered: ${e.adr!.alternatives.map(mdText).join('; ')}.`
              : '';
          return `- *${mdText(e.title)}:* ${mdText(e.adr!.decision)}${alternatives} Consequences: ${mdCell(e.adr!.consequences, gapText('consequences'))}`;
        }),
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** Totals of what is still ahead: done and dropped entries are said, not summed. */
function totalsLine(all: readonly RoadmapEntry[], currency: string | null): string {
  const entries = all.filter((e) => !isClosed(e));
  const closed = all.length - entries.length;
  const left = closed === 0 ? '' : ` Not counted: ${closed} ${closed === 1 ? 'entry' : 'entries'} done or dropped.`;
  if (entries.length === 0) return 'Totals: nothing left ahead; every entry is done or dropped.';
  const sum = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null).reduce((a, b) => a + b, 0);
  const efforts = entries.map((e) => e.effortWeeks);
  const unestimated = efforts.filter((w) => w === null).length;
  const effort =
    unestimated === efforts.length
      ? 'effort not estimated yet'
      : `${formatWeeks(sum(efforts))} of effort${unestimated === 0 ? '' : ` (${unestimated} of ${efforts.length} not estimated)`}`;
  const costs = entries.map((e) => e.financial.oneOffCost);
  const ebitda = entries.map((e) => e.financial.annualEbitdaEffect);
  const ev = entries.map((e) => enterpriseValueEffect(e.financial));
  const total = (xs: Array<number | null>, unit = '') => {
    const missing = xs.filter((x) => x === null).length;
    if (missing === xs.length) return 'no estimate yet';
    return `${formatMoney(sum(xs), currency)}${unit}${missing === 0 ? '' : ` (${missing} of ${xs.length} without an estimate)`}`;
  };
  return (
    `Totals: ${effort}; one-off cost ${total(costs)}; ` +
    `EBITDA effect ${total(ebitda, ' a year')}; EV effect ${total(ev)}. ` +
    `${amountsNote(currency)}${left}`
  );
}

/** The EBITDA multiples, stated as the assumptions they are. */
function multiplesLine(entries: readonly RoadmapEntry[]): string | null {
  const byMultiple = new Map<number, string[]>();
  for (const e of entries) {
    if (enterpriseValueEffect(e.financial) === null) continue;
    const m = e.financial.evMultiple!;
    byMultiple.set(m, [...(byMultiple.get(m) ?? []), e.title]);
  }
  if (byMultiple.size === 0) return null;
  const statements = [...byMultiple.entries()]
    .sort(([a], [b]) => a - b)
    .map(([m, titles]) => `${formatMultiple(m)} for ${titles.map(mdText).join('; ')}`);
  return `EV effect = annual EBITDA effect × an EBITDA multiple. **Assumption:** the multiple is ${statements.join(', and ')}; it is an assumption to challenge, not a valuation.`;
}

export interface GapsInputs {
  readonly dialogue: DialogueArtifact | undefined;
  readonly board: SoundingBoardArtifact | undefined;
  readonly context: ContextArtifact | undefined;
  readonly roadmap: RoadmapArtifact | undefined;
  /** Which of these steps belong to the session at all (a quick check has only the sounding board). */
  readonly inMode: (step: 'dialogue' | 'sounding_board' | 'context' | 'roadmap') => boolean;
  readonly trendName: (id: string) => string | null;
}

/** What is still assumed rather than known: open assumptions, missing evidence, unknowns, incomplete entries. */
export function gapsSection(g: GapsInputs): string {
  const blocks: string[] = [];
  const block = (title: string, items: string[], none: string) =>
    blocks.push([`**${title}**`, '', ...(items.length > 0 ? items.map((i) => `- ${i}`) : [none])].join('\n'));

  if (g.inMode('dialogue')) {
    const open = g.dialogue?.assumptions.filter((a) => a.status === 'stated' || a.status === 'challenged') ?? [];
    block(
      'Assumptions not yet settled',
      open.map((a) => {
        const trend = g.trendName(a.trendId);
        return `${trend ? `*${mdText(trend)}:* ` : ''}${mdText(a.text)} (${a.status}${a.note ? `: ${mdText(a.note)}` : ''})`;
      }),
      g.dialogue
        ? 'None: every assumption on the ledger is supported or refuted.'
        : 'Not drafted yet: the dialogue has no assumption ledger.',
    );
  }
  if (g.inMode('sounding_board')) {
    const gaps =
      g.board?.recommendations.flatMap((r) =>
        r.evidenceGaps.map((e) => `${mdText(e)} (for: ${mdCell(r.claim, gapText('claim'))})`),
      ) ?? [];
    block(
      'Evidence still missing',
      gaps,
      g.board ? 'None recorded.' : 'Not drafted yet: no recommendation has been pressure-tested.',
    );
  }
  if (g.inMode('context') && g.context && g.context.gaps.length > 0) {
    block('Still unknown about the company', g.context.gaps.map(mdText), 'None recorded.');
  }
  if (g.inMode('roadmap') && g.roadmap) {
    const incomplete = g.roadmap.entries
      .map((e) => ({ e, missing: roadmapGaps(e) }))
      .filter(({ missing }) => missing.length > 0)
      .map(({ e, missing }) => `${mdText(e.title)}: no ${missing.join(', no ')}`);
    block(
      'Roadmap entries not yet startable on Monday',
      incomplete,
      'None: every entry has an owner, a deadline, a metric with a baseline and a financial framing.',
    );
  }
  return blocks.length > 0 ? blocks.join('\n\n') : 'None recorded.';
}
