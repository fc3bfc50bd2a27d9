import { z } from 'zod';
import type { StepId } from './steps.js';
import {
  MAX_CHOSEN_TRENDS,
  MIN_CHOSEN_TRENDS,
  MIN_EXCHANGES_PER_TREND,
  chosenTrends,
  isScored,
  scopesMissing,
  type ArtifactSet,
  type Forecast,
} from './artifacts/index.js';
import { GAPS } from './gaps.js';
import { isClosed } from './roadmapMeasures.js';
import { OVERRIDE_REASON_MAX } from './overrides.js';

/** What the guards need to know about a session, gathered by the engine from storage. */
export interface StepFacts {
  readonly artifacts: ArtifactSet;
  /** Answers the user has given in the dialogue step, by trend id. */
  readonly exchangesByTrend: Readonly<Record<string, number>>;
  /** The user ended the dialogue with the explicit "That's enough" action (a recorded event). */
  readonly dialogueEnough?: boolean;
}

/** Which condition of the method a step does not meet yet. */
export const UNMET_CODES = [
  'not_drafted',
  'too_few_trends',
  'too_many_trends',
  'trends_unexplored',
  'scopes_without_forecast',
  'forecasts_without_direction',
  'forecasts_without_signpost',
  'no_risks',
  'risks_unscored',
  'no_roadmap_entries',
  'entries_without_owner',
  'entries_without_metric',
  'no_recommendations',
  'recommendations_unstated',
  'recommendations_without_verdict',
] as const;
export type UnmetCode = (typeof UNMET_CODES)[number];

/**
 * A condition the method sets for leaving a step that the session does not meet, as data: the page
 * lists them, an override stores them, the memo says them. `message` states the fact in words a
 * person can read in the page and in a CEO's memo alike ("Risks not scored: r2 ‘…’."); `items` names
 * the items concerned ("r2 ‘Key engineer leaves’"), empty when the step as a whole is concerned.
 */
export const UnmetCondition = z.object({
  code: z.enum(UNMET_CODES),
  message: z.string().min(1),
  items: z.array(z.string()),
});
export type UnmetCondition = z.infer<typeof UnmetCondition>;

/** A reason given for moving on past unmet conditions: said, not blank, and short enough to read. */
export const OverrideReason = z
  .string()
  .trim()
  .min(1, 'say why you move on anyway: the reason is recorded and the memo shows it')
  .max(OVERRIDE_REASON_MAX, `keep the reason under ${OVERRIDE_REASON_MAX} characters`);

/**
 * The advisor moved on from a step although the method's conditions for leaving it were not met:
 * recorded with the conditions unmet at that moment and the reason given, and named in the memo.
 */
export interface StepOverride {
  readonly id: number;
  readonly sessionId: number;
  readonly step: StepId;
  readonly unmet: readonly UnmetCondition[];
  readonly reason: string;
  readonly createdAt: string;
}

type Guard = (facts: StepFacts) => UnmetCondition[];

const LABEL_MAX = 60;

/** An item as a condition names it: its id and the start of its text, quoted. */
function itemLabel(id: string | null, text: string | null): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  const clipped = t.length > LABEL_MAX ? `${t.slice(0, LABEL_MAX - 1).trimEnd()}…` : t;
  const quoted = clipped ? `‘${clipped}’` : '';
  return [id, quoted].filter(Boolean).join(' ');
}

/** One condition naming the items that fail it, or none when every item passes. */
function itemsWithout(code: UnmetCode, what: string, items: string[], separator = '; '): UnmetCondition[] {
  return items.length === 0 ? [] : [{ code, message: `${what}: ${items.join(separator)}.`, items }];
}

const whole = (code: UnmetCode, message: string): UnmetCondition[] => [{ code, message, items: [] }];

const notDrafted = (what: string) => whole('not_drafted', `The ${what} is not drafted yet.`);

const contextDrafted: Guard = ({ artifacts }) => (artifacts.context ? [] : notDrafted('company context'));

const twoToThreeTrendsChosen: Guard = ({ artifacts }) => {
  if (!artifacts.trends) return notDrafted('list of trend candidates');
  const n = chosenTrends(artifacts.trends).length;
  const need = `the method needs ${MIN_CHOSEN_TRENDS} or ${MAX_CHOSEN_TRENDS}`;
  if (n < MIN_CHOSEN_TRENDS)
    return whole(
      'too_few_trends',
      `${n === 0 ? 'No trend' : n === 1 ? 'Only 1 trend' : `Only ${n} trends`} chosen; ${need}.`,
    );
  if (n > MAX_CHOSEN_TRENDS) return whole('too_many_trends', `${n} trends chosen; ${need}.`);
  return [];
};

/** Answers counted from the persisted dialogue state; "That's enough" (a recorded action) ends the dialogue. */
const eachTrendExplored: Guard = ({ artifacts, exchangesByTrend, dialogueEnough }) => {
  if (dialogueEnough) return [];
  const trends = artifacts.trends ? chosenTrends(artifacts.trends) : [];
  const short = trends.filter((t) => (exchangesByTrend[t.id] ?? 0) < MIN_EXCHANGES_PER_TREND);
  return itemsWithout(
    'trends_unexplored',
    `Trends explored with fewer than ${MIN_EXCHANGES_PER_TREND} answers`,
    short.map((t) => `${itemLabel(null, t.name)} (${exchangesByTrend[t.id] ?? 0})`),
  );
};

const forecastLabel = (f: Forecast) => itemLabel(f.scope, f.change);

const everyForecastComplete: Guard = ({ artifacts }) => {
  if (!artifacts.impact) return notDrafted('impact forecast');
  const { forecasts } = artifacts.impact;
  const missing = scopesMissing(artifacts.impact);
  return [
    ...itemsWithout('scopes_without_forecast', 'No forecast yet for', missing, ', '),
    ...itemsWithout(
      'forecasts_without_direction',
      `Forecasts with ${GAPS.direction} (up, down or mixed)`,
      forecasts.filter((f) => f.direction === null).map(forecastLabel),
    ),
    ...itemsWithout(
      'forecasts_without_signpost',
      'Forecasts with no signpost to watch',
      forecasts.filter((f) => !f.signpost).map(forecastLabel),
    ),
  ];
};

const everyRiskScored: Guard = ({ artifacts }) => {
  if (!artifacts.risks) return notDrafted('risk register');
  const { risks } = artifacts.risks;
  if (risks.length === 0) return whole('no_risks', 'The risk register names no risk.');
  return itemsWithout(
    'risks_unscored',
    `Risks ${GAPS.score} (likelihood and impact, 1–5 each)`,
    risks.filter((r) => !isScored(r)).map((r) => itemLabel(r.id, r.threat)),
  );
};

/** Done and dropped entries are history, not work to start: they need no owner or metric any more. */
const everyEntryOwnedAndMeasured: Guard = ({ artifacts }) => {
  if (!artifacts.roadmap) return notDrafted('roadmap');
  const { entries } = artifacts.roadmap;
  if (entries.length === 0) return whole('no_roadmap_entries', 'The roadmap has no entry.');
  const open = entries.filter((e) => !isClosed(e));
  return [
    ...itemsWithout(
      'entries_without_owner',
      `Roadmap entries with ${GAPS.owner}`,
      open.filter((e) => !e.owner).map((e) => itemLabel(e.id, e.title)),
    ),
    ...itemsWithout(
      'entries_without_metric',
      `Roadmap entries with ${GAPS.metric}`,
      open.filter((e) => !e.metric).map((e) => itemLabel(e.id, e.title)),
    ),
  ];
};

const everyRecommendationJudged: Guard = ({ artifacts }) => {
  if (!artifacts.sounding_board || artifacts.sounding_board.recommendations.length === 0)
    return whole('no_recommendations', 'No recommendation has been pressure-tested yet.');
  const { recommendations } = artifacts.sounding_board;
  return [
    ...itemsWithout(
      'recommendations_unstated',
      'Recommendations with the recommendation itself not stated',
      recommendations.filter((r) => !r.claim).map((r) => r.id),
    ),
    ...itemsWithout(
      'recommendations_without_verdict',
      `Recommendations with ${GAPS.verdict} (ready, revise or drop)`,
      recommendations.filter((r) => r.verdict === null).map((r) => itemLabel(r.id, r.claim)),
    ),
  ];
};

export const LEAVE_GUARDS: Readonly<Record<StepId, Guard>> = {
  context: contextDrafted,
  trends: twoToThreeTrendsChosen,
  dialogue: eachTrendExplored,
  impact: everyForecastComplete,
  risks: everyRiskScored,
  roadmap: everyEntryOwnedAndMeasured,
  sounding_board: everyRecommendationJudged,
};

/** What the method needs before `step` is left and the session does not have yet; empty when it may be left. */
export function unmetToLeave(step: StepId, facts: StepFacts): UnmetCondition[] {
  return LEAVE_GUARDS[step](facts);
}

/**
 * What a step the session has moved on from still lacks: its unmet conditions, and for a dialogue
 * ended with "That's enough" (which lets it be left) the trends it left short, said as such.
 */
export function openGapsOf(step: StepId, facts: StepFacts): UnmetCondition[] {
  if (step !== 'dialogue' || !facts.dialogueEnough) return unmetToLeave(step, facts);
  return unmetToLeave(step, { ...facts, dialogueEnough: false }).map((c) => ({
    ...c,
    message: `Ended early with “That's enough”. ${c.message}`,
  }));
}

/** The unmet conditions as one paragraph, for a message; null when there are none. */
export function unmetText(unmet: readonly UnmetCondition[]): string | null {
  return unmet.length === 0 ? null : unmet.map((c) => c.message).join(' ');
}
