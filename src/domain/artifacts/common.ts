import { z } from 'zod';
import { HORIZONS } from '../horizons.js';
import { DATE_OR_QUARTER, dayWindowOf } from '../dayWindows.js';
import { LEVELS, SCORES } from '../vocabulary.js';

/*
 * Conventions for every artifact schema:
 * - the same schema validates what a model produces, what a user edits and what is read back from SQLite;
 * - optional facts are `.nullable()`, never `.optional()`, because OpenAI's strict structured output
 *   requires every property to be present;
 * - anything derivable (severity, enterprise value) is not a field: it is computed, so it cannot disagree.
 */

export const Id = z.string().trim().min(1).max(60).describe('short stable identifier, e.g. "t1" or "r3"');

export const Text = z.string().trim().min(1).max(4000);
export const ShortText = z.string().trim().min(1).max(300);
export const TextList = z.array(z.string().trim().min(1).max(1000)).max(40);

/** A day or a quarter in the calendar, as deadlines and freeze windows are written. */
export const DateOrQuarter = z
  .string()
  .trim()
  .regex(DATE_OR_QUARTER, 'a date (YYYY-MM-DD) or a quarter (2027-Q2)')
  .refine((t) => dayWindowOf(t) !== null, 'not a day in the calendar');

export const Horizon = z.enum(HORIZONS).describe('months from now');
export type Horizon = z.infer<typeof Horizon>;
export { HORIZON_LABELS } from '../horizons.js';

export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** A 1–5 score, as on the 5×5 risk matrix. */
export const Score = z
  .number()
  .int()
  .min(Math.min(...SCORES))
  .max(Math.max(...SCORES));
export type Score = z.infer<typeof Score>;
