import { z } from 'zod';
import { STEP_IDS } from './stepInfo.js';

export { STEP_IDS, STEPS, type StepInfo } from './stepInfo.js';

export const StepId = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepId>;

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

/** The quarter after `quarter`: 2027-Q4 → 2028-Q1. */
export function quarterAfter(quarter: Quarter): Quarter {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}
