import { MIN_EXCHANGES_PER_TREND, chosenTrends, type TrendsArtifact } from './artifacts/index.js';
import { isQuestionBack, normalise, wordCount } from './prose.js';

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

const MOVE_ON = /\b(?:next trend|move on|skip (?:this|the) trend|another trend|switch trends?|other trend)\b/i;
const ENOUGH =
  /^(?:ok(?:ay)?[,.]?\s*)?(?:i think\s+)?(?:that'?s |that is |it'?s )?(?:enough|done|stop|we'?re done|let'?s stop|finish(?:ed)?|no more)\b/i;

/** A short message that steers the dialogue ("next trend", "enough") rather than answering. */
export function steering(text: string): 'move_on' | 'enough' | null {
  const t = normalise(text);
  if (wordCount(t) > 8) return null;
  if (MOVE_ON.test(t)) return 'move_on';
  if (ENOUGH.test(t)) return 'enough';
  return null;
}

/**
 * The user's answers per trend, as the dialogue's guard counts them: "next trend", "enough" and a
 * question asked back ("What do you mean?") are messages, not answers. "Don't know" is an answer.
 */
export function countDialogueAnswers(
  messages: ReadonlyArray<{ readonly trendId: string | null; readonly content: string }>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) {
    if (m.trendId && !steering(m.content) && !isQuestionBack(m.content))
      counts[m.trendId] = (counts[m.trendId] ?? 0) + 1;
  }
  return counts;
}
