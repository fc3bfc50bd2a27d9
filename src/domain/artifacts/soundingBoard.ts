import { z } from 'zod';
import { OBJECTION_LENSES, OBJECTION_STATUSES, VERDICTS } from '../vocabulary.js';
import { Id, Level, ShortText, Text, TextList } from './common.js';

export const ObjectionLens = z.enum(OBJECTION_LENSES);
export type ObjectionLens = z.infer<typeof ObjectionLens>;

export const ObjectionStatus = z
  .enum(OBJECTION_STATUSES)
  .describe(
    'open until a client message meets it: answered_with_evidence (a fact, number or source) or answered_with_reason (an argument); pushback alone leaves it open',
  );
export type ObjectionStatus = z.infer<typeof ObjectionStatus>;

export const Objection = z.object({
  lens: ObjectionLens,
  objection: Text,
  basis: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .describe('the computed fact or stated figure it rests on, quoted; null when it rests on none'),
  response: z.string().trim().max(2000).nullable(),
  status: ObjectionStatus,
  closedByMessageId: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe("the id of the client's message that answered it; null while it is open"),
});
export type Objection = z.infer<typeof Objection>;

/** What a stakeholder could do to stop a failure story: the owner, timing and trigger stay gaps until named. */
export const Mitigation = z.object({
  action: ShortText,
  owner: ShortText.nullable(),
  timing: ShortText.nullable().describe('when, e.g. "before the pilot starts" or "2027-Q2"'),
  trigger: ShortText.nullable().describe('the early sign that the failure is happening'),
});
export type Mitigation = z.infer<typeof Mitigation>;

/** "It is 12 months later and this failed": one stakeholder's story of why. */
export const FailureStory = z.object({
  stakeholder: ShortText.nullable().describe('whose story, e.g. "CFO", "lead engineer", "largest customer"'),
  story: Text.describe('what happened, in a sentence or two'),
  cause: z.string().trim().max(1000).nullable(),
  mitigation: Mitigation.nullable(),
});
export type FailureStory = z.infer<typeof FailureStory>;

export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/** "Ready" said while objections were still open: allowed only with a reason, which goes on the record. */
export const ReadyDespite = z.object({
  reason: z.string().trim().min(1).max(1000).describe("why the client called it ready anyway, in the client's words"),
  messageId: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe("the id of the client's message that gave the reason; null when it was not recorded"),
});
export type ReadyDespite = z.infer<typeof ReadyDespite>;

export const Recommendation = z
  .object({
    id: Id,
    claim: Text.nullable().describe('null when the recommendation was not stated'),
    roadmapEntryIds: z.array(Id).max(10),
    objections: z.array(Objection).max(24),
    preMortem: z
      .array(FailureStory)
      .max(12)
      .describe('"it is 12 months later and this failed": stories from distinct stakeholders'),
    flipConditions: TextList.describe('what would flip the verdict, each a concrete finding'),
    evidenceGaps: TextList,
    strongestAlternative: z.string().trim().max(2000).nullable(),
    verdict: Verdict.nullable().describe('null when nobody concluded'),
    readyDespite: ReadyDespite.nullable().describe(
      'only with the verdict "ready" while objections are still open: the reason the client gave for calling it ready anyway; null otherwise',
    ),
    confidence: Level.nullable(),
    ceoOneLiner: ShortText.nullable().describe('the recommendation for the CEO in one sentence; null when not stated'),
    supportingPoints: z.array(z.string().trim().min(1).max(500)).max(3),
  })
  .refine((r) => r.readyDespite === null || r.verdict === 'ready', {
    message: 'a reason for calling it ready despite open objections goes only with the verdict "ready"',
    path: ['readyDespite'],
  });
export type Recommendation = z.infer<typeof Recommendation>;

/** Step 7: every recommendation attacked before it reaches the CEO. */
export const SoundingBoardArtifact = z.object({
  recommendations: z.array(Recommendation).max(15),
});
export type SoundingBoardArtifact = z.infer<typeof SoundingBoardArtifact>;
