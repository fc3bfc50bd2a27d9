/**
 * The part of the domain the page uses, bundled by the server at /shared/domain.mjs (src/server/static.ts)
 * and mapped for the type checker in tsconfig.json's `paths`: one source for the step titles, severity
 * bands, levels, horizons, roadmap statuses and labels on both sides.
 *
 * Only modules without zod may be re-exported here as values (the bundle is for a browser, and small);
 * types may come from anywhere in the domain, as they vanish from the bundle. test/server/static.test.ts
 * holds the bundle to that.
 */
export { STEP_IDS, STEPS, type StepId, type StepInfo } from './stepInfo.js';
export { ACTION_LABELS, actionsOf, type ConversationAction } from './actions.js';
export { SEVERITIES, SEVERITY_BANDS, severityOf, type Severity } from './severity.js';
export { HORIZONS, HORIZON_LABELS, type Horizon } from './horizons.js';
export { ROADMAP_STATUSES, ROADMAP_STATUS_LABELS } from './roadmapStatus.js';
export { isClosed, enterpriseValueEffect, roadmapGaps, metricProgress } from './roadmapMeasures.js';
export {
  roadmapFacts,
  factLines,
  EV_SENSITIVITY,
  type RoadmapFacts,
  type EntryFacts,
  type Tally,
  type Payback,
  type ValueAtMultiples,
} from './facts.js';
export { freezeText, clashText, type FreezeClash, type FreezeFacts } from './freezes.js';
export {
  COMMON_CURRENCIES,
  amountsNote,
  CURRENCY_NOT_SET,
  MONEY_FIELDS,
  currencyInText,
  currencyOfLocale,
  formatMoney,
  isCurrencyCode,
  moneyUnit,
} from './money.js';
export { openObjections, objectionText, failureStoryText, readyDespiteText } from './objections.js';
export { GAPS, gapText, orGap, riskScoreText, type GapField } from './gaps.js';
export {
  INDUSTRY_PROFILES,
  INDUSTRY_PROFILE_LABELS,
  REGIONS,
  REGION_LABELS,
  type BankProfile,
  type IndustryProfile,
  type Region,
} from './bankProfile.js';
export { OVERRIDE_REASON_MAX } from './overrides.js';
export type { StepOverride, UnmetCondition } from './guards.js';
export {
  LEVELS,
  IMPACT_SCOPES,
  IMPACT_SCOPE_LABELS,
  SCORES,
  TREND_LENSES,
  TREND_LENS_LABELS,
  OBJECTION_LENSES,
  OBJECTION_LENS_LABELS,
  OBJECTION_STATUSES,
  OBJECTION_STATUS_LABELS,
  VERDICTS,
  VERDICT_LABELS,
  ASSUMPTION_STATUSES,
} from './vocabulary.js';

export type {
  ArtifactOf,
  ArtifactSet,
  ContextArtifact,
  TrendsArtifact,
  Trend,
  TrendLens,
  DialogueArtifact,
  Insight,
  Assumption,
  QuestionFamily,
  ImpactArtifact,
  ImpactScope,
  Forecast,
  RisksArtifact,
  Risk,
  RankedRisk,
  RoadmapArtifact,
  RoadmapEntry,
  RoadmapStatus,
  SuccessMetric,
  FinancialFraming,
  SoundingBoardArtifact,
  Recommendation,
  ReadyDespite,
  Freeze,
  Objection,
  FailureStory,
  ObjectionLens,
  Verdict,
  Level,
  Score,
} from './artifacts/index.js';
export type { SessionMode, Quarter } from './steps.js';
export type { Progress, StepStatus } from './stepMachine.js';
export type {
  Message,
  MessageRole,
  MessageStatus,
  MessageKind,
  Client,
  Session,
  ArtifactSource,
  ArtifactRevision,
} from './transcript.js';
export type { ModelIdentity, ProviderKind } from './modelCalls.js';
export type { AppErrorKind } from './errors.js';
