import { z } from 'zod';
import { ShortText, Text, TextList } from './common.js';

export const KeyNumber = z.object({
  label: ShortText.describe('what is measured, e.g. "ARR" or "engineers"'),
  value: ShortText.describe('the figure as the client gave it, e.g. "$8M" or "14"'),
});

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
