/**
 * The board deck as data: seven slides, each a set of text boxes already cut to their budgets, plus
 * the heat map's cells and the roadmap's rows. Pure; deckPptx.ts only places and styles them, so a
 * test can check every box against its budget and then find the same text in the file.
 *
 * 1 title · 2 the recommendation (verdict and the CEO one-liner) · 3 the trends chosen and why ·
 * 4 the impact · 5 the risk heat map and the top risks · 6 the roadmap with effort, owner, EBITDA
 * and EV · 7 open questions and the ask. A step not drafted yet says so on its slide.
 */
import {
  HORIZONS,
  HORIZON_LABELS,
  amountsNote,
  capitalize,
  chosenTrends,
  enterpriseValueEffect,
  formatMoney,
  isClosed,
  rankRisks,
  riskScoreText,
  severityOf,
  VERDICT_LABELS,
  ROADMAP_STATUS_LABELS,
  STEPS,
  type Severity,
  type Verdict,
  objectionText,
  openObjections,
  readyDespiteText,
} from '../../domain/index.js';
import { isoDate, formatWeeks } from '../format.js';
import { GAP_WORDS, orGap } from '../gaps.js';
import { movedOnSteps } from '../memoOverrides.js';
import type { ExportInput } from '../types.js';
import { box, type Box } from '../budget.js';

/** Budgets per kind of box, in characters, for the 13.33 × 7.5 in layout and the type sizes in deckPptx.ts. */
export const BUDGETS = {
  slideTitle: 70,
  footer: 90,
  deckTitle: 80,
  deckSubtitle: 140,
  verdict: 40,
  readyDespite: 150,
  oneLiner: 150,
  claim: 260,
  otherRecommendation: 120,
  trendName: 60,
  trendWhy: 230,
  impactHead: 60,
  impactChange: 150,
  riskHead: 40,
  riskThreat: 110,
  riskOwner: 80,
  heatCell: 14,
  entry: 48,
  horizon: 14,
  effort: 14,
  owner: 40,
  amount: 16,
  roadmapNote: 180,
  question: 130,
  ask: 130,
  empty: 120,
} as const;

export const MAX = { others: 3, trends: 3, impacts: 4, risks: 3, roadmapRows: 7, questions: 4, asks: 3 } as const;

export interface HeatCell {
  readonly likelihood: number;
  readonly impact: number;
  readonly severity: Severity;
  readonly ids: Box;
}

export type Slide =
  | { readonly kind: 'title'; readonly title: Box; readonly subtitle: Box }
  | {
      readonly kind: 'recommendation';
      readonly title: Box;
      readonly headline: {
        readonly verdict: Verdict | null;
        readonly label: Box;
        /** Called ready with objections open: the reason given, beside the verdict (null otherwise). */
        readonly readyDespite: Box | null;
        readonly oneLiner: Box;
        readonly claim: Box;
      } | null;
      readonly others: readonly { readonly verdict: Verdict | null; readonly text: Box }[];
      readonly empty: Box | null;
    }
  | {
      readonly kind: 'trends';
      readonly title: Box;
      readonly trends: readonly { name: Box; why: Box }[];
      readonly empty: Box | null;
    }
  | {
      readonly kind: 'impact';
      readonly title: Box;
      readonly impacts: readonly { head: Box; change: Box }[];
      readonly empty: Box | null;
    }
  | {
      readonly kind: 'risks';
      readonly title: Box;
      readonly cells: readonly HeatCell[];
      readonly top: readonly { head: Box; threat: Box; owner: Box; severity: Severity | null }[];
      readonly empty: Box | null;
    }
  | {
      readonly kind: 'roadmap';
      readonly title: Box;
      readonly header: readonly Box[];
      readonly rows: readonly (readonly Box[])[];
      readonly note: Box | null;
      readonly empty: Box | null;
    }
  | { readonly kind: 'ask'; readonly title: Box; readonly questions: readonly Box[]; readonly asks: readonly Box[] };

export interface DeckPlan {
  readonly footer: Box;
  readonly slides: readonly Slide[];
}

/** Undecided (no verdict yet) last: shown with the gap, never left out. */
const VERDICT_ORDER: ReadonlyArray<Verdict | null> = ['ready', 'revise', 'drop', null];
const verdictWord = (v: Verdict | null) => orGap(v, 'verdict', (x) => VERDICT_LABELS[x]);
const notDrafted = (what: string) => box(`${what}: not drafted yet.`, BUDGETS.empty);

export function deckPlan(input: ExportInput): DeckPlan {
  const { client, session, artifacts: a } = input;
  const recs = VERDICT_ORDER.flatMap((v) => (a.sounding_board?.recommendations ?? []).filter((r) => r.verdict === v));
  const [first, ...rest] = recs;

  const slides: Slide[] = [
    {
      kind: 'title',
      title: box(`${client.name}: technology strategy for ${session.quarter}`, BUDGETS.deckTitle),
      subtitle: box(
        [client.industry, session.title, `for the leadership team · ${isoDate(input.generatedAt)}`]
          .filter((x): x is string => !!x && x.trim() !== '')
          .join(' · '),
        BUDGETS.deckSubtitle,
      ),
    },
    {
      kind: 'recommendation',
      title: box('Our recommendation', BUDGETS.slideTitle),
      headline: first
        ? {
            verdict: first.verdict,
            label: box(
              `${verdictWord(first.verdict)} · ${orGap(first.confidence, 'confidence', (c) => `confidence ${c}`)}`,
              BUDGETS.verdict,
            ),
            readyDespite: readyDespiteText(first) ? box(readyDespiteText(first)!, BUDGETS.readyDespite) : null,
            oneLiner: box(first.ceoOneLiner ?? capitalize(GAP_WORDS.oneLiner), BUDGETS.oneLiner),
            claim: box(first.claim ?? capitalize(GAP_WORDS.claim), BUDGETS.claim),
          }
        : null,
      others: rest.slice(0, MAX.others).map((r) => ({
        verdict: r.verdict,
        text: box(
          `${verdictWord(r.verdict)}: ${r.ceoOneLiner ?? r.claim ?? GAP_WORDS.claim}`,
          BUDGETS.otherRecommendation,
        ),
      })),
      empty: first ? null : notDrafted('Pressure-tested recommendations'),
    },
    trendsSlide(input),
    impactSlide(input),
    risksSlide(input),
    roadmapSlide(input),
    askSlide(input),
  ];
  return { footer: box(`${client.name} · ${session.quarter} · technology strategy`, BUDGETS.footer), slides };
}

function trendsSlide(input: ExportInput): Slide {
  const t = input.artifacts.trends;
  const chosen = t ? chosenTrends(t) : [];
  return {
    kind: 'trends',
    title: box('The trends we chose, and why', BUDGETS.slideTitle),
    trends: chosen.slice(0, MAX.trends).map((trend) => ({
      name: box(trend.name, BUDGETS.trendName),
      why: box(trend.relevance ?? trend.whyNow ?? trend.description, BUDGETS.trendWhy),
    })),
    empty: chosen.length > 0 ? null : notDrafted('Chosen trends'),
  };
}

const DIRECTION = { up: 'up', down: 'down', mixed: 'mixed' } as const;

function impactSlide(input: ExportInput): Slide {
  const forecasts = input.artifacts.impact?.forecasts ?? [];
  const ranked = [...forecasts].sort(
    (x, y) =>
      (y.magnitude === 'high' ? 2 : y.magnitude === 'medium' ? 1 : 0) -
      (x.magnitude === 'high' ? 2 : x.magnitude === 'medium' ? 1 : 0),
  );
  return {
    kind: 'impact',
    title: box(`What changes for ${input.client.name}`, BUDGETS.slideTitle),
    impacts: ranked.slice(0, MAX.impacts).map((f) => ({
      head: box(
        `${capitalize(f.scope)} · ${orGap(f.direction, 'direction', (d) => DIRECTION[d])} · ${orGap(f.horizon, 'horizon', (h) => HORIZON_LABELS[h])}`,
        BUDGETS.impactHead,
      ),
      change: box(f.change, BUDGETS.impactChange),
    })),
    empty: forecasts.length > 0 ? null : notDrafted('Impact forecast'),
  };
}

function risksSlide(input: ExportInput): Slide {
  const risks = input.artifacts.risks;
  const cells: HeatCell[] = [];
  if (risks)
    for (let impact = 5; impact >= 1; impact--)
      for (let likelihood = 1; likelihood <= 5; likelihood++) {
        const ids = risks.risks.filter((r) => r.likelihood === likelihood && r.impact === impact).map((r) => r.id);
        cells.push({
          likelihood,
          impact,
          severity: severityOf(likelihood, impact),
          ids: box(ids.join(', '), BUDGETS.heatCell),
        });
      }
  return {
    kind: 'risks',
    title: box('Risks: where they sit, and the three that matter most', BUDGETS.slideTitle),
    cells,
    top: (risks ? rankRisks(risks) : []).slice(0, MAX.risks).map((r) => ({
      head: box(
        `${r.id} · ${orGap(r.severity, 'severity')} (${riskScoreText(r.likelihood, r.impact)})`,
        BUDGETS.riskHead,
      ),
      threat: box(r.threat, BUDGETS.riskThreat),
      owner: box(
        `Owner: ${orGap(r.owner, 'owner')} · mitigation: ${orGap(r.mitigation, 'mitigation')}`,
        BUDGETS.riskOwner,
      ),
      severity: r.severity,
    })),
    empty: risks ? null : notDrafted('Risk register'),
  };
}

function roadmapSlide(input: ExportInput): Slide {
  const roadmap = input.artifacts.roadmap;
  // What is ahead first, by horizon; then what was done or dropped, so the board sees it closed.
  const byHorizon = roadmap ? [...HORIZONS, null].flatMap((h) => roadmap.entries.filter((e) => e.horizon === h)) : [];
  const entries = [...byHorizon.filter((e) => !isClosed(e)), ...byHorizon.filter(isClosed)];
  const currency = input.client.currency;
  const money = (n: number | null) => orGap(n, 'amount', (v) => formatMoney(v, currency));
  const shown = entries.slice(0, MAX.roadmapRows);
  const notes = [
    entries.length > shown.length ? `${entries.length - shown.length} more entries in the memo.` : null,
    amountsNote(currency),
    'EV = EBITDA effect × the stated multiple, an assumption to challenge.',
  ].filter((x): x is string => x !== null);
  return {
    kind: 'roadmap',
    title: box('Roadmap: effort, owner and value', BUDGETS.slideTitle),
    header: [
      box('Initiative', BUDGETS.entry),
      box('Horizon', BUDGETS.horizon),
      box('Effort', BUDGETS.effort),
      box('Owner', BUDGETS.owner),
      box('EBITDA / year', BUDGETS.amount),
      box('EV effect', BUDGETS.amount),
    ],
    rows: shown.map((e) => [
      box(e.title, BUDGETS.entry),
      box(
        isClosed(e) ? ROADMAP_STATUS_LABELS[e.status] : orGap(e.horizon, 'horizon', (h) => HORIZON_LABELS[h]),
        BUDGETS.horizon,
      ),
      box(orGap(e.effortWeeks, 'effort', formatWeeks), BUDGETS.effort),
      box(orGap(e.owner, 'owner'), BUDGETS.owner),
      box(money(e.financial.annualEbitdaEffect), BUDGETS.amount),
      box(
        e.financial.annualEbitdaEffect !== null && e.financial.evMultiple === null
          ? GAP_WORDS.multiple
          : money(enterpriseValueEffect(e.financial)),
        BUDGETS.amount,
      ),
    ]),
    note: roadmap ? box(notes.join(' '), BUDGETS.roadmapNote) : null,
    empty: roadmap ? null : notDrafted('Roadmap'),
  };
}

function askSlide(input: ExportInput): Slide {
  const a = input.artifacts;
  const recs = a.sounding_board?.recommendations ?? [];
  const questions = [
    // What the session moved on without comes first: the memo names each gap and override in full.
    ...movedOnSteps(input).map((m) => {
      const last = m.overrides.at(-1);
      const gaps = m.open.length > 0 ? m.open : (last?.since ?? []);
      return `${STEPS[m.step].title}${last ? `, moved on anyway (‘${last.reason}’)` : ''}: ${gaps.join(' ')}`;
    }),
    ...recs.flatMap((r) => openObjections(r).map(objectionText)),
    ...recs.flatMap((r) => r.evidenceGaps),
    ...(a.dialogue?.assumptions.filter((x) => x.status === 'stated' || x.status === 'challenged').map((x) => x.text) ??
      []),
  ];
  const asks = [
    ...recs.filter((r) => r.verdict === 'ready').map((r) => `Approve: ${r.claim ?? GAP_WORDS.claim}`),
    ...recs
      .filter((r) => r.verdict === 'revise' || r.verdict === null)
      .map((r) => `Settle what is open, then decide: ${r.claim ?? GAP_WORDS.claim}`),
  ];
  return {
    kind: 'ask',
    title: box('Open questions, and what we ask of you', BUDGETS.slideTitle),
    questions: (questions.length > 0 ? questions : ['None recorded.'])
      .slice(0, MAX.questions)
      .map((q) => box(q, BUDGETS.question)),
    asks: (asks.length > 0 ? asks : ['No recommendation is ready for a decision yet.'])
      .slice(0, MAX.asks)
      .map((q) => box(q, BUDGETS.ask)),
  };
}

/** Every box on a slide, for checking budgets. */
export function boxesOf(slide: Slide): Box[] {
  switch (slide.kind) {
    case 'title':
      return [slide.title, slide.subtitle];
    case 'recommendation':
      return [
        slide.title,
        ...(slide.headline ? [slide.headline.label, slide.headline.oneLiner, slide.headline.claim] : []),
        ...slide.others.map((o) => o.text),
        ...(slide.empty ? [slide.empty] : []),
      ];
    case 'trends':
      return [slide.title, ...slide.trends.flatMap((t) => [t.name, t.why]), ...(slide.empty ? [slide.empty] : [])];
    case 'impact':
      return [slide.title, ...slide.impacts.flatMap((i) => [i.head, i.change]), ...(slide.empty ? [slide.empty] : [])];
    case 'risks':
      return [
        slide.title,
        ...slide.cells.map((c) => c.ids),
        ...slide.top.flatMap((r) => [r.head, r.threat, r.owner]),
        ...(slide.empty ? [slide.empty] : []),
      ];
    case 'roadmap':
      return [
        slide.title,
        ...slide.header,
        ...slide.rows.flat(),
        ...(slide.note ? [slide.note] : []),
        ...(slide.empty ? [slide.empty] : []),
      ];
    case 'ask':
      return [slide.title, ...slide.questions, ...slide.asks];
  }
}
