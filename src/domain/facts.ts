/* No zod here (type imports only): the page imports this module too (bundled at /shared/domain.mjs). */
import type { ContextArtifact } from './artifacts/context.js';
import type { RoadmapEntry } from './artifacts/roadmap.js';
import { isClosed } from './roadmapMeasures.js';
import { clashText, freezeFacts, type FreezeFacts } from './freezes.js';
import { formatMoney } from './money.js';

/*
 * The numbers a CFO would do on the back of an envelope, computed in code from what the client stated:
 * effort against the team's capacity, one-off cost against the budget, payback, enterprise value at
 * the stated multiple and at ±2, cash against EBITDA, and the deadlines that fall inside a freeze
 * window (src/domain/freezes.ts). An input nobody stated is a gap that says
 * which entry lacks what; a sum over the entries that did state it is a floor, and says so.
 * The roadmap critic, the sounding board (the model's and the offline one) and the page read these.
 */

/** How far the multiple moves either way for the enterprise-value sensitivity. */
export const EV_SENSITIVITY = 2;

/** A quarter is ~13 weeks; the near-term horizon (0–6 months) is two quarters of capacity. */
const NEAR_TERM_QUARTERS = 2;

/** A sum over the open entries: which entries it counts, and which ones did not state the input. */
export interface Tally {
  readonly total: number;
  readonly counted: readonly string[];
  readonly missing: readonly string[];
}

export interface EffortFacts {
  /** Effort in weeks of every open entry (planned or in progress). */
  readonly weeks: Tally;
  /** Engineer-weeks per quarter the team can give the roadmap; null when the context does not say. */
  readonly capacityWeeksPerQuarter: number | null;
  /** How many quarters of that capacity the estimated effort takes. */
  readonly quartersOfCapacity: number | null;
  /** The entries due within six months against two quarters of capacity. */
  readonly nearTerm: {
    readonly weeks: Tally;
    readonly capacityWeeks: number | null;
    /** Estimated near-term effort minus that capacity: above 0 is over capacity. */
    readonly overBy: number | null;
  };
  /** Open entries with no horizon: they may belong to the near term, nobody said. */
  readonly unscheduled: readonly string[];
}

export interface BudgetFacts {
  /** One-off cost of every open entry. */
  readonly cost: Tally;
  /** The money the client can spend on the roadmap, as the context states it; null when not stated. */
  readonly budget: number | null;
  /** Budget minus the stated cost: below 0 is over budget (and stays over whatever the unpriced entries cost). */
  readonly headroom: number | null;
}

export type Payback =
  | { readonly kind: 'years'; readonly years: number }
  /** The entry costs money and its EBITDA effect is zero or negative: it never pays back in EBITDA. */
  | { readonly kind: 'never' }
  | { readonly kind: 'gap'; readonly missing: readonly FinancialInput[] };

export type FinancialInput = 'one-off cost' | 'EBITDA effect' | 'EBITDA multiple';

export type ValueAtMultiples =
  | {
      readonly kind: 'value';
      readonly multiple: number;
      /** At the multiple minus 2; null when that multiple would be 0 or below. */
      readonly low: number | null;
      readonly stated: number;
      readonly high: number;
    }
  | { readonly kind: 'gap'; readonly missing: readonly FinancialInput[] };

/** Cash against EBITDA in year one: the cost leaves the bank either way; only OpEx lowers EBITDA. */
export interface CashFacts {
  readonly cashOutYear1: number | null;
  readonly ebitdaPerYear: number | null;
  /** Year-one EBITDA effect if the one-off cost is expensed (OpEx); null when either input is missing. */
  readonly year1EbitdaIfExpensed: number | null;
  /** If it is capitalised (CapEx) the cost is off EBITDA (depreciated later) and year one keeps the full effect. */
  readonly year1EbitdaIfCapitalised: number | null;
  /** How the client said the cost is treated, in their words; null when nobody said. */
  readonly treatment: string | null;
}

export interface EntryFacts {
  readonly id: string;
  readonly title: string;
  readonly payback: Payback;
  readonly enterpriseValue: ValueAtMultiples;
  readonly cash: CashFacts;
}

export interface RoadmapFacts {
  readonly effort: EffortFacts;
  readonly budget: BudgetFacts;
  readonly entries: readonly EntryFacts[];
  /** Annual EBITDA effect of the open entries that state one. */
  readonly ebitda: Tally;
  /** Enterprise value summed over the entries with both an EBITDA effect and a multiple, each at its own multiple. */
  readonly enterpriseValue: { readonly low: number | null; readonly stated: number; readonly high: number } & {
    readonly counted: readonly string[];
    readonly missing: readonly string[];
  };
  /** Year one over the entries that state both a one-off cost and an EBITDA effect. */
  readonly cash: {
    readonly cashOut: number;
    readonly ebitdaIfExpensed: number;
    readonly ebitdaIfCapitalised: number;
    readonly counted: readonly string[];
    readonly missing: readonly string[];
  };
  /** Open entries due inside (or running into) a window when nothing may change or ship. */
  readonly freezes: FreezeFacts;
  /** Entries done or dropped: nothing left to spend on them, so they are left out of every sum. */
  readonly closed: readonly string[];
}

type Entry = Pick<RoadmapEntry, 'id' | 'title' | 'status' | 'horizon' | 'deadline' | 'effortWeeks' | 'financial'>;
/** The freezes may be left out by a caller that checks only money and effort. */
type Constraints = Pick<ContextArtifact['constraints'], 'budgetAmount' | 'teamWeeksPerQuarter'> &
  Partial<Pick<ContextArtifact['constraints'], 'freezes'>>;

/** Rounded so float noise does not show (0.1 + 0.2 is 0.3 here). */
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

function tally(entries: readonly Entry[], read: (e: Entry) => number | null): Tally {
  let total = 0;
  const counted: string[] = [];
  const missing: string[] = [];
  for (const e of entries) {
    const value = read(e);
    if (value === null) missing.push(e.id);
    else {
      total += value;
      counted.push(e.id);
    }
  }
  return { total: round(total), counted, missing };
}

export function paybackOf(f: RoadmapEntry['financial']): Payback {
  const missing: FinancialInput[] = [];
  if (f.oneOffCost === null) missing.push('one-off cost');
  if (f.annualEbitdaEffect === null) missing.push('EBITDA effect');
  if (missing.length > 0 || f.oneOffCost === null || f.annualEbitdaEffect === null) return { kind: 'gap', missing };
  if (f.oneOffCost === 0) return { kind: 'years', years: 0 };
  if (f.annualEbitdaEffect <= 0) return { kind: 'never' };
  return { kind: 'years', years: round(f.oneOffCost / f.annualEbitdaEffect) };
}

export function valueAtMultiples(f: RoadmapEntry['financial']): ValueAtMultiples {
  const missing: FinancialInput[] = [];
  if (f.annualEbitdaEffect === null) missing.push('EBITDA effect');
  if (f.evMultiple === null) missing.push('EBITDA multiple');
  if (f.annualEbitdaEffect === null || f.evMultiple === null) return { kind: 'gap', missing };
  const at = (m: number) => round(f.annualEbitdaEffect! * m);
  const lower = f.evMultiple - EV_SENSITIVITY;
  return {
    kind: 'value',
    multiple: f.evMultiple,
    low: lower > 0 ? at(lower) : null,
    stated: at(f.evMultiple),
    high: at(f.evMultiple + EV_SENSITIVITY),
  };
}

function cashOf(f: RoadmapEntry['financial']): CashFacts {
  const both = f.oneOffCost !== null && f.annualEbitdaEffect !== null;
  return {
    cashOutYear1: f.oneOffCost,
    ebitdaPerYear: f.annualEbitdaEffect,
    year1EbitdaIfExpensed: both ? round(f.annualEbitdaEffect! - f.oneOffCost!) : null,
    year1EbitdaIfCapitalised: both ? f.annualEbitdaEffect : null,
    treatment: f.capexOpex,
  };
}

/**
 * The computed facts of a roadmap (or of the entries a recommendation rests on) against the
 * context's constraints. Open entries only: done and dropped entries cost nothing more. The session's
 * quarter dates the horizons of entries with no deadline, for the freeze windows; without it only deadlines are checked.
 */
export function roadmapFacts(
  entries: readonly Entry[],
  constraints: Constraints | null,
  quarter: string | null = null,
): RoadmapFacts {
  const open = entries.filter((e) => !isClosed(e));
  const capacity = constraints?.teamWeeksPerQuarter ?? null;
  const budget = constraints?.budgetAmount ?? null;

  const weeks = tally(open, (e) => e.effortWeeks);
  const near = tally(
    open.filter((e) => e.horizon === '0-6'),
    (e) => e.effortWeeks,
  );
  const nearCapacity = capacity === null ? null : capacity * NEAR_TERM_QUARTERS;
  const cost = tally(open, (e) => e.financial.oneOffCost);

  const values = open.map((e) => ({ id: e.id, v: valueAtMultiples(e.financial) }));
  const priced = values.filter((x) => x.v.kind === 'value');
  const sumOf = (pick: (v: Extract<ValueAtMultiples, { kind: 'value' }>) => number | null) => {
    let total = 0;
    for (const { v } of priced) {
      const n = pick(v as Extract<ValueAtMultiples, { kind: 'value' }>);
      if (n === null) return null;
      total += n;
    }
    return round(total);
  };

  const entryFacts = open.map((e) => ({
    id: e.id,
    title: e.title,
    payback: paybackOf(e.financial),
    enterpriseValue: valueAtMultiples(e.financial),
    cash: cashOf(e.financial),
  }));
  const withCash = entryFacts.filter((e) => e.cash.year1EbitdaIfExpensed !== null);
  const sum = (pick: (c: CashFacts) => number | null) =>
    round(withCash.reduce((total, e) => total + (pick(e.cash) ?? 0), 0));

  return {
    effort: {
      weeks,
      capacityWeeksPerQuarter: capacity,
      quartersOfCapacity: capacity === null ? null : round(weeks.total / capacity, 1),
      nearTerm: {
        weeks: near,
        capacityWeeks: nearCapacity,
        overBy: nearCapacity === null ? null : round(near.total - nearCapacity, 1),
      },
      unscheduled: open.filter((e) => e.horizon === null).map((e) => e.id),
    },
    budget: { cost, budget, headroom: budget === null ? null : round(budget - cost.total) },
    entries: entryFacts,
    ebitda: tally(open, (e) => e.financial.annualEbitdaEffect),
    enterpriseValue: {
      low: sumOf((v) => v.low),
      stated: sumOf((v) => v.stated) ?? 0,
      high: sumOf((v) => v.high) ?? 0,
      counted: priced.map((x) => x.id),
      missing: values.filter((x) => x.v.kind === 'gap').map((x) => x.id),
    },
    cash: {
      cashOut: sum((c) => c.cashOutYear1),
      ebitdaIfExpensed: sum((c) => c.year1EbitdaIfExpensed),
      ebitdaIfCapitalised: sum((c) => c.year1EbitdaIfCapitalised),
      counted: withCash.map((e) => e.id),
      missing: entryFacts.filter((e) => e.cash.year1EbitdaIfExpensed === null).map((e) => e.id),
    },
    freezes: freezeFacts(entries, constraints?.freezes ?? [], quarter),
    closed: entries.filter((e) => isClosed(e)).map((e) => e.id),
  };
}

/** How a figure of money is written: formatMoney in the client's currency (a plain number while none is set). */
type MoneyFormat = (amount: number) => string;

const inCurrency =
  (currency: string | null): MoneyFormat =>
  (n) =>
    formatMoney(n, currency);

const weeksText = (n: number) => `${n.toLocaleString('en-US')} week${n === 1 ? '' : 's'}`;

/** "at least" when some entries did not state the input: the sum is then a floor. */
const floor = (t: Tally) => (t.missing.length > 0 ? 'at least ' : '');

/**
 * The facts as short sentences, each with its gaps named: the same words in the model's prompt, the
 * memo's "The numbers" and the offline sounding board, so what the client reads is what the critic saw.
 */
export function factLines(
  facts: RoadmapFacts,
  currency: string | null = null,
  name: (id: string) => string = (id) => id,
): string[] {
  const money = inCurrency(currency);
  const lines = factSummaryLines(facts, currency, name);
  // Per entry: payback, cash against EBITDA and EV
  for (const e of facts.entries) lines.push(`${e.id} ${e.title}: ${entryLine(e, money)}`);
  lines.push(...freezeLines(facts.freezes, name));
  if (facts.closed.length > 0)
    lines.push(`Done or dropped, left out of the sums: ${facts.closed.map(name).join(', ')}.`);
  return lines;
}

/** The roadmap-wide facts alone (effort, cost, EBITDA and EV, year-one cash), for a short "The numbers" block. */
export function factSummaryLines(
  facts: RoadmapFacts,
  currency: string | null = null,
  name: (id: string) => string = (id) => id,
): string[] {
  const money = inCurrency(currency);
  const ids = (list: readonly string[]) => list.map(name).join(', ');
  const lines: string[] = [];
  const { effort, budget } = facts;

  // Effort against capacity
  const unestimated = effort.weeks.missing.length > 0 ? `; not estimated: ${ids(effort.weeks.missing)}` : '';
  if (effort.capacityWeeksPerQuarter === null) {
    lines.push(
      `Effort: ${floor(effort.weeks)}${weeksText(effort.weeks.total)} over ${effort.weeks.counted.length + effort.weeks.missing.length} open entries${unestimated}. Team capacity (engineer-weeks per quarter): not stated, so effort cannot be checked against it.`,
    );
  } else {
    const near = effort.nearTerm;
    const nearText =
      near.weeks.counted.length + near.weeks.missing.length === 0
        ? 'nothing is due within 6 months'
        : `due within 6 months: ${floor(near.weeks)}${weeksText(near.weeks.total)} against ${weeksText(near.capacityWeeks!)} of capacity (${near.overBy! > 0 ? `over by ${weeksText(near.overBy!)}` : 'fits'}${near.weeks.missing.length > 0 ? `; not estimated: ${ids(near.weeks.missing)}` : ''})`;
    lines.push(
      `Effort: ${floor(effort.weeks)}${weeksText(effort.weeks.total)}${unestimated}, ${effort.quartersOfCapacity} quarters of the team's ${weeksText(effort.capacityWeeksPerQuarter)} per quarter; ${nearText}${effort.unscheduled.length > 0 ? `; no horizon: ${ids(effort.unscheduled)}` : ''}.`,
    );
  }

  // One-off cost against the budget
  const unpriced = budget.cost.missing.length > 0 ? `; no cost stated: ${ids(budget.cost.missing)}` : '';
  if (budget.budget === null) {
    lines.push(
      `One-off cost: ${floor(budget.cost)}${money(budget.cost.total)}${unpriced}. Budget: not stated as an amount, so cost cannot be checked against it.`,
    );
  } else {
    const against =
      budget.headroom! < 0
        ? `over budget by ${money(-budget.headroom!)}`
        : budget.cost.missing.length > 0
          ? `${money(budget.headroom!)} left before the unpriced entries`
          : `${money(budget.headroom!)} left`;
    lines.push(
      `One-off cost: ${floor(budget.cost)}${money(budget.cost.total)} against a budget of ${money(budget.budget)}: ${against}${unpriced}.`,
    );
  }

  // EBITDA and enterprise value
  const ev = facts.enterpriseValue;
  lines.push(
    facts.ebitda.counted.length === 0
      ? 'EBITDA effect: not stated for any entry, so neither payback nor enterprise value can be computed.'
      : `EBITDA effect: ${money(facts.ebitda.total)} a year from ${ids(facts.ebitda.counted)}${facts.ebitda.missing.length > 0 ? `; not stated: ${ids(facts.ebitda.missing)}` : ''}.${
          ev.counted.length > 0
            ? ` Enterprise value at each entry's stated multiple: ${money(ev.stated)} (${ev.low === null ? `n/a at −${EV_SENSITIVITY}` : `${money(ev.low)} at −${EV_SENSITIVITY}`}, ${money(ev.high)} at +${EV_SENSITIVITY}) from ${ids(ev.counted)}${ev.missing.length > 0 ? `; not computable for ${ids(ev.missing)}` : ''}.`
            : ' Enterprise value: no entry states both an EBITDA effect and a multiple.'
        }`,
  );

  // Year one: cash against EBITDA
  const cash = facts.cash;
  lines.push(
    cash.counted.length === 0
      ? 'Cash against EBITDA in year 1: no entry states both a one-off cost and an EBITDA effect.'
      : `Cash against EBITDA in year 1 (${ids(cash.counted)}): ${money(cash.cashOut)} cash out; EBITDA ${signed(cash.ebitdaIfExpensed, money)} if the cost is expensed (OpEx), ${signed(cash.ebitdaIfCapitalised, money)} if capitalised (CapEx: off EBITDA, still cash)${cash.missing.length > 0 ? `; not computable for ${ids(cash.missing)}` : ''}.`,
  );

  return lines;
}

/**
 * The deadlines inside a freeze window, one line each, naming the entry: nothing when the context
 * states no freeze; with freezes and no clash, that none falls in one (and what could not be checked).
 */
export function freezeLines(f: FreezeFacts, name: (id: string) => string = (id) => id): string[] {
  if (f.stated === 0) return [];
  const unchecked =
    f.unchecked.length > 0 ? ` Not checkable (no deadline or horizon): ${f.unchecked.map(name).join(', ')}.` : '';
  if (f.clashes.length === 0)
    return [`Freeze windows (${f.stated} stated): no open entry is due inside one.${unchecked}`];
  return [
    ...f.clashes.map((c) => `Freeze: ${c.id} ${c.title}: ${clashText(c)}.`),
    ...(unchecked ? [unchecked.trim()] : []),
  ];
}

/** Payback of every open entry in one line: "Payback: A 1.5 years; B never (no positive EBITDA effect); C not computable (no one-off cost)." */
export function paybackLine(facts: RoadmapFacts, name: (id: string) => string = (id) => id): string {
  const each = facts.entries.map((e) => `${name(e.id)}: ${paybackText(e.payback)}`);
  return `Payback (one-off cost ÷ annual EBITDA effect): ${each.join('; ')}.`;
}

function paybackText(p: Payback): string {
  return p.kind === 'years'
    ? `${p.years} years`
    : p.kind === 'never'
      ? 'never (no positive EBITDA effect)'
      : `not computable (no ${p.missing.join(' or ')})`;
}

function entryLine(e: EntryFacts, money: MoneyFormat): string {
  const p = e.payback;
  const payback =
    p.kind === 'never' ? 'never pays back in EBITDA (no positive EBITDA effect)' : `payback ${paybackText(p)}`;
  const c = e.cash;
  const cash =
    c.year1EbitdaIfExpensed === null
      ? ''
      : `; year 1: ${money(c.cashOutYear1!)} cash out, EBITDA ${signed(c.year1EbitdaIfExpensed, money)} if expensed or ${signed(c.year1EbitdaIfCapitalised!, money)} if capitalised${c.treatment ? ` (stated: ${c.treatment})` : ' (CapEx/OpEx not stated)'}`;
  const v = e.enterpriseValue;
  const value =
    v.kind === 'value'
      ? `; EV ${money(v.stated)} at ${v.multiple}× (${v.low === null ? 'n/a' : money(v.low)} – ${money(v.high)} at ±${EV_SENSITIVITY})`
      : `; EV not computable (no ${v.missing.join(' or ')})`;
  return `${payback}${cash}${value}.`;
}

function signed(n: number, money: MoneyFormat): string {
  return n < 0 ? `−${money(-n)}` : `+${money(n)}`;
}
