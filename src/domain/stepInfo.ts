/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). steps.ts adds the schema. */

/** The seven steps of the Foresight Accelerator, in the order a quarterly session runs them. */
export const STEP_IDS = ['context', 'trends', 'dialogue', 'impact', 'risks', 'roadmap', 'sounding_board'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface StepInfo {
  readonly id: StepId;
  readonly number: number;
  readonly title: string;
  /** What the step must leave behind before the session may move on. */
  readonly produces: string;
}

export const STEPS: Readonly<Record<StepId, StepInfo>> = {
  context: { id: 'context', number: 1, title: 'Context', produces: 'Company context' },
  trends: { id: 'trends', number: 2, title: 'Trends', produces: '2–3 chosen trends' },
  dialogue: { id: 'dialogue', number: 3, title: 'Socratic dialogue', produces: 'Insight and assumption ledger' },
  impact: { id: 'impact', number: 4, title: 'Impact', produces: 'Impact forecast' },
  risks: { id: 'risks', number: 5, title: 'Risks', produces: 'Risk register' },
  roadmap: { id: 'roadmap', number: 6, title: 'Strategy synthesis', produces: 'Roadmap' },
  sounding_board: {
    id: 'sounding_board',
    number: 7,
    title: 'Sounding board',
    produces: 'Pressure-tested recommendations',
  },
};
