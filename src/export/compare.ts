/**
 * The Radar Review: what moved between two sessions of the same client. Pure; the Markdown
 * rendering is separate so the page can show the same comparison its own way.
 *
 * Matching is by stable id, never by position: an id is stable when an item was carried over from
 * the earlier quarter, but a register or a set of recommendations drafted afresh numbers its items
 * again from 1, so "r1" in both quarters proves nothing by itself. Items pair when they have the same
 * id and the same text, or the same text, or the same id and recognisably the same wording (then
 * flagged `reworded`); two different things that share an id are one closed and one new, never a pair.
 * Trends match by normalized name; key numbers by label; the CEO's goals by text.
 *
 * Roadmap entries say where they stand (planned, in progress, done, dropped), so the review says
 * done or dropped from the later roadmap's own words; only an entry that vanished without a status
 * is reported as such. Metrics are read against their targets: baseline → latest value → target.
 */
import {
  chosenTrends,
  dayWindowOf,
  invalid,
  isClosed,
  metricProgress,
  rankRisks,
  type ArtifactSet,
  type Horizon,
  type Level,
  type Quarter,
  type RankedRisk,
  type Recommendation,
  type RoadmapEntry,
  type RoadmapStatus,
  type Severity,
  type StepId,
  type Verdict,
  openObjections,
} from '../domain/index.js';
import { isoDate, normalizeForMatch } from './format.js';
import type { ExportInput } from './types.js';

export type Side = 'earlier' | 'later';
export interface NotComparable {
  readonly status: 'not_comparable';
  readonly missingIn: readonly Side[];
}
type Compared<T> = { readonly status: 'compared' } & T;
type Section<T> = Compared<T> | NotComparable;

export interface TrendRef {
  readonly id: string;
  readonly name: string;
}
export interface RiskRef {
  readonly id: string;
  readonly threat: string;
  /** Null while not scored: a gap, shown as one. */
  readonly likelihood: number | null;
  readonly impact: number | null;
  readonly score: number | null;
  readonly severity: Severity | null;
}
export interface RiskMove {
  readonly earlier: RiskRef;
  readonly later: RiskRef;
  /** Worse (up) or better (down); `scored` when it had no score before, `unscored` when its score was taken out. */
  readonly direction: 'up' | 'down' | 'scored' | 'unscored';
  readonly matchedBy: 'id' | 'threat';
  readonly reworded: boolean;
}
export interface MetricRef {
  readonly name: string;
  readonly baseline: string | null;
  readonly current: string | null;
  readonly target: string;
}
export interface RoadmapRef {
  readonly id: string;
  readonly title: string;
  readonly status: RoadmapStatus;
  readonly horizon: Horizon | null;
  readonly effortWeeks: number | null;
  readonly owner: string | null;
  readonly deadline: string | null;
  readonly metricTarget: string | null;
  readonly metric: MetricRef | null;
}
export type RoadmapField = 'status' | 'horizon' | 'effortWeeks' | 'owner' | 'deadline' | 'metricTarget';
export interface FieldChange {
  readonly field: RoadmapField;
  readonly from: string | number | null;
  readonly to: string | number | null;
}
/** A matched entry; for one that became done or dropped, `changes` leaves out the status itself. */
export interface RoadmapChange {
  readonly earlier: RoadmapRef;
  readonly later: RoadmapRef;
  readonly changes: readonly FieldChange[];
}
/** A later entry's metric against its target, with the reading the earlier roadmap had, if any. */
export interface MetricReading {
  readonly entry: RoadmapRef;
  readonly metric: MetricRef;
  /** The latest value the earlier roadmap recorded for the same entry and metric. */
  readonly earlierCurrent: string | null;
  /** Share of the way from baseline to target (1 = met); null when the values cannot be compared as numbers. */
  readonly progress: number | null;
  /** The earlier reading's share of the way to the same baseline and target, when there was one. */
  readonly earlierProgress: number | null;
}

export interface KeyNumberChange {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}
export interface KeyNumberRef {
  readonly label: string;
  readonly value: string;
}

/** A risk review date or an open roadmap entry's deadline that fell before the review was prepared. */
export interface PassedDate {
  readonly kind: 'risk review' | 'roadmap deadline';
  readonly id: string;
  readonly what: string;
  readonly date: string;
}
export interface RecommendationRef {
  readonly id: string;
  readonly claim: string | null;
  readonly ceoOneLiner: string | null;
  readonly verdict: Verdict | null;
  readonly confidence: Level | null;
  /** Objections nothing has closed yet. */
  readonly openObjections: number;
}
export interface VerdictChange {
  readonly earlier: RecommendationRef;
  readonly later: RecommendationRef;
}

export interface SessionRef {
  readonly sessionId: number;
  readonly quarter: Quarter;
  readonly title: string | null;
}

export interface QuarterComparison {
  readonly client: { readonly id: number; readonly name: string };
  readonly earlier: SessionRef;
  readonly later: SessionRef;
  /** Chosen trends only: the candidates nobody kept are not part of the strategy. */
  readonly trends: Section<{
    added: TrendRef[];
    dropped: TrendRef[];
    kept: Array<{ earlier: TrendRef; later: TrendRef }>;
  }>;
  readonly risks: Section<{ moved: RiskMove[]; added: RiskRef[]; closed: RiskRef[]; unchanged: RiskRef[] }>;
  /**
   * `done` and `dropped`: matched entries the later roadmap marks so (and the earlier did not).
   * `removed`: earlier entries absent from the later roadmap, which therefore does not say whether
   * they were done or dropped. `changed`: other matched entries whose status or plan moved.
   * `metrics`: every later entry with a metric, read against its target.
   */
  readonly roadmap: Section<{
    added: RoadmapRef[];
    changed: RoadmapChange[];
    done: RoadmapChange[];
    dropped: RoadmapChange[];
    removed: RoadmapRef[];
    unchanged: RoadmapRef[];
    metrics: MetricReading[];
  }>;
  /** The company's key numbers and the CEO's goals for the year, as the context step recorded them. */
  readonly context: Section<{
    numbersChanged: KeyNumberChange[];
    numbersAdded: KeyNumberRef[];
    numbersRemoved: KeyNumberRef[];
    goalsAdded: string[];
    goalsDropped: string[];
    goalsKept: string[];
  }>;
  /** Dates in the later quarter's register and roadmap that have passed by the day the review is prepared. */
  readonly passed: { readonly asOf: string; readonly dates: readonly PassedDate[] };
  readonly recommendations: Section<{
    verdictChanged: VerdictChange[];
    added: RecommendationRef[];
    withdrawn: RecommendationRef[];
    unchanged: RecommendationRef[];
  }>;
}

// ---------- matching ----------

interface Matched<T> {
  readonly pairs: Array<{ earlier: T; later: T; by: 'id' | 'text'; reworded: boolean }>;
  readonly onlyEarlier: T[];
  readonly onlyLater: T[];
}

/** Words of three letters or more, for telling a rewording from a different item. */
function words(text: string): Set<string> {
  return new Set(
    normalizeForMatch(text)
      .split(' ')
      .filter((w) => w.length >= 3),
  );
}

/** Recognisably the same wording: at least half the words in common (Dice coefficient ≥ 0.5). */
export function sameWording(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return false;
  const shared = [...x].filter((w) => y.has(w)).length;
  return (2 * shared) / (x.size + y.size) >= 0.5;
}

/**
 * Pairs items: same id and text, then same text, then same id when the later item was carried over
 * from the earlier session or its wording is recognisably the same (reworded); each item is used once.
 */
function match<T>(
  earlier: readonly T[],
  later: readonly T[],
  id: (t: T) => string | null,
  text: (t: T) => string,
  /** True when the later item was carried over from the earlier session, keeping its id. */
  carried: (t: T) => boolean = () => false,
): Matched<T> {
  const usedLater = new Set<number>();
  const pairedEarlier = new Map<number, { later: number; by: 'id' | 'text' }>();
  const pass = (same: (a: T, b: T) => boolean, by: 'id' | 'text') => {
    earlier.forEach((a, i) => {
      if (pairedEarlier.has(i)) return;
      const j = later.findIndex((b, k) => !usedLater.has(k) && same(a, b));
      if (j < 0) return;
      usedLater.add(j);
      pairedEarlier.set(i, { later: j, by });
    });
  };
  const sameId = (a: T, b: T) => id(a) !== null && id(a) === id(b);
  const sameText = (a: T, b: T) => normalizeForMatch(text(a)) === normalizeForMatch(text(b));
  pass((a, b) => sameId(a, b) && sameText(a, b), 'id');
  pass(sameText, 'text');
  pass((a, b) => sameId(a, b) && (carried(b) || sameWording(text(a), text(b))), 'id');
  const pairs = [...pairedEarlier.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, { later: j, by }]) => ({
      earlier: earlier[i]!,
      later: later[j]!,
      by,
      reworded: !sameText(earlier[i]!, later[j]!),
    }));
  return {
    pairs,
    onlyEarlier: earlier.filter((_, i) => !pairedEarlier.has(i)),
    onlyLater: later.filter((_, k) => !usedLater.has(k)),
  };
}

/** The later session's record says this item was carried over from the earlier session. */
function carriedFrom(later: ExportInput, step: StepId, key: string, earlierSessionId: number): boolean {
  const origin = later.provenance?.[step]?.[key]?.origin;
  return origin?.kind === 'carried' && origin.fromSessionId === earlierSessionId;
}

function section<S extends StepId, T>(
  step: S,
  a: ArtifactSet,
  b: ArtifactSet,
  compare: (x: NonNullable<ArtifactSet[S]>, y: NonNullable<ArtifactSet[S]>) => T,
): Section<T> {
  const x = a[step];
  const y = b[step];
  if (x === undefined || y === undefined) {
    const missingIn: Side[] = [];
    if (x === undefined) missingIn.push('earlier');
    if (y === undefined) missingIn.push('later');
    return { status: 'not_comparable', missingIn };
  }
  return { status: 'compared', ...compare(x as NonNullable<ArtifactSet[S]>, y as NonNullable<ArtifactSet[S]>) };
}

// ---------- the comparison ----------

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { Low: 1, Medium: 2, High: 3, Critical: 4 };

const riskRef = (r: RankedRisk): RiskRef => ({
  id: r.id,
  threat: r.threat,
  likelihood: r.likelihood,
  impact: r.impact,
  score: r.score,
  severity: r.severity,
});
const entryRef = (e: RoadmapEntry): RoadmapRef => ({
  id: e.id,
  title: e.title,
  status: e.status,
  horizon: e.horizon,
  effortWeeks: e.effortWeeks,
  owner: e.owner,
  deadline: e.deadline,
  metricTarget: e.metric?.target ?? null,
  metric: e.metric
    ? { name: e.metric.name, baseline: e.metric.baseline, current: e.metric.current, target: e.metric.target }
    : null,
});
const recRef = (r: Recommendation): RecommendationRef => ({
  id: r.id,
  claim: r.claim,
  ceoOneLiner: r.ceoOneLiner,
  verdict: r.verdict,
  confidence: r.confidence,
  openObjections: openObjections(r).length,
});

const ROADMAP_FIELDS: readonly RoadmapField[] = [
  'status',
  'horizon',
  'effortWeeks',
  'owner',
  'deadline',
  'metricTarget',
];

export function compareQuarters(earlier: ExportInput, later: ExportInput): QuarterComparison {
  if (earlier.client.id !== later.client.id) {
    throw invalid(
      `A Radar Review compares two sessions of the same client, not ${earlier.client.name} with ${later.client.name}.`,
    );
  }
  const a = earlier.artifacts;
  const b = later.artifacts;
  const sessionRef = (i: ExportInput): SessionRef => ({
    sessionId: i.session.id,
    quarter: i.session.quarter,
    title: i.session.title,
  });

  return {
    client: { id: later.client.id, name: later.client.name },
    earlier: sessionRef(earlier),
    later: sessionRef(later),
    trends: section('trends', a, b, (x, y) => {
      const ref = (t: { id: string; name: string }): TrendRef => ({ id: t.id, name: t.name });
      const m = match(
        chosenTrends(x).map(ref),
        chosenTrends(y).map(ref),
        () => null,
        (t) => t.name,
      );
      return {
        added: m.onlyLater,
        dropped: m.onlyEarlier,
        kept: m.pairs.map(({ earlier: e, later: l }) => ({ earlier: e, later: l })),
      };
    }),
    risks: section('risks', a, b, (x, y) => {
      const m = match(
        rankRisks(x).map(riskRef),
        rankRisks(y).map(riskRef),
        (r) => r.id,
        (r) => r.threat,
        (r) => carriedFrom(later, 'risks', `risks/${r.id}`, earlier.session.id),
      );
      const moved: RiskMove[] = [];
      const unchanged: RiskRef[] = [];
      for (const p of m.pairs) {
        const direction = severityMove(p.earlier.severity, p.later.severity);
        if (direction === null) unchanged.push(p.later);
        else
          moved.push({
            earlier: p.earlier,
            later: p.later,
            direction,
            matchedBy: p.by === 'id' ? 'id' : 'threat',
            reworded: p.reworded,
          });
      }
      return { moved, added: m.onlyLater, closed: m.onlyEarlier, unchanged };
    }),
    roadmap: section('roadmap', a, b, (x, y) => {
      const laterEntries = y.entries.map(entryRef);
      const m = match(
        x.entries.map(entryRef),
        laterEntries,
        (e) => e.id,
        (e) => e.title,
        (e) => carriedFrom(later, 'roadmap', `entries/${e.id}`, earlier.session.id),
      );
      const changed: RoadmapChange[] = [];
      const done: RoadmapChange[] = [];
      const dropped: RoadmapChange[] = [];
      const unchanged: RoadmapRef[] = [];
      for (const p of m.pairs) {
        const changes = ROADMAP_FIELDS.filter((f) => !sameValue(p.earlier[f], p.later[f])).map((f) => ({
          field: f,
          from: p.earlier[f],
          to: p.later[f],
        }));
        const closedNow = isClosed(p.later) && p.later.status !== p.earlier.status;
        if (closedNow)
          (p.later.status === 'done' ? done : dropped).push({
            earlier: p.earlier,
            later: p.later,
            changes: changes.filter((c) => c.field !== 'status'),
          });
        else if (changes.length > 0) changed.push({ earlier: p.earlier, later: p.later, changes });
        else unchanged.push(p.later);
      }
      const earlierOf = new Map(m.pairs.map((p) => [p.later, p.earlier]));
      const metrics = laterEntries.flatMap((entry): MetricReading[] => {
        if (!entry.metric) return [];
        const before = earlierOf.get(entry);
        const sameMetric =
          before?.metric && normalizeForMatch(before.metric.name) === normalizeForMatch(entry.metric.name);
        const earlierCurrent = sameMetric ? before.metric!.current : null;
        return [
          {
            entry,
            metric: entry.metric,
            earlierCurrent,
            progress: metricProgress(entry.metric),
            earlierProgress:
              earlierCurrent === null ? null : metricProgress({ ...entry.metric, current: earlierCurrent }),
          },
        ];
      });
      return { added: m.onlyLater, changed, done, dropped, removed: m.onlyEarlier, unchanged, metrics };
    }),
    context: section('context', a, b, (x, y) => {
      const numbers = match(
        x.keyNumbers.map((k) => ({ label: k.label, value: k.value })),
        y.keyNumbers.map((k) => ({ label: k.label, value: k.value })),
        () => null,
        (k) => k.label,
      );
      const goals = match(
        x.ceoGoals,
        y.ceoGoals,
        () => null,
        (g) => g,
      );
      return {
        numbersChanged: numbers.pairs
          .filter((p) => !sameValue(p.earlier.value, p.later.value))
          .map((p) => ({ label: p.later.label, from: p.earlier.value, to: p.later.value })),
        numbersAdded: numbers.onlyLater,
        numbersRemoved: numbers.onlyEarlier,
        goalsAdded: goals.onlyLater,
        goalsDropped: goals.onlyEarlier,
        goalsKept: goals.pairs.map((p) => p.later),
      };
    }),
    passed: passedDates(b, later.generatedAt),
    recommendations: section('sounding_board', a, b, (x, y) => {
      const m = match(
        x.recommendations.map(recRef),
        y.recommendations.map(recRef),
        (r) => r.id,
        (r) => r.claim ?? r.id,
        (r) => carriedFrom(later, 'sounding_board', `recommendations/${r.id}`, earlier.session.id),
      );
      const verdictChanged = m.pairs
        .filter((p) => p.earlier.verdict !== p.later.verdict)
        .map(({ earlier: e, later: l }) => ({ earlier: e, later: l }));
      const unchanged = m.pairs.filter((p) => p.earlier.verdict === p.later.verdict).map((p) => p.later);
      return { verdictChanged, added: m.onlyLater, withdrawn: m.onlyEarlier, unchanged };
    }),
  };
}

function passedDates(b: ArtifactSet, generatedAt: Date): QuarterComparison['passed'] {
  const asOf = isoDate(generatedAt);
  const dates: PassedDate[] = [];
  for (const r of b.risks?.risks ?? [])
    if (r.reviewDate !== null && r.reviewDate < asOf)
      dates.push({ kind: 'risk review', id: r.id, what: r.threat, date: r.reviewDate });
  for (const e of b.roadmap?.entries ?? []) {
    // The last day a deadline allows: a date as written, a quarter ("2027-Q2") to its last day.
    const due = e.deadline === null ? null : (dayWindowOf(e.deadline)?.last ?? null);
    if (!isClosed(e) && due !== null && due < asOf)
      dates.push({ kind: 'roadmap deadline', id: e.id, what: e.title, date: e.deadline! });
  }
  return { asOf, dates: dates.sort((x, y) => x.date.localeCompare(y.date)) };
}

function severityMove(earlier: Severity | null, later: Severity | null): RiskMove['direction'] | null {
  if (earlier === later) return null;
  if (earlier === null) return 'scored';
  if (later === null) return 'unscored';
  return SEVERITY_RANK[later] > SEVERITY_RANK[earlier] ? 'up' : 'down';
}

function sameValue(x: string | number | null, y: string | number | null): boolean {
  if (typeof x === 'string' && typeof y === 'string') return x.trim() === y.trim();
  return x === y;
}
