/* No zod here (type imports only): the page imports this module too (bundled at /shared/pictures.mjs). */
import type { FinancialFraming, RoadmapEntry } from './artifacts/roadmap.js';

export function enterpriseValueEffect(f: FinancialFraming): number | null {
  return f.annualEbitdaEffect !== null && f.evMultiple !== null ? f.annualEbitdaEffect * f.evMultiple : null;
}

/** What keeps an entry from being startable on Monday; empty when it is complete. */
export function roadmapGaps(entry: RoadmapEntry): string[] {
  const gaps: string[] = [];
  if (!entry.owner) gaps.push('owner');
  if (!entry.deadline) gaps.push('deadline');
  if (!entry.metric) gaps.push('success metric');
  else if (!entry.metric.baseline) gaps.push('metric baseline');
  if (entry.financial.oneOffCost === null && entry.financial.annualEbitdaEffect === null) gaps.push('financial framing');
  return gaps;
}
