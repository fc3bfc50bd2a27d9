/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The bands of the 5×5 matrix, said once. Score = likelihood × impact (1–25).
 * Meanings follow the technical-debt scale of the delivery playbook.
 */
export const SEVERITY_BANDS: ReadonlyArray<{ severity: Severity; minScore: number; meaning: string }> = [
  { severity: 'Critical', minScore: 15, meaning: 'company-ending: fix now' },
  { severity: 'High', minScore: 10, meaning: 'fix this quarter' },
  { severity: 'Medium', minScore: 5, meaning: 'plan for it' },
  { severity: 'Low', minScore: 1, meaning: 'track it' },
];

export function severityOf(likelihood: number, impact: number): Severity {
  const score = likelihood * impact;
  const band = SEVERITY_BANDS.find((b) => score >= b.minScore);
  return band ? band.severity : 'Low';
}
