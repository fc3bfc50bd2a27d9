/**
 * RFC 4180 CSV of the roadmap and the risk register, for the client's spreadsheet.
 * Fields with a comma, quote or line break are quoted; text cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) get a leading apostrophe. Numbers are written as numbers.
 * Records end with CRLF. Each file starts with a UTF-8 byte-order mark: without it Excel reads the
 * file in the machine's legacy code page and garbles "×", "—" and every accented name.
 */
import {
  ROADMAP_STATUS_LABELS,
  enterpriseValueEffect,
  gapText,
  moneyUnit,
  riskScoreText,
  rankRisks,
  roadmapGaps,
  type ArtifactSet,
  type GapField,
} from '../domain/index.js';
import type { ExportInput } from './types.js';

export type CsvCell = string | number | null;

/** The byte-order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text neutralised against formula injection, then quoted when RFC 4180 requires it. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function trendNames(artifacts: ArtifactSet) {
  return (id: string | null) => (id === null ? null : (artifacts.trends?.trends.find((t) => t.id === id)?.name ?? id));
}

/** The roadmap CSV's columns; the money columns name the client's currency (values stay plain numbers). */
export function roadmapCsvHeader(currency: string | null): string[] {
  const unit = ` (${moneyUnit(currency)})`;
  return ROADMAP_CSV_COLUMNS.map((c) => (MONEY_COLUMNS.has(c) ? `${c}${unit}` : c));
}

const MONEY_COLUMNS: ReadonlySet<string> = new Set([
  'One-off cost',
  'Annual EBITDA effect',
  'EV effect (EBITDA × multiple)',
]);

const ROADMAP_CSV_COLUMNS = [
  'ID',
  'Title',
  'Status',
  'Horizon (months)',
  'Effort (weeks)',
  'Owner',
  'Deadline',
  'Success metric',
  'Baseline',
  'Current',
  'Target',
  'One-off cost',
  'Annual EBITDA effect',
  'EBITDA multiple (assumed)',
  'EV effect (EBITDA × multiple)',
  'CapEx/OpEx',
  'Financial assumption',
  'Trends',
  'Risks',
  'Rationale',
  'Missing before start',
] as const;

/**
 * A cell for a value nobody gave: the gap in words, as the memo and the page say it, so a spreadsheet
 * shows "not scored" rather than an empty cell that reads as zero.
 */
const orGapCell = (value: string | number | null, field: GapField): CsvCell => value ?? gapText(field);

/** One row per roadmap entry, in the roadmap's order, with where it stands and the metric's latest value; a header only when there is no roadmap yet. */
export function roadmapCsv(input: ExportInput): string {
  const trend = trendNames(input.artifacts);
  const rows = (input.artifacts.roadmap?.entries ?? []).map((e): CsvCell[] => [
    e.id,
    e.title,
    ROADMAP_STATUS_LABELS[e.status],
    orGapCell(e.horizon, 'horizon'),
    orGapCell(e.effortWeeks, 'effort'),
    orGapCell(e.owner, 'owner'),
    orGapCell(e.deadline, 'deadline'),
    e.metric?.name ?? gapText('metric'),
    e.metric ? orGapCell(e.metric.baseline, 'baseline') : null,
    e.metric ? orGapCell(e.metric.current, 'measured') : null,
    e.metric?.target ?? null,
    orGapCell(e.financial.oneOffCost, 'amount'),
    orGapCell(e.financial.annualEbitdaEffect, 'amount'),
    orGapCell(e.financial.evMultiple, 'multiple'),
    enterpriseValueEffect(e.financial) ?? gapText(e.financial.annualEbitdaEffect === null ? 'amount' : 'multiple'),
    e.financial.capexOpex,
    e.financial.assumption,
    e.trendIds.map((id) => trend(id)).join('; '),
    e.riskIds.join('; '),
    orGapCell(e.rationale, 'rationale'),
    roadmapGaps(e).join('; '),
  ]);
  return `${CSV_BOM}${toCsv(roadmapCsvHeader(input.client.currency), rows)}`;
}

export const RISK_REGISTER_CSV_HEADER = [
  'Rank',
  'ID',
  'Threat',
  'Category',
  'Likelihood (1-5)',
  'Impact (1-5)',
  'Score (L×I)',
  'Severity',
  'Mitigation',
  'Owner',
  'Early-warning trigger',
  'Review date',
  'Trend',
] as const;

/** The register ranked by business impact, severity derived from likelihood × impact. */
export function riskRegisterCsv(input: ExportInput): string {
  const trend = trendNames(input.artifacts);
  const ranked = input.artifacts.risks ? rankRisks(input.artifacts.risks) : [];
  const rows = ranked.map((r, i): CsvCell[] => [
    i + 1,
    r.id,
    r.threat,
    r.category,
    orGapCell(r.likelihood, 'score'),
    orGapCell(r.impact, 'score'),
    r.score ?? riskScoreText(r.likelihood, r.impact),
    orGapCell(r.severity, 'severity'),
    orGapCell(r.mitigation, 'mitigation'),
    orGapCell(r.owner, 'owner'),
    orGapCell(r.trigger, 'trigger'),
    orGapCell(r.reviewDate, 'reviewDate'),
    trend(r.trendId),
  ]);
  return `${CSV_BOM}${toCsv(RISK_REGISTER_CSV_HEADER, rows)}`;
}
