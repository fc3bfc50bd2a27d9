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
  rankRisks,
  roadmapGaps,
  type ArtifactSet,
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

export const ROADMAP_CSV_HEADER = [
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

/** One row per roadmap entry, in the roadmap's order, with where it stands and the metric's latest value; a header only when there is no roadmap yet. */
export function roadmapCsv(input: ExportInput): string {
  const trend = trendNames(input.artifacts);
  const rows = (input.artifacts.roadmap?.entries ?? []).map((e): CsvCell[] => [
    e.id,
    e.title,
    ROADMAP_STATUS_LABELS[e.status],
    e.horizon,
    e.effortWeeks,
    e.owner,
    e.deadline,
    e.metric?.name ?? null,
    e.metric?.baseline ?? null,
    e.metric?.current ?? null,
    e.metric?.target ?? null,
    e.financial.oneOffCost,
    e.financial.annualEbitdaEffect,
    e.financial.evMultiple,
    enterpriseValueEffect(e.financial),
    e.financial.capexOpex,
    e.financial.assumption,
    e.trendIds.map((id) => trend(id)).join('; '),
    e.riskIds.join('; '),
    e.rationale,
    roadmapGaps(e).join('; '),
  ]);
  return `${CSV_BOM}${toCsv(ROADMAP_CSV_HEADER, rows)}`;
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
    r.likelihood,
    r.impact,
    r.score,
    r.severity,
    r.mitigation,
    r.owner,
    r.trigger,
    r.reviewDate,
    trend(r.trendId),
  ]);
  return `${CSV_BOM}${toCsv(RISK_REGISTER_CSV_HEADER, rows)}`;
}
