import type { StepId } from './steps.js';
import {
  MAX_CHOSEN_TRENDS,
  MIN_CHOSEN_TRENDS,
  MIN_EXCHANGES_PER_TREND,
  chosenTrends,
  scopesMissing,
  type ArtifactSet,
} from './artifacts/index.js';

/** What the guards need to know about a session, gathered by the engine from storage. */
export interface StepFacts {
  readonly artifacts: ArtifactSet;
  /** Answers the user has given in the dialogue step, by trend id. */
  readonly exchangesByTrend: Readonly<Record<string, number>>;
  /** The user ended the dialogue with the explicit "That's enough" action (a recorded event). */
  readonly dialogueEnough?: boolean;
}

export interface LeaveOptions {
  /** The user says "enough": ends the dialogue before every trend has its exchanges. */
  readonly force?: boolean;
}

/** A reason the step cannot be left yet, in words a user can act on; null when it can. */
export type GuardResult = string | null;

type Guard = (facts: StepFacts, options: LeaveOptions) => GuardResult;

const contextDrafted: Guard = ({ artifacts }) =>
  artifacts.context ? null : 'Draft the company context first (services, products, market position, constraints).';

const twoToThreeTrendsChosen: Guard = ({ artifacts }) => {
  if (!artifacts.trends) return 'Draft the trend candidates first, then choose two or three.';
  const n = chosenTrends(artifacts.trends).length;
  if (n < MIN_CHOSEN_TRENDS) return `Choose at least ${MIN_CHOSEN_TRENDS} trends (${n} chosen).`;
  if (n > MAX_CHOSEN_TRENDS) return `Choose at most ${MAX_CHOSEN_TRENDS} trends (${n} chosen).`;
  return null;
};

const eachTrendExplored: Guard = ({ artifacts, exchangesByTrend, dialogueEnough }, { force }) => {
  if (force || dialogueEnough) return null;
  const trends = artifacts.trends ? chosenTrends(artifacts.trends) : [];
  const short = trends.filter((t) => (exchangesByTrend[t.id] ?? 0) < MIN_EXCHANGES_PER_TREND);
  if (short.length === 0) return null;
  const names = short.map((t) => `"${t.name}" (${exchangesByTrend[t.id] ?? 0})`).join(', ');
  return `Explore each trend with at least ${MIN_EXCHANGES_PER_TREND} answers before moving on, or press “That's enough”: ${names}.`;
};

const everyScopeForecast: Guard = ({ artifacts }) => {
  if (!artifacts.impact) return 'Draft the impact forecast first.';
  const missing = scopesMissing(artifacts.impact);
  return missing.length === 0 ? null : `The forecast has nothing yet for: ${missing.join(', ')}.`;
};

const registerDrafted: Guard = ({ artifacts }) => (artifacts.risks ? null : 'Draft the risk register first.');

const roadmapDrafted: Guard = ({ artifacts }) => (artifacts.roadmap ? null : 'Draft the roadmap first.');

const everyRecommendationJudged: Guard = ({ artifacts }) =>
  artifacts.sounding_board ? null : 'Pressure-test at least one recommendation first.';

export const LEAVE_GUARDS: Readonly<Record<StepId, Guard>> = {
  context: contextDrafted,
  trends: twoToThreeTrendsChosen,
  dialogue: eachTrendExplored,
  impact: everyScopeForecast,
  risks: registerDrafted,
  roadmap: roadmapDrafted,
  sounding_board: everyRecommendationJudged,
};

export function guardToLeave(step: StepId, facts: StepFacts, options: LeaveOptions = {}): GuardResult {
  return LEAVE_GUARDS[step](facts, options);
}
