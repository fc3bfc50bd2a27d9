import { z } from 'zod';
import { DateOrQuarter, ShortText, Text, TextList } from './common.js';
import { spanOf } from '../dayWindows.js';

export const KeyNumber = z.object({
  label: ShortText.describe('what is measured, e.g. "ARR" or "engineers"'),
  value: ShortText.describe('the figure as the client gave it, e.g. "$8M" or "14"'),
});

/** A window when nothing may change or ship (a peak season, a year-end close, an audit), from its first day or quarter to its last. */
export const Freeze = z
  .object({
    what: ShortText.describe('what the window is, e.g. "peak season" or "year-end close"'),
    from: DateOrQuarter.describe('its first day (YYYY-MM-DD) or quarter (2027-Q4)'),
    to: DateOrQuarter.describe('its last day (YYYY-MM-DD) or quarter (2027-Q4), not before `from`'),
  })
  .refine((f) => spanOf(f.from, f.to) !== null, {
    message: 'a freeze ends on or after the day it starts',
    path: ['to'],
  });
export type Freeze = z.infer<typeof Freeze>;

export const Constraints = z.object({
  budget: z.string().trim().max(1000).nullable(),
  budgetAmount: z
    .number()
    .nonnegative()
    .nullable()
    .describe(
      'the money the client can spend on the roadmap, as one number in currency units, e.g. 400000 for "€400k this year"; null unless the client gave an amount',
    ),
  team: z.string().trim().max(1000).nullable().describe('size and skills'),
  teamWeeksPerQuarter: z
    .number()
    .positive()
    .max(100_000)
    .nullable()
    .describe(
      'engineer-weeks per quarter the team can give the roadmap, e.g. 4 engineers free for it full-time = 52; null unless the client said how many people and how much of their time',
    ),
  time: z.string().trim().max(1000).nullable().describe('deadlines and windows'),
  freezes: z
    .array(Freeze)
    .max(20)
    .describe(
      'windows when nothing may change or ship, each with its first and last day or quarter as the client gave them; empty unless the client named the window and when it is',
    ),
  regulation: z.string().trim().max(1000).nullable(),
});

/** Step 1: short and specific, numbers where the client has them. */
export const ContextArtifact = z.object({
  summary: Text.describe('two or three sentences a board member would recognise'),
  services: TextList,
  products: TextList,
  customers: TextList,
  marketPosition: z.string().trim().max(2000).nullable(),
  competitors: TextList,
  businessModel: z.string().trim().max(2000).nullable(),
  ceoGoals: TextList.describe("the CEO's goals for the year"),
  constraints: Constraints,
  keyNumbers: z.array(KeyNumber).max(20),
  gaps: TextList.describe('what is still unknown and worth asking'),
});
export type ContextArtifact = z.infer<typeof ContextArtifact>;
