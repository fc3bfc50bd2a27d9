import { z } from 'zod';

/** The seven steps of the Foresight Accelerator, in the order a quarterly session runs them. */
export const STEP_IDS = ['context', 'trends', 'dialogue', 'impact', 'risks', 'roadmap', 'sounding_board'] as const;

export const StepId = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepId>;

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

/**
 * A quarterly session runs all seven steps; a quick check is the sounding board alone,
 * for pressure-testing a recommendation before a CEO meeting.
 */
export const SessionMode = z.enum(['quarterly', 'quick_check']);
export type SessionMode = z.infer<typeof SessionMode>;

export function stepsOf(mode: SessionMode): readonly StepId[] {
  switch (mode) {
    case 'quarterly':
      return STEP_IDS;
    case 'quick_check':
      return ['sounding_board'];
    default: {
      const unreachable: never = mode;
      return unreachable;
    }
  }
}

/** e.g. 2027-Q1: the unit that makes the same client's sessions comparable. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter is written like 2027-Q1');
export type Quarter = z.infer<typeof Quarter>;

export function quarterOf(date: Date): Quarter {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
