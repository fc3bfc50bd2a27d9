/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */

/*
 * The method's closed word lists, said once: the artifact schemas build their enums from them (and
 * export their types: Level, TrendLens, …), and the page shows and offers the same values with the
 * same labels.
 */

/** A rough judgement where a number would be false precision (confidence, effort). */
export const LEVELS = ['low', 'medium', 'high'] as const;

/** A 1–5 score, as on the 5×5 risk matrix (likelihood, impact). */
export const SCORES = [1, 2, 3, 4, 5] as const;

/** Where a forecast's change lands (step 4). */
export const IMPACT_SCOPES = ['company', 'industry', 'market'] as const;

export const IMPACT_SCOPE_LABELS: Readonly<Record<(typeof IMPACT_SCOPES)[number], string>> = {
  company: 'Company',
  industry: 'Industry',
  market: 'Market',
};

/** The lenses a trend is looked for through (step 2), so no kind of change goes unseen. */
export const TREND_LENSES = [
  'technology',
  'customers_society',
  'economics',
  'regulation_politics',
  'environment',
  'industry',
] as const;
type TrendLens = (typeof TREND_LENSES)[number];

export const TREND_LENS_LABELS: Readonly<Record<TrendLens, string>> = {
  technology: 'Technology',
  customers_society: 'Customers and society',
  economics: 'Economics',
  regulation_politics: 'Regulation and politics',
  environment: 'Environment',
  industry: 'Industry',
};

/** The seats a recommendation is attacked from on the sounding board (step 7). */
export const OBJECTION_LENSES = ['ceo', 'cfo', 'board', 'engineer'] as const;
type ObjectionLens = (typeof OBJECTION_LENSES)[number];

export const OBJECTION_LENS_LABELS: Readonly<Record<ObjectionLens, string>> = {
  ceo: 'CEO',
  cfo: 'CFO',
  board: 'Board',
  engineer: 'Sceptical engineer',
};

/**
 * Where an objection stands: it closes on evidence or a reasoned answer from the client, never on
 * pushback alone.
 */
export const OBJECTION_STATUSES = ['open', 'answered_with_evidence', 'answered_with_reason'] as const;

export const OBJECTION_STATUS_LABELS: Readonly<Record<(typeof OBJECTION_STATUSES)[number], string>> = {
  open: 'Open',
  answered_with_evidence: 'Answered with evidence',
  answered_with_reason: 'Answered with a reason',
};

/** What the sounding board says of a recommendation. */
export const VERDICTS = ['ready', 'revise', 'drop'] as const;

export const VERDICT_LABELS: Readonly<Record<(typeof VERDICTS)[number], string>> = {
  ready: 'Ready',
  revise: 'Revise',
  drop: 'Drop',
};

/** Where an assumption from the dialogue (step 3) stands. */
export const ASSUMPTION_STATUSES = ['stated', 'challenged', 'supported', 'refuted'] as const;
