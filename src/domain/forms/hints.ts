/**
 * What a schema cannot say about a field: that a number is money, that a list of ids points at the
 * session's trends, how a 1–5 score reads. Keyed by the field's dotted path in its artifact
 * ("entries.financial.oneOffCost"), or by its name alone where the name means the same everywhere.
 */
/** What the page's pickers choose from: the ids of this session's trends, risks, roadmap entries or insights. */
export type RefTarget = 'trends' | 'risks' | 'entries' | 'insights';

export interface FieldHint {
  readonly label?: string;
  readonly help?: string;
  readonly kind?: 'money' | 'id' | 'date' | 'deadline';
  readonly refersTo?: RefTarget;
  readonly unit?: string;
  readonly scale?: readonly string[];
}

/** The 5×5 matrix's words for a score, as the risk step asks them. */
export const LIKELIHOOD_SCALE = ['rare', 'unlikely', 'possible', 'likely', 'almost certain'] as const;
export const IMPACT_SCALE = ['negligible', 'minor', 'moderate', 'major', 'severe'] as const;

export const FIELD_HINTS: Readonly<Record<string, FieldHint>> = {
  id: { kind: 'id', label: 'Id' },
  trendId: { refersTo: 'trends', label: 'Trend', help: 'the chosen trend it follows from' },
  trendIds: { refersTo: 'trends', label: 'Trends it answers' },
  riskIds: { refersTo: 'risks', label: 'Risks it answers' },
  insightIds: { refersTo: 'insights', label: 'Insights it rests on' },
  roadmapEntryIds: { refersTo: 'entries', label: 'Roadmap entries' },
  fromMessageId: { kind: 'id', label: 'From message' },
  likelihood: { label: 'Likelihood', scale: LIKELIHOOD_SCALE },
  impact: { label: 'Impact', scale: IMPACT_SCALE },
  reviewDate: { kind: 'date', label: 'Review date' },
  deadline: { kind: 'deadline', label: 'Deadline', help: 'a date (YYYY-MM-DD) or a quarter (2027-Q2)' },
  effortWeeks: { label: 'Effort', unit: 'weeks' },
  ceoGoals: { label: 'CEO goals' },
  keyNumbers: { label: 'Key numbers' },
  marketPosition: { label: 'Market position' },
  businessModel: { label: 'Business model' },
  whyNow: { label: 'Why now' },
  timeToImpact: { label: 'Time to impact' },
  trigger: { label: 'Early-warning trigger' },
  signpost: { label: 'Signpost' },
  'constraints.budgetAmount': { kind: 'money', label: 'Budget amount' },
  'constraints.teamWeeksPerQuarter': { label: 'Team capacity', unit: 'engineer-weeks a quarter' },
  'constraints.freezes': { label: 'Freeze windows' },
  'constraints.freezes.what': { label: 'What' },
  'constraints.freezes.from': { kind: 'deadline', label: 'From' },
  'constraints.freezes.to': { kind: 'deadline', label: 'To' },
  'entries.financial': { label: 'Money' },
  'entries.financial.oneOffCost': { kind: 'money', label: 'One-off cost' },
  'entries.financial.annualEbitdaEffect': { kind: 'money', label: 'EBITDA effect a year' },
  'entries.financial.evMultiple': { label: 'EBITDA multiple (assumed)', unit: '×' },
  'entries.financial.capexOpex': { label: 'CapEx / OpEx' },
  'entries.adr': { label: 'Architecture decision' },
  'recommendations.preMortem': { label: 'Pre-mortem' },
  'recommendations.ceoOneLiner': { label: 'For the CEO, in one line' },
  'recommendations.openObjections': { label: 'Open objections' },
  'recommendations.readyDespite': { label: 'Called ready despite open objections' },
  'recommendations.readyDespite.reason': {
    label: 'Why ready despite open objections',
    help: 'needed only to call it ready while an objection is still open; it goes on the record',
  },
  'recommendations.readyDespite.messageId': {
    label: 'Said in message',
    help: 'the id of the client message that gave the reason; empty when not recorded',
  },
};
