/**
 * Calendar words for the exports: the month a note covers, the dates a horizon spans from the
 * session's quarter, whether a review date has passed. UTC throughout, so a file does not change
 * with the server's time zone.
 */
import { HORIZON_MONTHS, type Horizon, type Quarter } from '../domain/index.js';

/** A calendar month, e.g. { year: 2027, month: 5 } for May 2027. */
export interface Month {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function monthOf(date: Date): Month {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** "2027-05" → May 2027; null for anything else (the HTTP layer says why). */
export function parseMonth(text: string): Month | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** "May 2027" */
export function monthLabel(m: Month): string {
  return `${MONTH_NAMES[m.month - 1]} ${m.year}`;
}

/** "May 2027" → "May" (for ranges within one year). */
function shortMonth(m: Month): string {
  return MONTH_NAMES[m.month - 1]!.slice(0, 3);
}

/** The first and last calendar day of the month, YYYY-MM-DD. */
export function monthBounds(m: Month): { first: string; last: string } {
  const last = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const mm = String(m.month).padStart(2, '0');
  return { first: `${m.year}-${mm}-01`, last: `${m.year}-${mm}-${String(last).padStart(2, '0')}` };
}

function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The first month of a quarter: 2027-Q2 → April 2027. */
export function quarterStart(q: Quarter): Month {
  const [year, n] = q.split('-Q').map(Number) as [number, number];
  return { year, month: (n - 1) * 3 + 1 };
}

/** The months a horizon covers, counted from the start of the session's quarter: "Apr 2027 – Sep 2027". */
export function horizonSpan(q: Quarter, h: Horizon): string {
  const start = quarterStart(q);
  const [from, to] = HORIZON_MONTHS[h];
  const a = addMonths(start, from);
  const b = addMonths(start, to - 1);
  return `${shortMonth(a)} ${a.year} – ${shortMonth(b)} ${b.year}`;
}

export type ReviewState = 'passed' | 'due' | 'ahead';

/** A review date against a month: before it began, within it, or later. */
export function reviewState(reviewDate: string, m: Month): ReviewState {
  const { first, last } = monthBounds(m);
  if (reviewDate < first) return 'passed';
  return reviewDate <= last ? 'due' : 'ahead';
}
