import { MIN_EXCHANGES_PER_TREND, chosenTrends, type TrendsArtifact } from './artifacts/index.js';

/**
 * Which chosen trend the next dialogue question explores: stay with the current trend until it has
 * its answers, then move to the least explored one. Null when no trend is chosen.
 */
export function nextDialogueTrend(
  trends: TrendsArtifact | undefined,
  answersByTrend: Readonly<Record<string, number>>,
  currentTrendId: string | null,
): string | null {
  const chosen = trends ? chosenTrends(trends) : [];
  if (chosen.length === 0) return null;
  const answers = (id: string) => answersByTrend[id] ?? 0;
  const current = chosen.find((t) => t.id === currentTrendId);
  if (current && answers(current.id) < MIN_EXCHANGES_PER_TREND) return current.id;
  const leastExplored = [...chosen].sort((a, b) => answers(a.id) - answers(b.id))[0]!;
  if (current && answers(leastExplored.id) >= answers(current.id)) return current.id;
  return leastExplored.id;
}

/** Where "Next trend" goes: the least explored chosen trend other than the current one; null when there is none. */
export function trendAfterMoveOn(
  trends: TrendsArtifact | undefined,
  answersByTrend: Readonly<Record<string, number>>,
  currentTrendId: string | null,
): string | null {
  const others = (trends ? chosenTrends(trends) : []).filter((t) => t.id !== currentTrendId);
  if (others.length === 0) return null;
  return [...others].sort((a, b) => (answersByTrend[a.id] ?? 0) - (answersByTrend[b.id] ?? 0))[0]!.id;
}
