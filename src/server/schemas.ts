import { z } from 'zod';
import {
  CONVERSATION_ACTIONS,
  CurrencyCode,
  INDUSTRY_PROFILES,
  OverrideReason,
  Quarter,
  REGIONS,
  SessionMode,
  StepId,
  TypedAnswer,
} from '../domain/index.js';

/** Request bodies and parameters: the HTTP boundary, validated before anything is stored. */

const Name = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

/** A region as a person writes it ("US", "uk"): one of eu, us or uk, whatever the case. */
const RegionParam = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(REGIONS));

export const CreateSessionBody = z.object({
  clientName: Name,
  industry: Name,
  quarter: Quarter,
  mode: SessionMode.default('quarterly'),
  title: z.string().trim().max(200).nullish(),
  carryOver: z.boolean().default(false).describe("start from the client's previous quarter"),
  carryFrom: z.number().int().positive().nullish().describe('the session to carry from, if not the default'),
  allowDuplicate: z.boolean().default(false).describe('a second quarterly session for a quarter that has one'),
  currency: CurrencyCode.nullish().describe("the client's currency (ISO 4217); when given, it is set on the client"),
  region: RegionParam.nullish().describe("a new client's region, for its question banks: eu, us or uk"),
});

/** The question banks that fit a client: an industry profile and a region. */
export const BankProfileBody = z.strictObject({ industry: z.enum(INDUSTRY_PROFILES), region: RegionParam });

export const SessionPlanQuery = z.object({ clientName: Name, quarter: Quarter });

export const ClientIdParam = z.coerce.number({ message: 'must be a client number' }).int().positive();

export const ListClientsQuery = z.object({
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});

export const UpdateClientBody = z
  .strictObject({
    name: Name.optional(),
    industry: Name.optional(),
    archived: z.boolean().optional(),
    currency: CurrencyCode.nullable().optional().describe('ISO 4217 code; null: not set'),
    profile: BankProfileBody.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'name, industry, archived, currency or profile is required');

export const UpdateSessionBody = z.strictObject({
  title: z.string().trim().max(200, 'must be at most 200 characters').nullable(),
});

export const PostMessageBody = z.object({
  content: z
    .string({ message: 'is required: the text of your message' })
    .trim()
    .min(1, 'must not be empty')
    .max(20_000, 'must be at most 20,000 characters'),
  trendId: z.string().trim().min(1).max(60).nullish(),
  /** Answered through the question's form: the values confirmed (checked by the engine against the question's fields). */
  answer: TypedAnswer.nullish(),
});

export const PrefillBody = z.object({
  questionId: z.string({ message: 'is required: the question whose form to pre-fill' }).trim().min(1).max(80),
  text: z
    .string({ message: 'is required: the text to read' })
    .trim()
    .min(1, 'must not be empty')
    .max(20_000, 'must be at most 20,000 characters'),
});

export const ActionBody = z.object({
  action: z.enum(CONVERSATION_ACTIONS, {
    message: `must be one of ${CONVERSATION_ACTIONS.join(', ')}`,
  }),
});

/** A page of the transcript: the latest `limit` messages before message `before`; no limit, every message. */
export const MessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export const AdvanceBody = z.object({
  override: z
    .object({ reason: OverrideReason })
    .optional()
    .describe("move on although the step's conditions are unmet: recorded with the reason, named in the memo"),
  // Gone: moving on past unmet conditions is an override with a reason now, never a silent flag.
  force: z
    .unknown()
    .optional()
    .refine(
      (v) => v === undefined,
      'is no longer accepted: to move on past what the step still lacks, send {"override": {"reason": "…"}}; the reason is recorded and the memo names it',
    ),
});

export const GoBackBody = z.object({ to: StepId });
export const ConfirmBody = z.object({ step: StepId });
export const EditArtifactBody = z.object({
  data: z.unknown().refine((v) => v !== undefined, 'is required: the whole artifact'),
});

/** Accept or reject a draft: the items named (by key, as the proposal lists them), or, without `items`, all of it. */
export const ProposalDecisionBody = z.object({
  items: z
    .array(z.string().trim().min(1).max(200), { message: 'must be a list of item keys, e.g. ["risks/r2"]' })
    .min(1, 'must name at least one item; leave it out to decide on the whole draft')
    .max(200)
    .optional(),
});

/** Accepting a draft: as deciding on it, and the advisor's word on the values it read from the chat. */
export const AcceptBody = ProposalDecisionBody.extend({
  confirmReadings: z.boolean({ message: 'must be true or false' }).optional(),
});

export const RestoreBody = z.object({
  revision: z.number({ message: 'is required: the revision number to restore' }).int().positive(),
});

export const DiffQuery = z.object({
  from: z.coerce.number({ message: 'must be a revision number' }).int().positive(),
  to: z.coerce.number({ message: 'must be a revision number' }).int().positive(),
});

export const SessionIdParam = z.coerce
  .number({ message: 'must be a session number' })
  .int()
  .positive('must be a session number');
export const StepParam = StepId;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  clientId: z.coerce.number().int().positive().optional(),
});

export const ListSessionsQuery = z.object({
  clientId: z.coerce.number().int().positive().optional(),
});

/** The month a State of the Tech covers, e.g. 2027-05; by default the month it is prepared in. */
export const StateOfTheTechQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2027-05')
    .optional(),
});

export const CompareQuery = z.object({
  with: z.coerce.number().int().positive().optional(),
  format: z.enum(['json', 'md', 'html', 'pdf']).default('json'),
});
