/** Time as typed: calendar dates, roadmap deadlines and forecast horizons. No clock: callers pass `now`. */
import type { Horizon } from '../../../domain/index.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NAME =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
/** A month only where it reads as a date ("end of June", "by Sept 2027", "March 2027"), so "we may…" is not May. */
const MONTH_RE = new RegExp(
  `\\b(?:end of|by|in|until|before|on|due|mid)\\s+${MONTH_NAME}\\.?(?:\\s+(20\\d{2}))?\\b|\\b${MONTH_NAME}\\.?\\s+(20\\d{2})\\b`,
  'i',
);

/** A day of a month: "March 31", "31 March", "Mar 31st, 2027", "15 April 2027". */
const DAY_MONTH_RE = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME}\\.?(?:,?\\s+(20\\d{2}))?\\b|\\b${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*%)(?:,?\\s+(20\\d{2}))?`,
  'i',
);

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));
const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0));
const quarterEnd = (year: number, q: number) => monthEnd(year, q * 3 - 1);

function monthIndex(word: string): number {
  return MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3)));
}

/** A calendar date (YYYY-MM-DD) from "2027-03-31", "in 6 weeks", "March 31", "end of June", "Q3 2027", "next Radar Review" (90 days). */
export function parseDate(text: string, now: Date): string | null {
  const isoHit = /\b(20\d{2})-(\d{2})-(\d{2})\b/.exec(text);
  if (isoHit) return isoHit[0];
  const rel = /\bin\s+(\d+|a|one|two|three|six)\s+(days?|weeks?|months?)\b/i.exec(text);
  if (rel) {
    const n = { a: 1, one: 1, two: 2, three: 3, six: 6 }[rel[1]!.toLowerCase()] ?? Number(rel[1]);
    const unit = rel[2]!.toLowerCase();
    return iso(addDays(now, unit.startsWith('d') ? n : unit.startsWith('w') ? n * 7 : Math.round(n * 30.4)));
  }
  if (/\b(?:next\s+)?(?:radar review|qbr|quarterly review)\b|\bnext quarter\b|\bquarterly\b/i.test(text))
    return iso(addDays(now, 90));
  const q = /\b(20\d{2})[-\s]?Q([1-4])\b|\bQ([1-4])(?:\s*(20\d{2}))?\b/i.exec(text);
  if (q) {
    const quarter = Number(q[2] ?? q[3]);
    const year = Number(q[1] ?? q[4] ?? rollYear(now, quarter * 3 - 1));
    return iso(quarterEnd(year, quarter));
  }
  const day = DAY_MONTH_RE.exec(text);
  if (day) {
    const index = monthIndex((day[2] ?? day[4])!);
    const dayOfMonth = Number(day[1] ?? day[5]);
    const year = day[3] ?? day[6];
    const date = (y: number) => new Date(Date.UTC(y, index, dayOfMonth));
    // Without a year, the next such day to come.
    const resolved = year
      ? date(Number(year))
      : date(now.getUTCFullYear()).getTime() < now.getTime() - 864e5
        ? date(now.getUTCFullYear() + 1)
        : date(now.getUTCFullYear());
    if (index >= 0 && dayOfMonth >= 1 && resolved.getUTCDate() === dayOfMonth) return iso(resolved);
  }
  const month = MONTH_RE.exec(text);
  if (month) {
    const index = monthIndex((month[1] ?? month[3])!);
    const year = month[2] ?? month[4];
    if (index >= 0) return iso(monthEnd(year ? Number(year) : rollYear(now, index), index));
  }
  return null;
}

/** Without a year, a month or quarter means the next one to come. */
function rollYear(now: Date, monthIndex0: number): number {
  return monthIndex0 < now.getUTCMonth() ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

/** A roadmap deadline as written in the schema: a date, or a quarter like "2027-Q2". */
export function parseDeadline(text: string, now: Date): string | null {
  const isoHit = /\b(20\d{2})-(\d{2})-(\d{2})\b/.exec(text);
  if (isoHit) return isoHit[0];
  const q = /\b(20\d{2})[-\s]?Q([1-4])\b|\bQ([1-4])(?:\s*(20\d{2}))?\b/i.exec(text);
  if (q) {
    const quarter = Number(q[2] ?? q[3]);
    return `${q[1] ?? q[4] ?? rollYear(now, quarter * 3 - 1)}-Q${quarter}`;
  }
  return parseDate(text, now);
}

function horizonOfMonths(months: number): Horizon {
  return months <= 6 ? '0-6' : months <= 18 ? '6-18' : '18-36';
}

/**
 * A horizon from "0-6", "within 6 months", "next year" (6–18), "2-3 years" (18–36), "by 2028",
 * "this quarter", "now". Ranges count by their middle.
 */
export function parseHorizon(text: string, now: Date): Horizon | null {
  const t = text.toLowerCase();
  const exact = /\b(0|6|18)\s*[-–]\s*(6|18|36)\s*(?:months?|mo)?\b/.exec(t);
  if (exact && ['0-6', '6-18', '18-36'].includes(`${exact[1]}-${exact[2]}`))
    return `${exact[1]}-${exact[2]}` as Horizon;
  const span =
    /(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*(years?|yrs?|months?|mos?|weeks?|quarters?)\b/.exec(t);
  if (span) {
    const a = Number(span[1]);
    const b = span[2] ? Number(span[2]) : a;
    const unit = span[3]!;
    const perUnit = unit.startsWith('y') ? 12 : unit.startsWith('w') ? 12 / 52 : unit.startsWith('q') ? 3 : 1;
    return horizonOfMonths(((a + b) / 2) * perUnit);
  }
  const year = /\b(?:by|in|until|before)\s+(20\d{2})\b/.exec(t);
  if (year)
    return horizonOfMonths(Math.max(0, (Number(year[1]) - now.getUTCFullYear()) * 12 + (11 - now.getUTCMonth())));
  if (
    /\b(?:already|right now|now|immediately|this quarter|next quarter|soon|this half|within weeks|short[- ]term)\b/.test(
      t,
    )
  )
    return '0-6';
  if (/\b(?:next year|within a year|this year|in a year|12 months|medium[- ]term|year after)\b/.test(t)) return '6-18';
  if (/\b(?:couple of years|few years|long[- ]term|later this decade|two years|three years)\b/.test(t)) return '18-36';
  return null;
}
