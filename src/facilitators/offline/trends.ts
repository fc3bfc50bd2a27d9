/**
 * Step 2 offline: candidates from the curated catalogue, ranked by keyword match with the client's
 * industry, context and answers, plus the trends the user named. Only the user's own are chosen.
 */
import { MAX_CHOSEN_TRENDS, TrendLens, type Trend, type TrendsArtifact } from '../../domain/index.js';
import type { CatalogueTrend, TrendsQuestion } from './bank.js';
import {
  lensLabel,
  fill,
  horizonLabel,
  joinWords,
  plural,
  possessive,
  profileOf,
  type BankStep,
  type StepContext,
} from './common.js';

/** The catalogue for the client's region: an EU regulation is no trend for a US carrier. */
function catalogueFor(ctx: StepContext): CatalogueTrend[] {
  const { region } = profileOf(ctx.input);
  return ctx.banks.trends.catalogue.filter((t) => !t.regions || t.regions.includes(region));
}
import { answersById, pairAnswers } from './interview.js';
import { isNonAnswer, mentionedName, parseHorizon, sentences, splitList, truncate } from './parse/index.js';

const MAX_TRENDS = 12;
const MAX_PROPOSED = 8;

export interface RankedTrend {
  readonly entry: CatalogueTrend;
  readonly score: number;
  /** The industry words and keywords found, for an honest "why it is on the list". */
  readonly matched: readonly string[];
}

/** "ai" or "eu" alone says less than "integrations": a two-letter keyword counts half. */
const keywordWeight = (words: readonly string[]) => words.reduce((sum, w) => sum + (w.length <= 2 ? 0.5 : 1), 0);

const phrase = (words: string) =>
  new RegExp(`(?<![a-z0-9])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:s|es)?(?![a-z0-9])`, 'i');
const has = (text: string, words: string) => phrase(words).test(text);
/** The words of `list` that the text uses. */
const usedIn = (text: string, list: readonly string[]) => list.filter((w) => has(text, w));
/** “a”, “b”, “c”: words as the acknowledgements and reasons quote them. */
const quoted = (words: readonly string[], max = Infinity) =>
  words
    .slice(0, max)
    .map((w) => `“${w}”`)
    .join(', ');

/**
 * The chosen trend a line is about: the one it names (by id or name), else the one whose catalogue
 * keywords it uses most ("online booking" is about the self-service trend); null when none, or a tie.
 */
export function trendOfText(
  text: string,
  trends: readonly Trend[],
  catalogue: readonly CatalogueTrend[],
): string | null {
  const named = mentionedName(text, trends);
  if (named) return named;
  const [best, second] = trends
    .map((t) => ({ id: t.id, hits: usedIn(text, catalogue.find((c) => c.name === t.name)?.keywords ?? []).length }))
    .sort((a, b) => b.hits - a.hits);
  return best && best.hits > 0 && (!second || second.hits < best.hits) ? best.id : null;
}

/**
 * Ranks the catalogue: industry words in the client's industry count 3, elsewhere in the context 1;
 * keywords 1, and 1 more for each one the user said in this step's answers (what they just said about
 * their market weighs more than the context's background). The words of the client's industry
 * profile count 2 each, and are not shown as matches: the client did not say them.
 */
export function rankCatalogue(
  catalogue: readonly CatalogueTrend[],
  industry: string,
  context: string,
  answers = '',
  profileWords = '',
): RankedTrend[] {
  return catalogue
    .map((entry) => {
      const inIndustry = usedIn(industry, entry.industries);
      const inContext = usedIn(`${context}\n${answers}`, entry.industries).filter((w) => !inIndustry.includes(w));
      const keywords = usedIn(`${industry}\n${context}\n${answers}`, entry.keywords);
      const said = usedIn(answers, entry.keywords);
      const score =
        3 * inIndustry.length +
        inContext.length +
        keywords.length +
        said.length +
        2 * usedIn(profileWords, entry.industries).length +
        (entry.industries.length === 0 ? 1 : 0);
      return { entry, score, matched: [...new Set([...inIndustry, ...inContext, ...keywords])] };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * The catalogue trends one answer points to, as its acknowledgement names them: the three using most of
 * its words. Keywords only: an industry word in an answer ("insurance costs keep rising") is not the client's industry.
 */
function pointedTo(
  answer: string,
  catalogue: readonly CatalogueTrend[],
): Array<{ entry: CatalogueTrend; words: string[] }> {
  return catalogue
    .map((entry) => ({ entry, words: usedIn(answer, entry.keywords) }))
    .filter((m) => m.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length)
    .slice(0, 3);
}

/**
 * Up to `max`: the trends an answer's acknowledgement named (`first`, best score first), then the best
 * of every lens not yet seen (so all six are), then the best of the rest.
 */
export function selectAcrossLenses(
  ranked: readonly RankedTrend[],
  max: number,
  first: ReadonlySet<string> = new Set(),
): RankedTrend[] {
  const picked: RankedTrend[] = ranked.filter((r) => first.has(r.entry.key)).slice(0, max);
  for (const lens of TrendLens.options) {
    if (picked.some((r) => r.entry.lens === lens)) continue;
    const best = ranked.find((r) => r.entry.lens === lens);
    if (best && picked.length < max) picked.push(best);
  }
  for (const r of ranked) if (picked.length < max && !picked.includes(r)) picked.push(r);
  return picked.sort((a, b) => b.score - a.score);
}

const LENS_WORDS: ReadonlyArray<[RegExp, TrendLens]> = [
  [
    /\b(?:regulat\w*|act|law|laws|compliance|gdpr|nis2|dora|directive|tariffs?|sanctions?|policy|government|election)\b/i,
    'regulation_politics',
  ],
  [/\b(?:energy|carbon|emissions?|climate|sustainab\w*|esg|weather|scope 3)\b/i, 'environment'],
  [
    /\b(?:costs?|pric\w*|inflation|interest|capital|budgets?|margins?|funding|valuation|economy|recession)\b/i,
    'economics',
  ],
  [
    /\b(?:customers?|consumers?|talent|hiring|skills|remote|society|generation|expectations?|workforce)\b/i,
    'customers_society',
  ],
  [
    /\b(?:ai|cloud|software|quantum|data|automation|platforms?|security|cyber|robot\w*|agents?|models?|api)\b/i,
    'technology',
  ],
];

function guessLens(text: string): TrendLens {
  return LENS_WORDS.find(([re]) => re.test(text))?.[1] ?? 'industry';
}

function contextText(ctx: StepContext, { withSummary = true } = {}): string {
  const c = ctx.input.artifacts.context;
  if (!c) return '';
  return [
    withSummary ? c.summary : '',
    ...c.services,
    ...c.products,
    ...c.customers,
    c.marketPosition ?? '',
    ...c.competitors,
    c.businessModel ?? '',
    ...c.ceoGoals,
    c.constraints.budget ?? '',
    c.constraints.team ?? '',
    c.constraints.time ?? '',
    c.constraints.regulation ?? '',
  ].join('\n');
}

/** Each answer to the questions that fill a trend's relevance, one by one, as each was acknowledged. */
function relevanceAnswers(ctx: StepContext): string[] {
  const questions = ctx.banks.trends.questions;
  return pairAnswers(ctx.messages, questions)
    .filter((a) => a.question.fills.includes('trends[].relevance') && !isNonAnswer(a.text))
    .map((a) => a.text);
}

function answerTexts(ctx: StepContext) {
  const questions = ctx.banks.trends.questions;
  const answers = answersById(pairAnswers(ctx.messages, questions));
  const of = (field: TrendsQuestion['fills'][number]) =>
    questions
      .filter((q) => q.fills.includes(field))
      .map((q) => answers.text(q.id))
      .filter((t): t is string => t !== null)
      .join('\n');
  return { named: of('trends[].name'), relevance: of('trends[].relevance') };
}

export const trendsStep: BankStep<TrendsQuestion> = {
  questions: (ctx) => ctx.banks.trends.questions,

  ack(question, text, ctx) {
    if (isNonAnswer(text)) return `Noted: nothing under **${question.topic}**.`;
    if (question.fills.includes('trends[].name')) {
      const named = splitList(text);
      return `Your own trends go on the list when you press Draft${named.length > MAX_CHOSEN_TRENDS ? ` (the first ${MAX_CHOSEN_TRENDS} pre-chosen)` : ', pre-chosen'}: ${named.map((n) => truncate(n, 60)).join('; ')}.`;
    }
    const matches = pointedTo(text, catalogueFor(ctx));
    if (matches.length === 0) {
      return 'No catalogue trend has a keyword in that answer. If a trend is behind it, name it on a line starting "Your trends:".';
    }
    return `Catalogue trends whose keywords appear in your answer: ${matches
      .map(
        (m) =>
          `**${m.entry.name}** (${lensLabel(m.entry.lens)}, impact in ${horizonLabel(m.entry.timeToImpact)}; on ${quoted(m.words)})`,
      )
      .join('; ')}. They rank higher when you press Draft.`;
  },

  draft(ctx) {
    const catalogue = catalogueFor(ctx);
    const { named, relevance } = answerTexts(ctx);
    const namedLines = [...new Set(splitList(named))].slice(0, MAX_TRENDS);
    const profileWords = ctx.banks.trends.industryWords[profileOf(ctx.input).industry];
    const ranked = rankCatalogue(
      catalogue,
      ctx.input.session.industry,
      contextText(ctx),
      `${relevance}\n${named}`,
      profileWords,
    );
    const byKey = new Map(ranked.map((r) => [r.entry.key, r]));

    const trends: Array<Omit<Trend, 'id'>> = [];
    const usedKeys = new Set<string>();
    for (const [i, line] of namedLines.entries()) {
      const key = mentionedName(
        line,
        catalogue.map((c) => ({ id: c.key, name: c.name })),
      );
      const entry = key && !usedKeys.has(key) ? byKey.get(key)?.entry : undefined;
      if (entry) usedKeys.add(entry.key);
      trends.push(
        entry
          ? {
              ...fromCatalogue(entry, ctx),
              relevance: `Raised in the session: “${truncate(line, 200)}”.`,
              chosen: i < MAX_CHOSEN_TRENDS,
              origin: 'user',
            }
          : {
              name: truncate(line, 120),
              lens: guessLens(line),
              description: truncate(line, 4000),
              whyNow: null,
              signals: [],
              timeToImpact: parseHorizon(line, ctx.now),
              relevance: null,
              chosen: i < MAX_CHOSEN_TRENDS,
              origin: 'user',
            },
      );
    }
    const acknowledged = new Set(
      relevanceAnswers(ctx).flatMap((answer) => pointedTo(answer, catalogue).map((m) => m.entry.key)),
    );
    const proposed = selectAcrossLenses(
      ranked.filter((r) => !usedKeys.has(r.entry.key)),
      Math.min(MAX_PROPOSED, MAX_TRENDS - trends.length),
      acknowledged,
    );
    // The context's own words, not its summary (which repeats them).
    const quote = quoteFinder([
      ['From your answers', relevance],
      ['From the company context', contextText(ctx, { withSummary: false })],
    ]);
    for (const r of proposed) {
      const reason = quote(r.entry.keywords);
      const more = reason ? r.matched.filter((w) => !reason.words.includes(w)) : [];
      trends.push({
        ...fromCatalogue(r.entry, ctx),
        relevance: reason
          ? `${reason.text}${more.length > 0 ? ` Also matches the industry or context on ${quoted(more, 5)}.` : ''}`
          : r.matched.length > 0
            ? `Keyword match with ${possessive(ctx.input.session.clientName)} industry, context or your answers: ${quoted(r.matched, 5)}. Why it matters here is yours to say.`
            : null,
        chosen: false,
        origin: 'proposed',
      });
    }
    const artifact: TrendsArtifact = { trends: keepIds(trends, ctx) };

    const userCount = trends.filter((t) => t.origin === 'user').length;
    const chosenCount = artifact.trends.filter((t) => t.chosen).length;
    const matchedCount = proposed.filter((r) => r.matched.length > 0).length;
    const unmatched = proposed.length - matchedCount;
    const note = [
      `Listed ${plural(artifact.trends.length, 'candidate trend')} (offline, no AI model): ${userCount} named by you, ${proposed.length} from the curated catalogue, ${matchedCount} of them matching ${possessive(ctx.input.session.clientName)} industry, context or answers by keyword.`,
      unmatched > 0
        ? `${plural(unmatched, 'other is', 'others are')} there so every lens (${joinWords(TrendLens.options.map(lensLabel))}) is seen; their relevance is yours to judge.`
        : '',
      `${chosenCount} chosen. Choose two or three to explore.`,
    ]
      .filter(Boolean)
      .join(' ');
    return { artifact, note };
  },
};

/**
 * Why a proposed trend is on the list, in the user's words where they gave them: the sentence that uses
 * most of the trend's keywords (the trends answers before the context on a tie), quoted, with the words found.
 */
function quoteFinder(
  sources: ReadonlyArray<readonly [label: string, text: string]>,
): (keywords: readonly string[]) => { text: string; words: string[] } | null {
  const said = sources.flatMap(([label, text]) => sentences(text).map((sentence) => ({ label, sentence })));
  return (keywords) => {
    let best: { label: string; sentence: string; words: string[] } | null = null;
    for (const { label, sentence } of said) {
      const words = usedIn(sentence, keywords);
      if (words.length > 0 && (!best || keywordWeight(words) > keywordWeight(best.words)))
        best = { label, sentence, words };
    }
    return (
      best && {
        text: `${best.label}: “${truncate(best.sentence, 300)}” (on ${quoted(best.words, 3)}).`,
        words: best.words,
      }
    );
  };
}

function fromCatalogue(entry: CatalogueTrend, ctx: StepContext) {
  return {
    name: entry.name,
    lens: entry.lens,
    description: fill(entry.description, ctx.input),
    whyNow: fill(entry.whyNow, ctx.input),
    signals: entry.signals.map((s) => fill(s, ctx.input)),
    timeToImpact: entry.timeToImpact,
  };
}

/** A re-draft keeps the ids and choices of trends already on the list (by name), so the dialogue's references hold. */
function keepIds(trends: ReadonlyArray<Omit<Trend, 'id'>>, ctx: StepContext): Trend[] {
  const previous = new Map((ctx.input.artifacts.trends?.trends ?? []).map((t) => [t.name.toLowerCase(), t]));
  const taken = new Set<string>();
  const kept = trends.map((t) => {
    const before = previous.get(t.name.toLowerCase());
    if (before && !taken.has(before.id)) {
      taken.add(before.id);
      return { ...t, id: before.id, chosen: before.chosen };
    }
    return { ...t, id: '' };
  });
  let n = 1;
  let chosen = 0;
  for (const t of kept) {
    if (t.chosen && ++chosen > MAX_CHOSEN_TRENDS) t.chosen = false;
    if (t.id !== '') continue;
    while (taken.has(`t${n}`)) n++;
    t.id = `t${n}`;
    taken.add(t.id);
  }
  return kept;
}
