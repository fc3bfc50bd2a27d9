/**
 * Pictures of the artifacts as SVG strings, shared by the page and the HTML export.
 * Plain string building only (no Node, no DOM), so the browser can import this module as it is.
 * Output is deterministic: the same artifact gives the same bytes. All text is XML-escaped.
 */
import { SEVERITY_BANDS, severityOf, type Severity } from '../domain/severity.js';
import { HORIZONS, HORIZON_LABELS, type Horizon } from '../domain/horizons.js';
import type { RisksArtifact, Risk } from '../domain/artifacts/risks.js';
import type { RoadmapArtifact, RoadmapEntry } from '../domain/artifacts/roadmap.js';
import { ROADMAP_STATUS_LABELS, isClosed } from '../domain/roadmapMeasures.js';
import type { Quarter } from '../domain/steps.js';
import { horizonSpan } from './calendar.js';
import { GAPS, orGap } from '../domain/gaps.js';
import { capitalize } from '../domain/prose.js';

/** Fill and text colour of each band, chosen to stay readable when printed. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, { fill: string; text: string }>> = {
  Critical: { fill: '#c62828', text: '#ffffff' },
  High: { fill: '#ef8a3c', text: '#1a1a1a' },
  Medium: { fill: '#f4d35e', text: '#1a1a1a' },
  Low: { fill: '#a5d6a7', text: '#1a1a1a' },
};

export const HORIZON_COLOURS: Readonly<Record<Horizon, { fill: string; text: string }>> = {
  '0-6': { fill: '#1f5f8b', text: '#ffffff' },
  '6-18': { fill: '#3d8fb0', text: '#ffffff' },
  '18-36': { fill: '#9cc9d8', text: '#1a1a1a' },
};
/** An entry nobody placed in time: its own lane, drawn as a gap rather than put in the nearest one. */
const NO_HORIZON_COLOURS = { fill: '#8a94a0', text: '#ffffff' } as const;

/** A done or dropped entry's bar: greyed out, whatever its horizon, so what is still ahead stands out. */
export const CLOSED_COLOURS = { fill: '#cfd4da', text: '#1a1a1a', title: '#6b7380' } as const;

/** Each band with its score range on the 5×5 matrix, from SEVERITY_BANDS: Critical 15–25, High 10–14, … */
export function severityBandRanges(): Array<{ severity: Severity; min: number; max: number; meaning: string }> {
  let max = 25;
  return SEVERITY_BANDS.map((b) => {
    const range = { severity: b.severity, min: b.minScore, max, meaning: b.meaning };
    max = b.minScore - 1;
    return range;
  });
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Coordinates with at most one decimal, so output does not depend on float noise. */
const n = (x: number) => String(Math.round(x * 10) / 10);

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

// ---------- risk heat map ----------

const CELL_W = 88;
const CELL_H = 64;
const GRID_X = 80;
const GRID_Y = 40;
const MAX_IDS_IN_CELL = 3;

/** 5×5 grid, likelihood left→right, impact bottom→top, each cell coloured by its severity band. */
export function riskHeatMapSvg(risks: RisksArtifact): string {
  const width = GRID_X + 5 * CELL_W + 20;
  const gridBottom = GRID_Y + 5 * CELL_H;
  const height = gridBottom + 86 + (risks.risks.some((r) => r.likelihood === null || r.impact === null) ? 14 : 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="risk-heat-map" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT}>`,
    `<title>Risk heat map: ${risks.risks.length} ${risks.risks.length === 1 ? 'risk' : 'risks'} by likelihood and impact</title>`,
    `<text x="${GRID_X}" y="24" font-size="14" font-weight="bold" fill="#1a1a1a">Risk heat map (likelihood × impact)</text>`,
  );

  for (let impact = 5; impact >= 1; impact--) {
    for (let likelihood = 1; likelihood <= 5; likelihood++) {
      out.push(
        heatCell(
          likelihood,
          impact,
          risks.risks.filter((r) => r.likelihood === likelihood && r.impact === impact),
        ),
      );
    }
  }

  for (let i = 1; i <= 5; i++) {
    const y = GRID_Y + (5 - i) * CELL_H + CELL_H / 2 + 4;
    out.push(`<text x="${GRID_X - 10}" y="${n(y)}" font-size="12" text-anchor="end" fill="#1a1a1a">${i}</text>`);
    const x = GRID_X + (i - 1) * CELL_W + CELL_W / 2;
    out.push(`<text x="${n(x)}" y="${gridBottom + 18}" font-size="12" text-anchor="middle" fill="#1a1a1a">${i}</text>`);
  }
  const midY = GRID_Y + (5 * CELL_H) / 2;
  out.push(
    `<text x="28" y="${n(midY)}" font-size="13" text-anchor="middle" fill="#1a1a1a" transform="rotate(-90 28 ${n(midY)})">Impact (1–5)</text>`,
    `<text x="${n(GRID_X + (5 * CELL_W) / 2)}" y="${gridBottom + 38}" font-size="13" text-anchor="middle" fill="#1a1a1a">Likelihood (1–5)</text>`,
  );

  const unscored = risks.risks.filter((r) => r.likelihood === null || r.impact === null);
  if (unscored.length > 0) {
    // Not placed on the grid: a cell would be a score nobody gave.
    const ids = unscored.map((r) => r.id).join(', ');
    out.push(
      `<text class="unscored" x="${GRID_X}" y="${height - 4}" font-size="11" fill="#1a1a1a">${escapeXml(truncate(`${capitalize(GAPS.score)}, so not on the grid: ${ids}`, 80))}</text>`,
    );
  }
  const legendY = gridBottom + 58;
  severityBandRanges().forEach((band, i) => {
    const x = GRID_X + i * 110;
    out.push(
      `<g class="legend" data-severity="${band.severity}"><title>${escapeXml(`${band.severity}: score ${band.min}–${band.max}, ${band.meaning}`)}</title>`,
      `<rect x="${x}" y="${legendY}" width="14" height="14" fill="${SEVERITY_COLOURS[band.severity].fill}" stroke="#555" stroke-width="0.5"/>`,
      `<text x="${x + 20}" y="${legendY + 11}" font-size="11" fill="#1a1a1a">${band.severity} ${band.min}–${band.max}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

function heatCell(likelihood: number, impact: number, here: readonly Risk[]): string {
  const severity = severityOf(likelihood, impact);
  const colour = SEVERITY_COLOURS[severity];
  const x = GRID_X + (likelihood - 1) * CELL_W;
  const y = GRID_Y + (5 - impact) * CELL_H;
  const score = likelihood * impact;
  const band = SEVERITY_BANDS.find((b) => b.severity === severity);
  const tooltip = [
    `Likelihood ${likelihood} × impact ${impact} = ${score}: ${severity}${band ? ` (${band.meaning})` : ''}`,
    ...(here.length === 0 ? ['No risks here.'] : here.map((r) => `${r.id}: ${truncate(r.threat, 160)}`)),
  ].join('\n');

  const parts = [
    `<g class="cell" data-likelihood="${likelihood}" data-impact="${impact}" data-score="${score}" data-severity="${severity}" data-count="${here.length}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" fill="${colour.fill}" stroke="#ffffff" stroke-width="2"/>`,
    `<text x="${x + 5}" y="${y + 12}" font-size="9" fill="${colour.text}" opacity="0.75">${score}</text>`,
  ];
  const shown = here.length > MAX_IDS_IN_CELL ? here.slice(0, MAX_IDS_IN_CELL - 1) : here;
  const labels = shown.map((r) => truncate(r.id, 10));
  if (here.length > shown.length) labels.push(`+${here.length - shown.length} more`);
  const lineHeight = 14;
  const firstY = y + CELL_H / 2 - ((labels.length - 1) * lineHeight) / 2 + 4;
  labels.forEach((label, i) => {
    parts.push(
      `<text class="risk-id" x="${n(x + CELL_W / 2)}" y="${n(firstY + i * lineHeight)}" font-size="12" font-weight="bold" text-anchor="middle" fill="${colour.text}">${escapeXml(label)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

// ---------- roadmap timeline ----------

const TL_WIDTH = 760;
const LABEL_W = 250;
const BAR_X = 260;
const BAR_MAX_W = 440;
const GROUP_H = 26;
const ROW_H = 24;

function weeksScale(maxWeeks: number): { max: number; step: number } {
  const step = maxWeeks <= 16 ? 2 : maxWeeks <= 32 ? 4 : maxWeeks <= 64 ? 8 : maxWeeks <= 130 ? 13 : 26;
  return { max: Math.max(step, Math.ceil(maxWeeks / step) * step), step };
}

/**
 * Entries as bars grouped by horizon (0–6, 6–18, 18–36 months), bar length by effort in weeks.
 * Given the session's quarter, each horizon is dated ("Apr 2027 – Sep 2027", counted from the
 * quarter's first month) and each bar names its deadline, so a printed timeline says when.
 */
export function roadmapTimelineSvg(roadmap: RoadmapArtifact, dating: { quarter?: Quarter } = {}): string {
  const scale = weeksScale(Math.max(1, ...roadmap.entries.map((e) => e.effortWeeks ?? 0)));
  const px = BAR_MAX_W / scale.max;
  const body: string[] = [];
  let y = 40;

  const lanes: Array<Horizon | null> = [
    ...HORIZONS,
    ...(roadmap.entries.some((e) => e.horizon === null) ? [null] : []),
  ];
  for (const horizon of lanes) {
    const entries = roadmap.entries.filter((e) => e.horizon === horizon);
    const open = entries.filter((e) => !isClosed(e));
    const total = open.reduce((sum, e) => sum + (e.effortWeeks ?? 0), 0);
    const unestimated = open.filter((e) => e.effortWeeks === null).length;
    const weeks = `${n(total)} weeks of effort${unestimated === 0 ? '' : ` (${unestimated} not estimated)`}`;
    const closed = (['done', 'dropped'] as const)
      .map((status) => ({ status, count: entries.filter((e) => e.status === status).length }))
      .filter((c) => c.count > 0)
      .map((c) => `${c.count} ${c.status}`);
    const summary =
      entries.length === 0
        ? 'no entries'
        : closed.length === 0
          ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, ${weeks}`
          : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} (${closed.join(', ')}), ${weeks} still ahead`;
    body.push(
      `<g class="horizon" data-horizon="${horizon ?? ''}" data-count="${entries.length}">`,
      `<rect x="0" y="${y}" width="${TL_WIDTH}" height="${GROUP_H - 4}" fill="#eef2f5"/>`,
      `<text x="8" y="${y + 16}" font-size="13" font-weight="bold" fill="#1a1a1a">${escapeXml(horizon === null ? capitalize(GAPS.horizon) : HORIZON_LABELS[horizon])}${dating.quarter && horizon !== null ? `<tspan font-weight="normal" font-size="11" fill="#444444"> · ${escapeXml(horizonSpan(dating.quarter, horizon))}</tspan>` : ''}</text>`,
      `<text x="${BAR_X}" y="${y + 16}" font-size="11" fill="#444444">${escapeXml(summary)}</text>`,
    );
    y += GROUP_H;
    for (const entry of entries) {
      body.push(timelineBar(entry, y, px));
      y += ROW_H;
    }
    body.push('</g>');
    y += 6;
  }

  const axisY = y + 4;
  const axis = [
    `<line x1="${BAR_X}" y1="${axisY}" x2="${n(BAR_X + scale.max * px)}" y2="${axisY}" stroke="#555555" stroke-width="1"/>`,
  ];
  for (let w = 0; w <= scale.max; w += scale.step) {
    const x = n(BAR_X + w * px);
    axis.push(
      `<line x1="${x}" y1="${axisY}" x2="${x}" y2="${axisY + 4}" stroke="#555555" stroke-width="1"/>`,
      `<text x="${x}" y="${axisY + 16}" font-size="10" text-anchor="middle" fill="#444444">${w}</text>`,
    );
  }
  axis.push(
    `<text x="${n(BAR_X + (scale.max * px) / 2)}" y="${axisY + 32}" font-size="11" text-anchor="middle" fill="#1a1a1a">Effort (weeks)</text>`,
  );
  const height = axisY + 44;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-timeline" role="img" viewBox="0 0 ${TL_WIDTH} ${height}" width="${TL_WIDTH}" height="${height}" ${FONT}>`,
    `<title>Roadmap: ${roadmap.entries.length} ${roadmap.entries.length === 1 ? 'entry' : 'entries'} by horizon, bar length = effort in weeks; done and dropped entries greyed out</title>`,
    `<text x="8" y="24" font-size="14" font-weight="bold" fill="#1a1a1a">Roadmap by horizon (bar = effort in weeks)</text>`,
    ...body,
    ...axis,
    '</svg>',
  ].join('\n');
}

function timelineBar(entry: RoadmapEntry, y: number, px: number): string {
  // Not estimated: no bar pretends to a length; a dashed stub and the words say so.
  const weeks = entry.effortWeeks;
  const estimated = weeks !== null;
  const width = weeks !== null ? Math.max(2, weeks * px) : 12;
  const closed = isClosed(entry);
  const colours = closed
    ? CLOSED_COLOURS
    : { ...(entry.horizon === null ? NO_HORIZON_COLOURS : HORIZON_COLOURS[entry.horizon]), title: '#1a1a1a' };
  const metric = entry.metric
    ? `${entry.metric.name}: ${entry.metric.baseline ?? GAPS.baseline} → ${entry.metric.target}${entry.metric.current !== null ? ` (now ${entry.metric.current})` : ''}`
    : GAPS.metric;
  const tooltip = [
    entry.status === 'planned' ? entry.title : `${entry.title} (${ROADMAP_STATUS_LABELS[entry.status].toLowerCase()})`,
    `${orGap(entry.horizon, 'horizon', (h) => HORIZON_LABELS[h])}, ${weeks !== null ? `${n(weeks)} weeks of effort` : `effort ${GAPS.effort}`}`,
    `Owner: ${orGap(entry.owner, 'owner')}; deadline: ${orGap(entry.deadline, 'deadline')}`,
    metric,
  ].join('\n');
  // Most telling first, since a long label is shortened from its end: effort, deadline, status, owner.
  const label = `${weeks !== null ? `${n(weeks)} w` : `effort ${GAPS.effort}`}${entry.deadline ? ` · due ${truncate(entry.deadline, 12)}` : ''}${entry.status === 'planned' ? '' : ` · ${ROADMAP_STATUS_LABELS[entry.status].toLowerCase()}`}${entry.owner ? ` · ${truncate(entry.owner, 28)}` : ''}`;
  const barEnd = BAR_X + width;
  // About 6 px a character at 11 px: outside the bar when it fits there, else inside a bar long
  // enough to hold it, else outside, shortened to the room left.
  const roomOutside = Math.floor((TL_WIDTH - barEnd - 8) / 6);
  const inside = label.length > roomOutside && label.length * 6 <= width - 12;
  const labelSvg = inside
    ? `<text x="${n(barEnd - 6)}" y="${y + 15}" font-size="11" text-anchor="end" fill="${colours.text}">${escapeXml(label)}</text>`
    : `<text x="${n(barEnd + 6)}" y="${y + 15}" font-size="11" fill="${closed ? CLOSED_COLOURS.title : '#1a1a1a'}">${escapeXml(truncate(label, Math.max(4, roomOutside)))}</text>`;
  const strike = entry.status === 'dropped' ? ' text-decoration="line-through"' : '';
  return [
    `<g class="entry" data-entry-id="${escapeXml(entry.id)}" data-horizon="${entry.horizon ?? ''}" data-status="${entry.status}" data-effort-weeks="${weeks !== null ? n(weeks) : ''}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<text x="8" y="${y + 15}" font-size="12" fill="${colours.title}"${strike}>${escapeXml(truncate(entry.title, Math.floor(LABEL_W / 7)))}</text>`,
    estimated
      ? `<rect x="${BAR_X}" y="${y + 3}" width="${n(width)}" height="${ROW_H - 6}" rx="3" fill="${colours.fill}"/>`
      : `<rect x="${BAR_X}" y="${y + 3}" width="${n(width)}" height="${ROW_H - 6}" rx="3" fill="none" stroke="${colours.fill}" stroke-dasharray="3 2"/>`,
    labelSvg,
    '</g>',
  ].join('');
}
