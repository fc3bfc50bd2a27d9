/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */
import type { Horizon } from './horizons.js';

/*
 * Spans of calendar days, both ends inclusive, written YYYY-MM-DD so that comparing the text
 * compares the days. A deadline or a freeze is written as a date ("2027-06-30") or a quarter
 * ("2027-Q2"); a horizon becomes days when counted from the start of the session's quarter.
 * UTC throughout, so nothing moves with the server's time zone.
 */

export interface DayWindow {
  readonly first: string;
  readonly last: string;
}

/** A date (YYYY-MM-DD) or a quarter (2027-Q2): how deadlines and freeze windows are written. */
export const DATE_OR_QUARTER = /^(?:\d{4}-\d{2}-\d{2}|\d{4}-Q[1-4])$/;

/** The months a horizon covers, counted from the first month of the session's quarter: [from, to). */
export const HORIZON_MONTHS: Readonly<Record<Horizon, readonly [number, number]>> = {
  '0-6': [0, 6],
  '6-18': [6, 18],
  '18-36': [18, 36],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The day as YYYY-MM-DD; months past 12 roll into the next year, day 0 is the month before's last. */
function day(year: number, month: number, dayOfMonth: number): string {
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2027-02-30" is not a day: the calendar would move it to March. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && day(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** The days a date (itself) or a quarter (its first to its last day) covers; null for anything else. */
export function dayWindowOf(text: string): DayWindow | null {
  const t = text.trim();
  if (isCalendarDate(t)) return { first: t, last: t };
  const q = /^(\d{4})-Q([1-4])$/.exec(t);
  if (!q) return null;
  const year = Number(q[1]);
  const firstMonth = (Number(q[2]) - 1) * 3 + 1;
  return { first: day(year, firstMonth, 1), last: day(year, firstMonth + 3, 0) };
}

/** The days a horizon covers, counted from the first day of the session's quarter (2027-Q1, 0–6 → 2027-01-01 – 2027-06-30). */
export function horizonWindow(quarter: string, horizon: Horizon): DayWindow | null {
  const start = dayWindowOf(quarter);
  if (!start) return null;
  const [year, month] = start.first.split('-').map(Number) as [number, number];
  const [from, to] = HORIZON_MONTHS[horizon];
  return { first: day(year, month + from, 1), last: day(year, month + to, 0) };
}

/** From the first day of `from` to the last day of `to`; null when either is not a date or a quarter, or they run backwards. */
export function spanOf(from: string, to: string): DayWindow | null {
  const a = dayWindowOf(from);
  const b = dayWindowOf(to);
  if (!a || !b || b.last < a.first) return null;
  return { first: a.first, last: b.last };
}

export const overlaps = (a: DayWindow, b: DayWindow): boolean => a.first <= b.last && b.first <= a.last;

export const within = (inner: DayWindow, outer: DayWindow): boolean =>
  outer.first <= inner.first && inner.last <= outer.last;
