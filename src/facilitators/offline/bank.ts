/**
 * The offline question banks: prompts/offline/<step>.json, one per step, each with a version that
 * the transcript records ("offline/risks@1"). Validated with zod when loaded, so a broken bank is a
 * start-up error with the file and the field named, never a surprise mid-session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  INDUSTRY_PROFILES,
  REGIONS,
  Horizon,
  ImpactScope,
  ObjectionLens,
  QuestionFamily,
  RiskCategory,
  STEP_IDS,
  TrendLens,
  type StepId,
} from '../../domain/index.js';
import { PROMPTS_DIR } from '../promptLibrary.js';
import { CHALLENGE_KINDS, type ChallengeKind } from './challenges.js';

export const OFFLINE_BANKS_DIR = join(PROMPTS_DIR, 'offline');

const Version = z.number().int().positive();
const Template = z.string().trim().min(1).max(2000);
const QuestionId = z.string().regex(/^[a-z0-9_.-]+$/, 'a question id is lower-case letters, digits, dots, dashes');

/** What every bank question has: an id, a short topic (shown, and usable as "Topic: …" to file an answer), its text. */
const Question = z.object({
  id: QuestionId,
  topic: z.string().trim().min(1).max(60),
  /** Other labels people start an answer with ("One line: …" for the One-liner): filed here like the topic, the label dropped. */
  aliases: z.array(z.string().trim().min(1).max(60)).max(8).optional(),
  text: Template,
  /** Skipped when the question with this id was answered with "none", "skip", "don't know"… */
  dependsOn: QuestionId.optional(),
  /** How the gap reads when this question is left unanswered. */
  gap: z.string().trim().min(1).max(300).optional(),
  /**
   * The question asks the user to voice someone else's questions (the CFO's objection), so a question in
   * reply is an answer, unless it addresses the facilitator ("What do you mean?").
   */
  voicesQuestions: z.boolean().optional(),
});

const stepBank = <S extends StepId, Q extends z.ZodType>(step: S, question: Q) =>
  z.object({
    version: Version,
    step: z.literal(step),
    opening: Template,
    exhausted: Template,
    /** The reply to a question back ({{question}}): the bank cannot answer it; what the step needs instead. */
    questionBack: Template,
    questions: z.array(question).min(1).max(40),
  });

export const ContextField = z.enum([
  'services',
  'products',
  'customers',
  'marketPosition',
  'competitors',
  'businessModel',
  'ceoGoals',
  'keyNumbers',
  'constraints.budget',
  'constraints.team',
  'constraints.time',
  'constraints.regulation',
]);
export type ContextField = z.infer<typeof ContextField>;
export const ContextQuestion = Question.extend({ fills: z.array(ContextField).min(1) });
export type ContextQuestion = z.infer<typeof ContextQuestion>;
/**
 * The examples that fit the client's profile ({{keyNumbers}}, {{keyNumbersExample}} with its
 * {{currency}}, {{regulationExamples}}): no ARR or NIS2 for a US freight carrier.
 */
const IndustryExamples = z.object({
  keyNumbers: Template,
  example: Template,
  regulation: z.record(z.enum(REGIONS), Template),
});
export const ContextBank = stepBank('context', ContextQuestion).extend({
  profiles: z.object({
    industries: z.record(z.enum(INDUSTRY_PROFILES), IndustryExamples),
    regions: z.record(z.enum(REGIONS), z.object({ currency: z.string().trim().min(1).max(5) })),
  }),
});

export const TrendsField = z.enum(['trends[].name', 'trends[].relevance']);
export const TrendsQuestion = Question.extend({ fills: z.array(TrendsField).min(1) });
export type TrendsQuestion = z.infer<typeof TrendsQuestion>;

/** A curated candidate trend; `industries` and `keywords` match it to a client's industry and context. */
export const CatalogueTrend = z.object({
  key: QuestionId,
  name: z.string().trim().min(1).max(120),
  lens: TrendLens,
  description: z.string().trim().min(1).max(400),
  whyNow: z.string().trim().min(1).max(800),
  signals: z.array(z.string().trim().min(1).max(400)).min(2).max(6),
  timeToImpact: Horizon,
  /** Industries it matters most to (empty: cross-industry). */
  industries: z.array(z.string().trim().toLowerCase().min(2)).max(30),
  keywords: z.array(z.string().trim().toLowerCase().min(2)).min(1).max(30),
  /** Only for clients in these regions ("EU AI Act obligations": eu); absent: everywhere. */
  regions: z.array(z.enum(REGIONS)).min(1).optional(),
});
export type CatalogueTrend = z.infer<typeof CatalogueTrend>;

export const TrendsBank = stepBank('trends', TrendsQuestion).extend({
  catalogue: z.array(CatalogueTrend).min(15).max(25),
  /** Industry words each profile adds to the client's own when ranking the catalogue. */
  industryWords: z.record(z.enum(INDUSTRY_PROFILES), z.string().trim().min(2).max(300)),
});

/** `refersBack`: the question points at the previous answer ("If that happens…"), so it only follows a real answer on the same trend. */
/** `asksWhy`: the question asks for a reason, so an answer without one is asked for it. */
export const DialogueTemplate = z.object({
  id: QuestionId,
  text: Template,
  refersBack: z.boolean().optional(),
  asksWhy: z.boolean().optional(),
});
export type DialogueTemplate = z.infer<typeof DialogueTemplate>;

/** A challenge question: asked instead of the next bank question when a rule fires (challenges.ts). */
export const ChallengeTemplate = DialogueTemplate.extend({ family: QuestionFamily });
export type ChallengeTemplate = z.infer<typeof ChallengeTemplate>;
/**
 * Per rule: the sentence that says aloud what fired ({{claim}}: the words of the answer, {{trigger}}:
 * the word or figure, {{earlier}}: the recorded fact it contradicts) and questions of two or more
 * families, so the challenge need not repeat the family just asked.
 */
const ChallengeRule = z.object({ note: Template, questions: z.array(ChallengeTemplate).min(2).max(4) });
export const DialogueBank = z.object({
  version: Version,
  step: z.literal('dialogue'),
  /** {{trend}}, {{trends}}, {{question}}: the first question about the first chosen trend. */
  opening: Template,
  noTrends: Template,
  /** {{trend}}: the trend moved to; {{previous}}: the one left; {{answers}}: how many it had ("1 answer", "3 answers"), may be used. */
  moveOn: Template,
  /** Said once every chosen trend has its answers. */
  explored: Template,
  /** The answer to "enough": no further question. */
  enough: Template,
  exhausted: Template,
  /** The reply to a question back ({{question}}, {{trend}}): the bank cannot answer it; the open question follows. */
  questionBack: Template,
  familyLabels: z.record(QuestionFamily, z.string().trim().min(1).max(60)),
  families: z.record(QuestionFamily, z.array(DialogueTemplate).min(3).max(12)),
  challenges: z.object(
    Object.fromEntries(CHALLENGE_KINDS.map((k) => [k, ChallengeRule])) as Record<ChallengeKind, typeof ChallengeRule>,
  ),
});

const FORECAST_FIELDS = [
  'change',
  'direction',
  'magnitude',
  'horizon',
  'trendId',
  'confidence',
  'signpost',
  'reasoning',
  'insightIds',
] as const;
export const ImpactField = z.enum(
  FORECAST_FIELDS.map((f) => `forecasts[].${f}` as const) as [`forecasts[].${(typeof FORECAST_FIELDS)[number]}`],
);
export type ImpactField = z.infer<typeof ImpactField>;
export const ImpactQuestion = Question.extend({ scope: ImpactScope, fills: z.array(ImpactField).min(1) });
export type ImpactQuestion = z.infer<typeof ImpactQuestion>;

const RISK_FIELDS = [
  'threat',
  'likelihood',
  'impact',
  'mitigation',
  'owner',
  'trigger',
  'reviewDate',
  'trendId',
] as const;
export const RiskField = z.enum(
  RISK_FIELDS.map((f) => `risks[].${f}` as const) as [`risks[].${(typeof RISK_FIELDS)[number]}`],
);
export type RiskField = z.infer<typeof RiskField>;
export const RiskQuestion = Question.extend({ category: RiskCategory.nullable(), fills: z.array(RiskField).min(1) });
export type RiskQuestion = z.infer<typeof RiskQuestion>;

const ENTRY_FIELDS = [
  'title',
  'status',
  'rationale',
  'horizon',
  'effortWeeks',
  'owner',
  'deadline',
  'metric',
  'trendIds',
  'riskIds',
  'adr',
  'financial.oneOffCost',
  'financial.annualEbitdaEffect',
  'financial.evMultiple',
  'financial.capexOpex',
  'financial.assumption',
] as const;
export const RoadmapField = z.enum(
  ENTRY_FIELDS.map((f) => `entries[].${f}` as const) as [`entries[].${(typeof ENTRY_FIELDS)[number]}`],
);
export type RoadmapField = z.infer<typeof RoadmapField>;
/** `entry`: which initiative (1, 2, 3…) the question is about; null for questions about any of them (ADR). */
export const RoadmapQuestion = Question.extend({
  entry: z.number().int().min(1).max(5).nullable(),
  fills: z.array(RoadmapField).min(1),
});
export type RoadmapQuestion = z.infer<typeof RoadmapQuestion>;

const RECOMMENDATION_FIELDS = [
  'claim',
  'roadmapEntryIds',
  'objections',
  'preMortem',
  'evidenceGaps',
  'strongestAlternative',
  'verdict',
  'confidence',
  'openObjections',
  'ceoOneLiner',
  'supportingPoints',
] as const;
export const SoundingBoardField = z.enum(
  RECOMMENDATION_FIELDS.map((f) => `recommendations[].${f}` as const) as [
    `recommendations[].${(typeof RECOMMENDATION_FIELDS)[number]}`,
  ],
);
export type SoundingBoardField = z.infer<typeof SoundingBoardField>;
/** `lens`: whose objection the question voices (CEO, CFO, board, sceptical engineer); null for the rest. */
export const SoundingBoardQuestion = Question.extend({
  lens: ObjectionLens.nullable(),
  /** The objection as it goes on the record (lens questions), e.g. "Why this, why now, and what do we stop?" */
  objection: Template.optional(),
  fills: z.array(SoundingBoardField).min(1),
});
export type SoundingBoardQuestion = z.infer<typeof SoundingBoardQuestion>;

export const ImpactBank = stepBank('impact', ImpactQuestion);
export const RisksBank = stepBank('risks', RiskQuestion);
export const RoadmapBank = stepBank('roadmap', RoadmapQuestion);
/**
 * Each lens's attack on the recommendation, in its own terms ({{title}}, {{cost}}, {{ebitda}},
 * {{payback}}, {{owner}}, {{risk}}, {{effort}}, {{capacity}} engineer-weeks a quarter, {{quarters}},
 * {{deadline}}, {{goals}}, {{freeze}}: the deadline inside a freeze window) and the computed facts: the step picks the variant
 * the facts on record allow (no cost stated: `unpriced`), so an objection never names a number nobody gave.
 */
const Attacks = z.object({
  ceo: z.object({ goals: Template, plain: Template }),
  // `claim`: the recommendation names no roadmap entry, so its numbers are in its own words, not on record.
  cfo: z.object({ claim: Template, payback: Template, never: Template, costOnly: Template, unpriced: Template }),
  board: z.object({ claim: Template, risk: Template, noDownside: Template, noOwner: Template }),
  engineer: z.object({
    claim: Template,
    /** The entry is due inside a freeze window (src/domain/freezes.ts): {{freeze}} says which, and when. */
    freeze: Template,
    capacity: Template,
    effortRisk: Template,
    effort: Template,
    noEffort: Template,
  }),
  /** {{payback}} in words, by the year it falls in (first, second, third, later): a computed fact, no new figure. */
  paybackWords: z.array(Template).length(4),
  /** {{quarters}} in words: within one quarter of the team's capacity, more than one, two, three. */
  capacityWords: z.array(Template).length(4),
});
export type Attacks = z.infer<typeof Attacks>;
export const SoundingBoardBank = stepBank('sounding_board', SoundingBoardQuestion).extend({
  /** A quick check has no upstream artifacts: the user states the recommendation first. */
  quickCheckOpening: Template,
  attacks: Attacks,
  /** "Ready" said while objections are open and with no reason: {{count}} ("2 objections"), {{open}} (which). */
  readyOpen: Template,
  /** An objection waved away ({{quote}}, {{lens}}): it stays open. */
  dismissed: Template,
});

export const BANK_SCHEMAS = {
  context: ContextBank,
  trends: TrendsBank,
  dialogue: DialogueBank,
  impact: ImpactBank,
  risks: RisksBank,
  roadmap: RoadmapBank,
  sounding_board: SoundingBoardBank,
} as const satisfies Record<StepId, z.ZodType>;

export type OfflineBanks = { readonly [S in StepId]: z.infer<(typeof BANK_SCHEMAS)[S]> };
export type DialogueBank = OfflineBanks['dialogue'];
export type TrendsBank = OfflineBanks['trends'];

/** Any bank question, as the interview machinery sees it. */
export type BankQuestion = z.infer<typeof Question>;

/** Ids unique, dependencies pointing at earlier questions: what the schema alone cannot say. */
function checkQuestions(file: string, questions: readonly BankQuestion[]): void {
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) throw new Error(`${file}: question id "${q.id}" is used twice`);
    if (q.dependsOn && !seen.has(q.dependsOn))
      throw new Error(`${file}: question "${q.id}" depends on "${q.dependsOn}", which is not an earlier question`);
    seen.add(q.id);
  }
}

export function parseBank<S extends StepId>(
  step: S,
  data: unknown,
  file = `prompts/offline/${step}.json`,
): OfflineBanks[S] {
  const parsed = BANK_SCHEMAS[step].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file} is not a valid question bank: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const bank = parsed.data as OfflineBanks[S];
  if ('questions' in bank) checkQuestions(file, bank.questions as readonly BankQuestion[]);
  if (step === 'dialogue') {
    const dialogue = bank as DialogueBank;
    const ids = [...Object.values(dialogue.families), ...Object.values(dialogue.challenges).map((c) => c.questions)]
      .flat()
      .map((t) => t.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new Error(`${file}: template id "${dup}" is used twice`);
  }
  if (step === 'trends') {
    const keys = (bank as TrendsBank).catalogue.map((t) => t.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) throw new Error(`${file}: catalogue key "${dup}" is used twice`);
  }
  return bank;
}

/** Reads and validates every bank once; a missing or invalid bank is a start-up error. */
export function loadBanks(dir: string = OFFLINE_BANKS_DIR): OfflineBanks {
  const read = <S extends StepId>(step: S): OfflineBanks[S] => {
    const file = join(dir, `${step}.json`);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read the offline question bank ${file}: ${(e as Error).message}`);
    }
    return parseBank(step, data, file);
  };
  const banks = Object.fromEntries(STEP_IDS.map((s) => [s, read(s)]));
  return banks as OfflineBanks;
}
