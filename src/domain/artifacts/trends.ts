import { z } from 'zod';
import { TREND_LENSES } from '../vocabulary.js';
import { Horizon, Id, ShortText, Text, TextList } from './common.js';

export const TrendLens = z.enum(TREND_LENSES);
export type TrendLens = z.infer<typeof TrendLens>;

export const Trend = z.object({
  id: Id,
  name: ShortText,
  lens: TrendLens,
  description: Text.describe('one line'),
  whyNow: z.string().trim().max(2000).nullable(),
  signals: TextList.describe('evidence that it is real, not hype'),
  timeToImpact: Horizon.nullable(),
  relevance: z.string().trim().max(2000).nullable().describe('why it matters to this client'),
  chosen: z.boolean(),
  origin: z.enum(['proposed', 'user']),
});
export type Trend = z.infer<typeof Trend>;

/** Step 2: candidates through several lenses; the user keeps two or three. */
export const TrendsArtifact = z.object({
  trends: z.array(Trend).max(12),
});
export type TrendsArtifact = z.infer<typeof TrendsArtifact>;

export const MIN_CHOSEN_TRENDS = 2;
export const MAX_CHOSEN_TRENDS = 3;

export function chosenTrends(artifact: TrendsArtifact): Trend[] {
  return artifact.trends.filter((t) => t.chosen);
}
