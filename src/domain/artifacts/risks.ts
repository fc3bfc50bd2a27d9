import { z } from 'zod';
import { Id, Score, ShortText, Text } from './common.js';
import { severityOf, type Severity } from '../severity.js';

export const RiskCategory = z.enum(['technical', 'security', 'organisational', 'market', 'regulatory', 'financial']);

export const Risk = z.object({
  id: Id,
  threat: Text,
  category: RiskCategory,
  trendId: Id.nullable(),
  likelihood: Score,
  impact: Score,
  mitigation: z.string().trim().max(2000).nullable(),
  owner: ShortText.nullable(),
  trigger: z.string().trim().max(1000).nullable().describe('early-warning sign that the risk is arriving'),
  reviewDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a review date is written YYYY-MM-DD')
    .nullable(),
});
export type Risk = z.infer<typeof Risk>;

/** Step 5: severity is not stored; it is derived from likelihood × impact wherever it is shown. */
export const RisksArtifact = z.object({
  risks: z.array(Risk).min(1).max(40),
});
export type RisksArtifact = z.infer<typeof RisksArtifact>;

export type RankedRisk = Risk & { score: number; severity: Severity };

/** Ranked by business impact: score first, then impact, so a likely nuisance sits below a rare disaster. */
export function rankRisks(artifact: RisksArtifact): RankedRisk[] {
  return artifact.risks
    .map((r) => ({ ...r, score: r.likelihood * r.impact, severity: severityOf(r.likelihood, r.impact) }))
    .sort((a, b) => b.score - a.score || b.impact - a.impact);
}
