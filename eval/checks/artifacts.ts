/**
 * Per artifact: is it faithful to what was said? Every number and proper name in it must appear in
 * the transcript (numbers read to their value, so "EUR 450.000" is 450,000), every id it cites must
 * resolve, nothing may be a placeholder or a default score, and the sounding board must attack each
 * recommendation from all four lenses with a pre-mortem of three causes or more.
 */
import { readDates, readNumbers, sameValue, type ReadNumber } from './numbers.js';
import { contentWords, excerpt } from './text.js';
import type { Failure } from './types.js';

/** A string or number somewhere in an artifact, with its path ("risks[2].threat"). */
export interface Leaf {
  readonly path: string;
  readonly value: string | number;
}

/** Fields that hold ids, enums or scores: not facts to be found in the transcript. */
const NOT_FACTS = new Set([
  'id',
  'trendId',
  'trendIds',
  'riskIds',
  'insightIds',
  'roadmapEntryIds',
  'fromMessageId',
  'closedByMessageId',
  'lens',
  'category',
  'status',
  'scope',
  'direction',
  'magnitude',
  'confidence',
  'horizon',
  'timeToImpact',
  'verdict',
  'origin',
  'chosen',
  'likelihood',
  'impact',
]);

export function leaves(value: unknown, path = ''): Leaf[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (NOT_FACTS.has(k) ? [] : leaves(v, path ? `${path}.${k}` : k)));
  return [];
}

export interface NumberFinding {
  readonly path: string;
  readonly raw: string;
  readonly value: number;
  /**
   * found: said in the transcript; scaled: said, but a thousand or a million times larger or smaller;
   * foreign: a money field holding an amount said only in another currency than the client's (recorded
   * as if it were in the client's); invented: not said.
   */
  readonly status: 'found' | 'scaled' | 'foreign' | 'invented';
  /** Whether it is an amount of money (written with a currency, or a money field). */
  readonly money: boolean;
  readonly text: string;
}

/** Money fields of the roadmap's financial framing: amounts in the client's currency. */
const MONEY_FIELDS = /\.(?:oneOffCost|annualEbitdaEffect)$/;
const SCALES = [1e3, 1e6, 1e9];

/**
 * Every number in the artifact, judged against the numbers the client said. Bare integers up to 3
 * ("Initiative 2", "3 risks") are counts of the artifact's own making and are not judged; dates are
 * judged by their year.
 */
export function judgeNumbers(
  artifact: unknown,
  source: readonly ReadNumber[],
  sourceYears: ReadonlySet<string>,
  clientCurrency: string | null = null,
) {
  const findings: NumberFinding[] = [];
  for (const leaf of leaves(artifact)) {
    const read: ReadNumber[] =
      typeof leaf.value === 'number'
        ? [
            {
              raw: String(leaf.value),
              value: leaf.value,
              money: MONEY_FIELDS.test(leaf.path),
              currency: clientCurrency,
            },
          ]
        : readNumbers(leaf.value);
    for (const n of read) {
      if (!n.money && Number.isInteger(n.value) && n.value <= 3) continue;
      const said = source.filter((s) => sameValue(s.value, n.value));
      const found = said.length > 0;
      // A money field is in the client's currency: an amount said only in another one was not converted, just relabelled.
      const foreign =
        found &&
        typeof leaf.value === 'number' &&
        MONEY_FIELDS.test(leaf.path) &&
        clientCurrency !== null &&
        said.every((s) => s.currency !== null && s.currency !== clientCurrency);
      const scaled =
        !found &&
        source.some(
          (s) => s.money && SCALES.some((f) => sameValue(s.value, n.value * f) || sameValue(s.value * f, n.value)),
        );
      findings.push({
        path: leaf.path,
        raw: n.raw,
        value: n.value,
        status: foreign ? 'foreign' : found ? 'found' : scaled ? 'scaled' : 'invented',
        money: n.money || source.some((s) => s.money && sameValue(s.value, n.value)),
        text: String(leaf.value),
      });
    }
    if (typeof leaf.value === 'string') {
      for (const date of readDates(leaf.value)) {
        const year = date.slice(0, 4);
        findings.push({
          path: leaf.path,
          raw: date,
          value: Number(year),
          status: sourceYears.has(year) ? 'found' : 'invented',
          money: false,
          text: leaf.value,
        });
      }
    }
  }
  return findings;
}

/** Words that are capitalised without being anyone's name: roles, finance terms, months, method words. */
const COMMON_CAPITALS = new Set(
  `i ceo cfo cto coo cio vp it ai ml api apis ui ux ebitda capex opex arr mrr nrr kpi kpis mttr oee roi ev adr sla
  saas b2b erp crm mes tms q1 q2 q3 q4 h1 h2 yoy fte ftes january february march april may june july august september
  october november december monday tuesday wednesday thursday friday saturday sunday eu uk us usa gdpr`.split(/\s+/),
);

/** Capitalised words inside a sentence, capitalised pairs anywhere, and acronyms: candidates for proper names. */
export function properNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[\p{Lu}][\p{L}\p{N}'’&-]*/gu)) {
    const word = m[0].replace(/['’]s$/, '').replace(/[-’']+$/, '');
    const before = text.slice(0, m.index).replace(/[\s*_"“”'‘(]+$/, '');
    const sentenceStart = before === '' || /[.!?:;•\n–—-]$/.test(before) || /\n\s*$/.test(text.slice(0, m.index));
    const acronym = /^[\p{Lu}\p{N}&-]{2,}$/u.test(word);
    if (COMMON_CAPITALS.has(word.toLowerCase()) || word.length < 2) continue;
    // A capital that opens a sentence is a name only when another follows it ("Stefan Roth", "Uber Freight").
    const nextIsCapital = /^\s+[\p{Lu}]/u.test(text.slice(m.index + m[0].length));
    if (sentenceStart && !acronym && !nextIsCapital) continue;
    out.push(word);
  }
  return out;
}

export function judgeNames(
  artifact: unknown,
  sourceText: string,
): Array<{ path: string; name: string; found: boolean; text: string }> {
  const source = sourceText.toLowerCase();
  return leaves(artifact).flatMap((leaf) =>
    typeof leaf.value !== 'string'
      ? []
      : properNames(leaf.value).map((name) => ({
          path: leaf.path,
          name,
          found: new RegExp(
            `(?<![\\p{L}\\p{N}])${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
            'u',
          ).test(source),
          text: leaf.value as string,
        })),
  );
}

const PLACEHOLDER =
  /\{\{[^}]*\}\}|\[(?:insert|placeholder|tbd|todo|name|client|company|amount|date|owner|x)[^\]]*\]|<(?:[A-Z_ ]{3,})>|\blorem ipsum\b|\bTODO\b|\bXXX+\b|\bACME\b|\bexample\.com\b|\bJohn Doe\b|\bJane Doe\b/i;

export function placeholders(artifact: unknown): Failure[] {
  return leaves(artifact).flatMap((leaf) => {
    if (typeof leaf.value !== 'string') return [];
    const hit = PLACEHOLDER.exec(leaf.value);
    return hit ? [{ where: leaf.path, detail: `placeholder “${hit[0]}”`, excerpt: excerpt(leaf.value) }] : [];
  });
}

export interface RiskLike {
  readonly id: string;
  readonly threat: string;
  readonly likelihood: number;
  readonly impact: number;
}

const SCORE_WORDS =
  /\b[1-5]\b|\b(?:very )?(?:low|medium|high|likely|unlikely|severe|possible|serious|critical|moderate|major|minor|rare|catastrophic|probable|certain)\b/i;

/**
 * A score is a default when every risk of a register of three or more has the same pair, or when a
 * risk is scored 3 × 3 (the middle of the matrix) and the answer it came from gives no score at all.
 */
export function defaultScores(
  risks: readonly RiskLike[],
  userAnswers: readonly string[],
): Array<{ risk: RiskLike; detail: string | null }> {
  const pairs = new Set(risks.map((r) => `${r.likelihood}x${r.impact}`));
  const uniform = risks.length >= 3 && pairs.size === 1;
  return risks.map((risk) => {
    if (uniform) return { risk, detail: `every risk is scored ${risk.likelihood} × ${risk.impact}` };
    if (risk.likelihood !== 3 && risk.impact !== 3) return { risk, detail: null };
    const words = contentWords(risk.threat);
    const origin = [...userAnswers]
      .map((a) => ({ a, shared: [...contentWords(a)].filter((w) => words.has(w)).length }))
      .sort((x, y) => y.shared - x.shared)[0];
    const said = origin && origin.shared > 0 && SCORE_WORDS.test(origin.a);
    return {
      risk,
      detail: said ? null : `scored ${risk.likelihood} × ${risk.impact} with no score in the answer it came from`,
    };
  });
}

export const LENSES = ['ceo', 'cfo', 'board', 'engineer'] as const;

/** A pre-mortem item as stored now (a stakeholder's story) or before (one line). */
export type FailureLike = string | { readonly story: string; readonly cause?: string | null };

export interface RecommendationLike {
  readonly id: string;
  readonly claim: string;
  readonly roadmapEntryIds: readonly string[];
  readonly objections: ReadonlyArray<{
    readonly lens: string;
    readonly objection: string;
    readonly basis?: string | null;
    readonly status?: string;
  }>;
  readonly preMortem: readonly FailureLike[];
  /** Before objections had a status, the open ones were listed here. */
  readonly openObjections?: readonly string[];
}

/** A failure story's cause (or, without one, its story), the text the pre-mortem check counts. */
export const failureText = (f: FailureLike): string => (typeof f === 'string' ? f : (f.cause ?? f.story));

/** The open objections as text, whichever shape the record was stored in. */
export function openObjectionTexts(rec: Pick<RecommendationLike, 'objections' | 'openObjections'>): string[] {
  if (rec.openObjections) return [...rec.openObjections];
  return rec.objections.filter((o) => o.status === 'open').map((o) => `${o.lens}: ${o.objection}`);
}

/**
 * Objections from the facts: a recommendation resting on a roadmap with computed facts must meet at
 * least one of them, in a CFO or sceptical-engineer objection that quotes a number the facts computed
 * (in its basis or its words), e.g. "payback 3 years" or "over budget by 50,000".
 */
export function objectionsFromFacts(
  recommendations: readonly RecommendationLike[],
  factNumbers: readonly ReadNumber[],
): Array<{ rec: RecommendationLike; detail: string | null; text: string }> {
  return recommendations.map((rec) => {
    const money = rec.objections.filter((o) => o.lens === 'cfo' || o.lens === 'engineer');
    const quoting = money.find((o) =>
      readNumbers(`${o.objection}\n${o.basis ?? ''}`).some(
        // Small counts (1, 2, 3) match too much to show a fact was read.
        (n) =>
          !(Number.isInteger(n.value) && n.value <= 3 && !n.money) &&
          factNumbers.some((f) => sameValue(f.value, n.value)),
      ),
    );
    return quoting
      ? { rec, detail: null, text: `${quoting.objection}${quoting.basis ? ` (${quoting.basis})` : ''}` }
      : {
          rec,
          detail:
            money.length === 0
              ? 'no CFO or engineer objection to meet the facts'
              : 'no CFO or engineer objection quotes a computed fact (effort against capacity, cost against budget, payback, EV, cash)',
          text: money[0]?.objection ?? rec.claim,
        };
  });
}

/**
 * Each lens must object, and specifically: the objection shares a content word with the
 * recommendation (its claim and the roadmap entries it cites) and is not the same words as another
 * recommendation's.
 */
export function lensObjections(
  recommendations: readonly RecommendationLike[],
  entryText: (id: string) => string,
): Array<{ rec: RecommendationLike; lens: string; detail: string | null; text: string }> {
  const all = recommendations.flatMap((r) =>
    r.objections.map((o) => ({ rec: r.id, text: o.objection.trim().toLowerCase() })),
  );
  return recommendations.flatMap((rec) => {
    const about = contentWords([rec.claim, ...rec.roadmapEntryIds.map(entryText)].join('\n'));
    return LENSES.map((lens) => {
      const objections = rec.objections.filter((o) => o.lens === lens);
      if (objections.length === 0) return { rec, lens, detail: `no ${lens} objection`, text: rec.claim };
      const specific = objections.find(
        (o) =>
          [...contentWords(o.objection)].some((w) => about.has(w)) &&
          !all.some((x) => x.rec !== rec.id && x.text === o.objection.trim().toLowerCase()),
      );
      return specific
        ? { rec, lens, detail: null, text: specific.objection }
        : {
            rec,
            lens,
            detail: `the ${lens} objection is generic: it shares nothing with the recommendation`,
            text: objections[0]!.objection,
          };
    });
  });
}

export const MIN_PRE_MORTEM = 3;

export function preMortemCauses(rec: RecommendationLike): number {
  return new Set(rec.preMortem.map((c) => failureText(c).trim().toLowerCase()).filter((c) => c !== '')).size;
}
