import { z } from 'zod';
import { OBJECTION_LENSES, VERDICTS } from '../vocabulary.js';
import { Id, Level, ShortText, Text, TextList } from './common.js';

export const ObjectionLens = z.enum(OBJECTION_LENSES);
export type ObjectionLens = z.infer<typeof ObjectionLens>;

export const Objection = z.object({
  lens: ObjectionLens,
  objection: Text,
  response: z.string().trim().max(2000).nullable(),
});

export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

export const Recommendation = z.object({
  id: Id,
  claim: Text.nullable().describe('null when the recommendation was not stated'),
  roadmapEntryIds: z.array(Id).max(10),
  objections: z.array(Objection).max(20),
  preMortem: TextList.describe('"a year from now this failed because…"'),
  evidenceGaps: TextList,
  strongestAlternative: z.string().trim().max(2000).nullable(),
  verdict: Verdict.nullable().describe('as the client concluded; null when they did not'),
  confidence: Level.nullable(),
  openObjections: TextList,
  ceoOneLiner: ShortText.nullable().describe('the recommendation for the CEO in one sentence; null when not stated'),
  supportingPoints: z.array(z.string().trim().min(1).max(500)).max(3),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** Step 7: every recommendation attacked before it reaches the CEO. */
export const SoundingBoardArtifact = z.object({
  recommendations: z.array(Recommendation).max(15),
});
export type SoundingBoardArtifact = z.infer<typeof SoundingBoardArtifact>;
