import { STEPS, chosenTrends, rankRisks, type ArtifactSet, type StepId } from '../../domain/index.js';

/**
 * What a step's prompt reads of the session's artifacts: the step's own work so far first, then the
 * upstream artifacts it needs, most needed first. Each artifact goes as items (an entry, a risk, an
 * insight, a context field), every item whole, in a compact readable form; when the prompt is over
 * budget, items are dropped whole from the end of this order (see buildPrompt).
 */
export const CONTEXT_NEEDS: Readonly<Record<StepId, readonly StepId[]>> = {
  context: [],
  trends: ['context'],
  dialogue: ['trends', 'context'],
  impact: ['dialogue', 'trends', 'context'],
  risks: ['trends', 'impact', 'context', 'dialogue'],
  roadmap: ['risks', 'impact', 'dialogue', 'trends', 'context'],
  sounding_board: ['roadmap', 'risks', 'context', 'impact', 'dialogue', 'trends'],
};

/** One thing the model may read or, over budget, be told was left out: `key` names it ("e2", "summary"). */
export interface ContextItem {
  readonly key: string;
  readonly text: string;
}

/** One artifact as items, highest priority first. */
export interface ContextBlock {
  readonly title: string;
  readonly items: readonly ContextItem[];
}

/** The blocks a step's prompt carries, in priority order: its own artifact, then CONTEXT_NEEDS. */
export function contextFor(step: StepId, artifacts: ArtifactSet): ContextBlock[] {
  return [step, ...CONTEXT_NEEDS[step]]
    .map((s) => blockOf(s, artifacts, s === step))
    .filter((b): b is ContextBlock => b !== null && b.items.length > 0);
}

function blockOf(step: StepId, artifacts: ArtifactSet, own: boolean): ContextBlock | null {
  const title = `${STEPS[step].produces}${own ? ' (this step’s work so far)' : ''}`;
  switch (step) {
    case 'context': {
      const a = artifacts.context;
      return a ? { title, items: Object.entries(a).map(([k, v]) => ({ key: k, text: `${k}: ${inline(v)}` })) } : null;
    }
    case 'trends': {
      const a = artifacts.trends;
      if (!a) return null;
      // Downstream only the chosen trends matter (all of them while none is chosen).
      const chosen = chosenTrends(a);
      const shown = own || chosen.length === 0 ? a.trends : chosen;
      return {
        title: own
          ? 'Trend candidates (this step’s work so far)'
          : chosen.length === 0
            ? 'Trend candidates'
            : 'Chosen trends',
        items: shown.map(listItem),
      };
    }
    case 'dialogue': {
      const a = artifacts.dialogue;
      if (!a) return null;
      return {
        title,
        items: [
          ...a.trendSummaries.map((s) => ({
            key: `summary of ${s.trendId}`,
            text: `summary of ${s.trendId}: ${s.summary}`,
          })),
          ...a.insights.map((i) => listItem(i)),
          ...a.assumptions.map((x) => listItem(x)),
        ],
      };
    }
    case 'impact': {
      const a = artifacts.impact;
      // Forecasts have no ids of their own: numbered as they stand.
      return a
        ? {
            title,
            items: a.forecasts.map((f, i) => ({ key: `forecast ${i + 1}`, text: `forecast ${i + 1} · ${fields(f)}` })),
          }
        : null;
    }
    case 'risks': {
      const a = artifacts.risks;
      // Ranked, with the severity the product derives, so the least severe are the first to go.
      return a ? { title, items: rankRisks(a).map(listItem) } : null;
    }
    case 'roadmap':
      return artifacts.roadmap ? { title, items: artifacts.roadmap.entries.map(listItem) } : null;
    case 'sounding_board':
      return artifacts.sounding_board ? { title, items: artifacts.sounding_board.recommendations.map(listItem) } : null;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

function listItem(x: { readonly id: string } & object): ContextItem {
  const { id, ...rest } = x;
  return { key: id, text: `${id} · ${fields(rest)}` };
}

/** An object's fields as "name: value" joined by " · "; a null is "?" (not stated), never left out. */
function fields(o: object): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${inline(v)}`)
    .join(' · ');
}

function inline(v: unknown): string {
  if (v === null || v === undefined) return '?';
  if (typeof v === 'string') return v.replace(/\s*\n\s*/g, ' / ');
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v))
    return v.length === 0 ? 'none' : v.map((x) => (isObject(x) ? `(${fieldsShort(x)})` : inline(x))).join('; ');
  if (isObject(v)) return `(${fieldsShort(v)})`;
  return String(v);
}

/** Nested objects: the same, joined by commas so an item stays one line. */
function fieldsShort(o: object): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${inline(v)}`)
    .join(', ');
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
