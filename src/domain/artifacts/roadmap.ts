import { z } from 'zod';
import { ROADMAP_STATUSES } from '../roadmapStatus.js';
import { Horizon, Id, ShortText, Text, TextList } from './common.js';

export const RoadmapStatus = z
  .enum(ROADMAP_STATUSES)
  .describe(
    'planned (not started), in_progress, done or dropped; an entry carried over from an earlier roadmap keeps its status until the client says it moved',
  );
export type RoadmapStatus = z.infer<typeof RoadmapStatus>;

export const SuccessMetric = z.object({
  name: ShortText.describe('e.g. deployment frequency, MTTR, cloud cost, incident rate'),
  baseline: ShortText.nullable().describe('the value when the entry was planned'),
  current: ShortText.nullable().describe('the latest measured value, or null if not measured since the baseline'),
  target: ShortText,
});
export type SuccessMetric = z.infer<typeof SuccessMetric>;

/**
 * Money, with the assumption said aloud. Enterprise value is derived (EBITDA effect × multiple),
 * never typed in, so the multiple can be challenged.
 */
export const FinancialFraming = z.object({
  oneOffCost: z.number().nonnegative().nullable().describe('currency units'),
  annualEbitdaEffect: z.number().nullable().describe('currency units per year; savings flow straight to EBITDA'),
  evMultiple: z.number().positive().max(100).nullable().describe('EBITDA multiple assumed for enterprise value'),
  capexOpex: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .describe('e.g. capitalising development labour moves cost to CapEx'),
  assumption: z.string().trim().max(2000).nullable(),
});
export type FinancialFraming = z.infer<typeof FinancialFraming>;

export const Adr = z.object({
  context: Text.nullable(),
  decision: Text,
  alternatives: TextList,
  consequences: Text.nullable(),
});

export const RoadmapEntry = z.object({
  id: Id,
  title: ShortText,
  status: RoadmapStatus,
  rationale: Text.nullable().describe('which trends, insights and risks it answers; null when nobody said'),
  horizon: Horizon.nullable().describe('null when nobody said when'),
  effortWeeks: z
    .number()
    .positive()
    .max(520)
    .nullable()
    .describe('effort in weeks, never story points; null only when nobody has estimated it yet (a gap, not a guess)'),
  owner: ShortText.nullable(),
  deadline: ShortText.nullable().describe('a date (YYYY-MM-DD) or a quarter (2027-Q2)'),
  metric: SuccessMetric.nullable(),
  financial: FinancialFraming,
  trendIds: z.array(Id).max(10),
  riskIds: z.array(Id).max(20),
  adr: Adr.nullable(),
});
export type RoadmapEntry = z.infer<typeof RoadmapEntry>;

/** Step 6: entries a team can start on Monday. */
export const RoadmapArtifact = z.object({
  entries: z.array(RoadmapEntry).max(30),
});
export type RoadmapArtifact = z.infer<typeof RoadmapArtifact>;
