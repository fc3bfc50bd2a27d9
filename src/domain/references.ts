/**
 * References resolve: every id an artifact cites (a trend, an insight, a risk, a roadmap entry, a
 * message) must name something that exists in the session. Pure: the engine gives it the session's
 * message ids and the artifacts the citing one would sit beside.
 */
import type { ArtifactOf, ArtifactSet } from './artifacts/index.js';
import type { StepId } from './steps.js';

export type ReferenceKind = 'trend' | 'insight' | 'risk' | 'roadmap entry' | 'message';

/** A cited id that names nothing in the session; `field` is the path in the artifact, as a 422 names it. */
export interface DanglingReference {
  readonly field: string;
  readonly kind: ReferenceKind;
  readonly id: string | number;
}

/**
 * What the session holds that an artifact may cite. `messageIds` need only hold the cited ones that
 * exist (see citedMessageIds): a session's whole transcript is never needed to check a few citations.
 */
export interface KnownIds {
  readonly artifacts: ArtifactSet;
  readonly messageIds: ReadonlySet<number>;
}

type Cite = (field: string, kind: ReferenceKind, id: string | number | null) => void;

const CITES: { readonly [S in StepId]: (data: ArtifactOf<S>, cite: Cite) => void } = {
  context: () => {},
  trends: () => {},
  dialogue: (d, cite) => {
    for (const [i, s] of d.trendSummaries.entries()) cite(`trendSummaries.${i}.trendId`, 'trend', s.trendId);
    for (const [i, x] of d.insights.entries()) {
      cite(`insights.${i}.trendId`, 'trend', x.trendId);
      cite(`insights.${i}.fromMessageId`, 'message', x.fromMessageId);
    }
    for (const [i, x] of d.assumptions.entries()) {
      cite(`assumptions.${i}.trendId`, 'trend', x.trendId);
      cite(`assumptions.${i}.fromMessageId`, 'message', x.fromMessageId);
    }
  },
  impact: (d, cite) => {
    for (const [i, f] of d.forecasts.entries()) {
      cite(`forecasts.${i}.trendId`, 'trend', f.trendId);
      for (const [j, id] of f.insightIds.entries()) cite(`forecasts.${i}.insightIds.${j}`, 'insight', id);
    }
  },
  risks: (d, cite) => {
    for (const [i, r] of d.risks.entries()) cite(`risks.${i}.trendId`, 'trend', r.trendId);
  },
  roadmap: (d, cite) => {
    for (const [i, e] of d.entries.entries()) {
      for (const [j, id] of e.trendIds.entries()) cite(`entries.${i}.trendIds.${j}`, 'trend', id);
      for (const [j, id] of e.riskIds.entries()) cite(`entries.${i}.riskIds.${j}`, 'risk', id);
    }
  },
  sounding_board: (d, cite) => {
    for (const [i, r] of d.recommendations.entries())
      for (const [j, id] of r.roadmapEntryIds.entries())
        cite(`recommendations.${i}.roadmapEntryIds.${j}`, 'roadmap entry', id);
  },
};

function existing(known: KnownIds): Readonly<Record<Exclude<ReferenceKind, 'message'>, ReadonlySet<string>>> {
  const a = known.artifacts;
  return {
    trend: new Set((a.trends?.trends ?? []).map((t) => t.id)),
    insight: new Set((a.dialogue?.insights ?? []).map((x) => x.id)),
    risk: new Set((a.risks?.risks ?? []).map((r) => r.id)),
    'roadmap entry': new Set((a.roadmap?.entries ?? []).map((e) => e.id)),
  };
}

/** The ids `data` (the artifact of `step`) cites that name nothing in the session, in the artifact's order. */
export function danglingReferences<S extends StepId>(
  step: S,
  data: ArtifactOf<S>,
  known: KnownIds,
): DanglingReference[] {
  const ids = existing(known);
  const found: DanglingReference[] = [];
  const cite: Cite = (field, kind, id) => {
    if (id === null) return;
    const exists = kind === 'message' ? known.messageIds.has(id as number) : ids[kind].has(id as string);
    if (!exists) found.push({ field: `data.${field}`, kind, id });
  };
  (CITES[step] as (data: ArtifactOf<S>, cite: Cite) => void)(data, cite);
  return found;
}

/** The message ids the artifacts cite, so the caller can look up just those. */
export function citedMessageIds(artifacts: ReadonlyArray<{ step: StepId; data: unknown }>): number[] {
  const cited = new Set<number>();
  const cite: Cite = (_field, kind, id) => {
    if (kind === 'message' && typeof id === 'number') cited.add(id);
  };
  for (const { step, data } of artifacts) (CITES[step] as (data: unknown, cite: Cite) => void)(data, cite);
  return [...cited];
}

const WHERE: Readonly<Record<ReferenceKind, string>> = {
  trend: "this session's trends",
  insight: "this session's dialogue ledger",
  risk: "this session's risk register",
  'roadmap entry': "this session's roadmap",
  message: "this session's transcript",
};

/** Dangling references in words a person can act on: the first in full, then how many more. */
export function describeDangling(found: readonly DanglingReference[]): string {
  const d = found[0]!;
  const id = typeof d.id === 'number' ? `message ${d.id}` : `"${d.id}"`;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return `${d.field} cites ${d.kind === 'message' ? id : `${d.kind} ${id}`}, which is not in ${WHERE[d.kind]}${more}.`;
}
