/* No zod here (type imports only): the page imports this module too (bundled at /shared/domain.mjs). */
import type { FinancialFraming, RoadmapEntry } from './artifacts/roadmap.js';

export { ROADMAP_STATUSES, ROADMAP_STATUS_LABELS } from './roadmapStatus.js';

/** Done or dropped: nothing left to start, so no gaps to close and no effort or money still ahead. */
export function isClosed(entry: Pick<RoadmapEntry, 'status'>): boolean {
  return entry.status === 'done' || entry.status === 'dropped';
}

export function enterpriseValueEffect(f: FinancialFraming): number | null {
  return f.annualEbitdaEffect !== null && f.evMultiple !== null ? f.annualEbitdaEffect * f.evMultiple : null;
}

/** What keeps an entry from being startable on Monday; empty when it is complete, done or dropped. */
export function roadmapGaps(entry: RoadmapEntry): string[] {
  const gaps: string[] = [];
  if (isClosed(entry)) return gaps;
  if (entry.horizon === null) gaps.push('horizon');
  if (entry.effortWeeks === null) gaps.push('effort estimate');
  if (!entry.owner) gaps.push('owner');
  if (!entry.deadline) gaps.push('deadline');
  if (!entry.metric) gaps.push('success metric');
  else if (!entry.metric.baseline) gaps.push('metric baseline');
  if (entry.financial.oneOffCost === null && entry.financial.annualEbitdaEffect === null)
    gaps.push('financial framing');
  return gaps;
}

/** The one number in a value and the shape around it ("$1.75M/yr" → 1.75, "$#m/yr"); null when there is not exactly one. */
/**
 * The one number in a value and its unit: what touches the number ("$", "%", "M/yr"), or else the
 * word after it ("240 minutes"). Words further on are commentary ("0% of tickets" is "#%", like "91%").
 */
function amount(value: string): { n: number; shape: string } | null {
  const plain = value.replace(/(\d),(?=\d{3}(?!\d))/g, '$1').replace(/−/g, '-');
  const numbers = [...plain.matchAll(/-?\d+(?:\.\d+)?/g)];
  if (numbers.length !== 1) return null;
  const m = numbers[0]!;
  const before = plain.slice(0, m.index).match(/\S*$/)![0];
  const after = plain.slice(m.index + m[0].length);
  const touching = after.match(/^\S*/)![0];
  const unit = touching !== '' ? touching : (after.match(/^\s+([a-z]+|%)/i)?.[1] ?? '');
  return { n: Number(m[0]), shape: `${before}#${unit}`.toLowerCase() };
}

/**
 * How far a metric's latest value has come from its baseline toward its target: 0 where it started,
 * 1 (or more) when the target is met, below 0 when it moved away. Works for lower-is-better metrics
 * too (cloud cost, MTTR). Null when it cannot be said honestly: no baseline or latest value, or the
 * three values are not the same kind of number ("14%", "14.6%", "17%" are; "$2.1M" and "$1,750k" are not).
 */
export function metricProgress(metric: {
  baseline: string | null;
  current: string | null;
  target: string;
}): number | null {
  if (metric.baseline === null || metric.current === null) return null;
  const [baseline, current, target] = [metric.baseline, metric.current, metric.target].map(amount);
  if (!baseline || !current || !target) return null;
  if (baseline.shape !== current.shape || baseline.shape !== target.shape || target.n === baseline.n) return null;
  // Rounded so float noise does not decide a percentage (0.35 / 0.4 is 0.875, not 0.87499…).
  return Math.round(((current.n - baseline.n) / (target.n - baseline.n)) * 10_000) / 10_000;
}
