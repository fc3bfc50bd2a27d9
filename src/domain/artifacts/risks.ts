import { z } from 'zod';
import { Id, Score, ShortText, Text } from './common.js';
import { severityOf, type Severity } from '../severity.js';

export const RiskCategory = z.enum(['technical', 'security', 'organisational', 'market', 'regulatory', 'financial']);

export const Risk = z.object({
  id: Id,
  threat: Text,
  category: RiskCategory,
  trendId: Id.nullable(),
  likelihood: Score.nullable().describe(
    '1–5 as the client scored it; null when nobody scored it (a gap, never a guess)',
  ),
  impact: Score.nullable().describe('1–5 as the client scored it; null when nobody scored it (a gap, never a guess)'),
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
  risks: z.array(Risk).max(40),
});
export type RisksArtifact = z.infer<typeof RisksArtifact>;

/** Score and severity are null until both likelihood and impact are scored: a gap, not a guess. */
export type RankedRisk = Risk & { score: number | null; severity: Severity | null };

export function isScored(r: Pick<Risk, 'likelihood' | 'impact'>): r is Risk & { likelihood: number; impact: number } {
  return r.likelihood !== null && r.impact !== null;
}

/**
 * Ranked by business impact: score first, then impact, so a likely nuisance sits below a rare disaster.
 * Unscored risks come after the scored ones, in register order: they are shown with the gap, not hidden.
 */
export function rankRisks(artifact: RisksArtifact): RankedRisk[] {
  const ranked = artifact.risks.map((r) =>
    isScored(r)
      ? { ...r, score: r.likelihood * r.impact, severity: severityOf(r.likelihood, r.impact) }
      : { ...r, score: null, severity: null },
  );
  return [
    ...ranked.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || b.impact! - a.impact!),
    ...ranked.filter((r) => r.score === null),
  ];
}
