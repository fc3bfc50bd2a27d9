import { z } from 'zod';
import { ASSUMPTION_STATUSES } from '../vocabulary.js';
import { Id, Text } from './common.js';

/** The six classic families of Socratic questions. */
export const QuestionFamily = z.enum([
  'clarify',
  'probe_assumptions',
  'probe_evidence',
  'other_viewpoints',
  'implications',
  'question_the_question',
]);
export type QuestionFamily = z.infer<typeof QuestionFamily>;

export const AssumptionStatus = z.enum(ASSUMPTION_STATUSES);

export const Insight = z.object({
  id: Id,
  trendId: Id,
  text: Text,
  /** The exchange that produced it: the id of the user's answer in the transcript. */
  fromMessageId: z.number().int().positive().nullable(),
});
export type Insight = z.infer<typeof Insight>;

export const Assumption = z.object({
  id: Id,
  trendId: Id,
  text: Text,
  status: AssumptionStatus,
  note: z.string().trim().max(2000).nullable(),
  /** The exchange where it was stated: the id of the user's answer in the transcript. */
  fromMessageId: z.number().int().positive().nullable(),
});
export type Assumption = z.infer<typeof Assumption>;

/** Step 3: the ledger the dialogue leaves behind; the exchanges themselves stay in the transcript. */
export const DialogueArtifact = z.object({
  trendSummaries: z.array(z.object({ trendId: Id, summary: Text })).max(3),
  insights: z.array(Insight).max(60),
  assumptions: z.array(Assumption).max(60),
});
export type DialogueArtifact = z.infer<typeof DialogueArtifact>;

/** Exchanges per chosen trend before the dialogue may end without the user saying "enough". */
export const MIN_EXCHANGES_PER_TREND = 3;
