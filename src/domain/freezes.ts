/* No zod here (type imports only): the page imports this module too (bundled at /shared/domain.mjs). */
import type { Freeze } from './artifacts/context.js';
import type { RoadmapEntry } from './artifacts/roadmap.js';
import { dayWindowOf, horizonWindow, overlaps, spanOf, within, type DayWindow } from './dayWindows.js';
import { HORIZON_LABELS } from './horizons.js';
import { isClosed } from './roadmapMeasures.js';

/*
 * Which open roadmap entries are due inside a window when nothing may change or ship (the context's
 * freezes): computed from the dates as written, never read from prose. An entry with a deadline is
 * checked by its deadline; one with only a horizon by the months that horizon spans from the
 * session's quarter, which says the work runs into the freeze, not that it must ship in it.
 */

type Entry = Pick<RoadmapEntry, 'id' | 'title' | 'status' | 'horizon' | 'deadline'>;

export interface FreezeClash {
  readonly id: string;
  readonly title: string;
  readonly freeze: Freeze;
  /** What meets the freeze: the entry's deadline, or, with no deadline, the months of its horizon. */
  readonly by: 'deadline' | 'horizon';
  /** The deadline as written ("2027-06-30", "2027-Q4"), or the horizon's label ("0–6 months"). */
  readonly due: string;
  /** The days the deadline or the horizon covers. */
  readonly window: DayWindow;
  /** All of it lies inside the freeze (a dated deadline always does; a quarter or a horizon may only overlap it). */
  readonly inside: boolean;
}

export interface FreezeFacts {
  /** How many freeze windows the context states. */
  readonly stated: number;
  readonly clashes: readonly FreezeClash[];
  /** Open entries with neither a deadline that reads as a date or a quarter nor a horizon: not checkable. */
  readonly unchecked: readonly string[];
}

/** When the entry is due: its deadline's days, else its horizon's months from the session's quarter; null when neither says. */
function dueWindow(e: Entry, quarter: string | null): Pick<FreezeClash, 'by' | 'due' | 'window'> | null {
  const deadline = e.deadline === null ? null : dayWindowOf(e.deadline);
  if (deadline) return { by: 'deadline', due: e.deadline!.trim(), window: deadline };
  const months = e.horizon !== null && quarter !== null ? horizonWindow(quarter, e.horizon) : null;
  return months ? { by: 'horizon', due: HORIZON_LABELS[e.horizon!], window: months } : null;
}

/** The open entries due inside (or running into) a freeze window, in roadmap order, one line per entry and freeze. */
export function freezeFacts(
  entries: readonly Entry[],
  freezes: readonly Freeze[],
  quarter: string | null,
): FreezeFacts {
  const open = entries.filter((e) => !isClosed(e));
  const clashes: FreezeClash[] = [];
  const unchecked: string[] = [];
  for (const e of open) {
    const due = dueWindow(e, quarter);
    if (!due) {
      unchecked.push(e.id);
      continue;
    }
    for (const freeze of freezes) {
      const span = spanOf(freeze.from, freeze.to);
      if (span && overlaps(due.window, span))
        clashes.push({ id: e.id, title: e.title, freeze, ...due, inside: within(due.window, span) });
    }
  }
  return { stated: freezes.length, clashes, unchecked };
}

/** "year-end close (2027-06-15–2027-07-15)"; one quarter or one day alone when it starts and ends there. */
export function freezeText(f: Freeze): string {
  return `${f.what} (${f.from === f.to ? f.from : `${f.from}–${f.to}`})`;
}

/** "the deadline 2027-06-30 falls inside year-end close (2027-06-15–2027-07-15)": what the clash is, without the entry's name. */
export function clashText(c: FreezeClash): string {
  if (c.by === 'horizon')
    return `its horizon (${c.due}, ${c.window.first} to ${c.window.last}) runs into ${freezeText(c.freeze)}`;
  return `the deadline ${c.due} ${c.inside ? 'falls inside' : 'overlaps'} ${freezeText(c.freeze)}`;
}
