import { z } from 'zod';
import { ShortText, Text, TextList } from './common.js';

export const KeyNumber = z.object({
  label: ShortText.describe('what is measured, e.g. "ARR" or "engineers"'),
  value: ShortText.describe('the figure as the client gave it, e.g. "$8M" or "14"'),
});

export const Constraints = z.object({
  budget: z.string().trim().max(1000).nullable(),
  team: z.string().trim().max(1000).nullable().describe('size and skills'),
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
