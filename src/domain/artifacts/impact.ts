import { z } from 'zod';
import { IMPACT_SCOPES } from '../vocabulary.js';
import { Horizon, Id, Level, ShortText, Text } from './common.js';

export const ImpactScope = z.enum(IMPACT_SCOPES);
export type ImpactScope = z.infer<typeof ImpactScope>;

export const Forecast = z.object({
  scope: ImpactScope,
  trendId: Id.nullable(),
  change: Text.describe('what changes'),
  direction: z.enum(['up', 'down', 'mixed']).nullable().describe('null when nobody said which way'),
  magnitude: Level.nullable().describe('null when nobody sized it'),
  horizon: Horizon.nullable().describe('null when nobody said when'),
  confidence: Level.nullable().describe('null when nobody said how sure'),
  reasoning: z.string().trim().max(3000).nullable(),
  insightIds: z.array(Id).max(20),
  signpost: ShortText.nullable().describe('the observable indicator that would confirm or refute this early'),
});
export type Forecast = z.infer<typeof Forecast>;

/** Step 4: what the trends do to the company, its industry and its market. */
export const ImpactArtifact = z.object({
  forecasts: z.array(Forecast).max(30),
});
export type ImpactArtifact = z.infer<typeof ImpactArtifact>;

export function scopesMissing(artifact: ImpactArtifact): ImpactScope[] {
  return IMPACT_SCOPES.filter((scope) => !artifact.forecasts.some((f) => f.scope === scope));
}
