/** Numbers as typed: 1–5 scores, money, the EBITDA multiple, effort in weeks, key numbers. */
import type { Score } from '../../../domain/index.js';
import { capitalize } from '../../../domain/prose.js';
import { labelled, sentences, splitList } from './text.js';

const LEVEL_SCORES: ReadonlyArray<[RegExp, Score]> = [
  [/\b(?:very low|negligible|rare|very unlikely|almost never)\b/i, 1],
  [/\b(?:very high|critical|catastrophic|severe|company[- ]ending|almost certain|certain)\b/i, 5],
  [/\b(?:unlikely|low|minor|small)\b/i, 2],
  [/\b(?:medium|moderate|possible|some|mid)\b/i, 3],
  [/\b(?:likely|high|major|large|big|serious|probable)\b/i, 4],
];

/** Lookahead for a score label: "impact on margins" is not a score, "impact 4" and "impact: high" are. */
export const SCORE_AHEAD =
  '(?=\\s*(?:[:=]|is|of)?\\s*(?:[1-5]\\b|very|high|medium|low|critical|severe|catastrophic|moderate|minor|major|likely|unlikely|rare|possible|almost|negligible|company))';

/** A 1–5 score from "4", "4/5", "4 out of 5", or a word ("high" → 4, "critical" → 5). */
export function scoreFrom(value: string): Score | null {
  const n = /^\s*([1-5])(?:\s*(?:\/|out of|of)\s*5)?\b/i.exec(value);
  if (n) return Number(n[1]) as Score;
  for (const [re, score] of LEVEL_SCORES) if (re.test(value)) return score;
  return null;
}

/** "(3/4)", "3x2", "3 × 4": likelihood then impact, as a register reads; not "24/7", "1/2/2027" or "3x longer". */
export const SCORE_PAIR = /(?<![\w./$€£-])([1-5])\s*(?:\/|x|×|\*)\s*([1-5])(?![\w./%])/g;

/**
 * Likelihood and impact from a risk line: labelled ("likelihood 4", "impact: high"), "L4 I5", two
 * "x/5" or a pair ("3x2") in that order, or in words ("medium likelihood", "Unlikely but catastrophic").
 */
export function parseScores(text: string): { likelihood: Score | null; impact: Score | null } {
  const { values } = labelled(text, {
    likelihood: ['likelihood', 'probability', 'chance'].map((l) => l + SCORE_AHEAD),
    impact: ['impact', 'severity', 'consequence'].map((l) => l + SCORE_AHEAD),
  });
  let likelihood = values.likelihood ? scoreFrom(values.likelihood) : null;
  let impact = values.impact ? scoreFrom(values.impact) : null;
  const short = /\bL\s*([1-5])\s*[/,x×]?\s*I\s*([1-5])\b/.exec(text);
  if (short) {
    likelihood ??= Number(short[1]) as Score;
    impact ??= Number(short[2]) as Score;
  }
  if (likelihood === null && impact === null) {
    const fifths = [...text.matchAll(/\b([1-5])\s*\/\s*5\b/g)].map((m) => Number(m[1]) as Score);
    if (fifths.length === 2) [likelihood, impact] = [fifths[0]!, fifths[1]!];
  }
  if (likelihood === null && impact === null) {
    const pair = new RegExp(SCORE_PAIR.source, 'i').exec(text);
    if (pair) [likelihood, impact] = [Number(pair[1]) as Score, Number(pair[2]) as Score];
  }
  // As people say it: "medium likelihood, high impact"; "likely, moderate impact".
  const before = (labels: string) => new RegExp(`\\b(${LEVEL_WORDS})\\s+(?:${labels})\\b`, 'i').exec(text)?.[1];
  const wordLikelihood = before('likelihood|probability|chance');
  const wordImpact = before('impact|severity|consequences?');
  likelihood ??= wordLikelihood ? scoreFrom(wordLikelihood) : null;
  impact ??= wordImpact ? scoreFrom(wordImpact) : null;
  if (likelihood === null) {
    const hit = LIKELIHOOD_SAID.exec(text);
    const said = (hit?.[1] ?? hit?.[2])?.toLowerCase();
    if (said)
      likelihood =
        said.startsWith('not') || said === 'improbable' ? 2 : said.startsWith('possib') ? 3 : scoreFrom(said);
    // "Unlikely but catastrophic": the word after the likelihood is the impact.
    const then = hit
      ? new RegExp(`^\\s*(?:,|but|and|,\\s*but)\\s+(${LEVEL_WORDS})\\b`, 'i').exec(
          text.slice(hit.index + hit[0].length),
        )
      : null;
    if (then && impact === null) impact = scoreFrom(then[1]!);
  }
  return { likelihood, impact };
}

const SCORE_LABEL = /\b(?:likelihood|probability|chance|impact|severity|consequences?)\b/i;

/**
 * The text without the clauses that only give a score ("medium likelihood", "Likely, high impact",
 * "4/5"): parseScores reads those; what is left says what could happen. "High impact on revenue" stays.
 */
export function withoutScores(text: string): string {
  const filler = new RegExp(
    `\\b(?:${LEVEL_WORDS}|likelihood|probability|chance|impact|severity|consequences?|quite|very|not|and|but|both|is|of|out|L\\s*[1-5]|I\\s*[1-5])\\b|\\b[1-5]\\b|[/x×=]`,
    'gi',
  );
  const scoreOnly = (clause: string) =>
    (SCORE_LABEL.test(clause) || LIKELIHOOD_SAID.test(clause) || /\b[1-5]\s*\/\s*5\b/.test(clause)) &&
    clause.replace(filler, '').replace(/[\s.,;:!()—–-]+/g, '') === '';
  // "(very likely, major impact)": a bracket that only gives the scores goes whole.
  const unbracketed = text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (scoreOnly(inner) ? '' : whole));
  const kept = sentences(unbracketed).map((sentence) => {
    const clauses = sentence.split(/(?<=[,;:—–])\s*|\s+(?=[—–]\s)/);
    const left = clauses.filter((c) => !scoreOnly(c));
    if (left.length === clauses.length) return sentence;
    // "Quite likely, and it would hurt: …" reads "It would hurt: …".
    const joined = capitalize(
      left
        .join(' ')
        .replace(/^(?:and|but|so)\s+/i, '')
        .replace(/[\s,;:—–-]+$/, ''),
    );
    return joined === '' ? '' : /[.!?]$/.test(sentence) && !/[.!?]$/.test(joined) ? `${joined}.` : joined;
  });
  return kept.filter(Boolean).join(' ');
}

/** Level words, longest first, as scoreFrom reads them. */
const LEVEL_WORDS =
  'very low|very high|very unlikely|almost certain|almost never|company[- ]ending|negligible|catastrophic|critical|severe|certain|unlikely|moderate|medium|minor|small|possible|probable|serious|likely|major|large|high|low|mid|big|rare';
/** A likelihood said without its label: "quite likely", "not likely", "almost certain". */
const LIKELIHOOD_SAID =
  /\b(not (?:very )?likely|almost certain|very unlikely|very likely|improbable|unlikely|likely|probable|rare)\b|(?:^|[,;:—–]\s*)(possible|possibly)\s*(?=[,;.]|$)/i;

const MONEY =
  /(?:([$€£])\s?|\b(?:usd|eur|gbp)\s?)?(\d+(?:[.,]\d+)*)\s?(k|thousand|m|mn|million|bn|b|billion)?\b(?:\s?(usd|eur|gbp|dollars|euros|pounds))?/gi;

export interface MoneyHit {
  readonly amount: number;
  readonly raw: string;
  readonly index: number;
}

/**
 * Amounts of money: "$120k", "€1.2M", "120,000 USD", "$8M". A bare number is not money: it needs a
 * currency or a magnitude (k, M, bn), so "8x" and "14 engineers" are left alone.
 */
export function findMoney(text: string): MoneyHit[] {
  const hits: MoneyHit[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [raw, symbol, digits, magnitude, code] = m;
    const hasCode = /^(?:usd|eur|gbp)/i.test(raw);
    if (!symbol && !magnitude && !code && !hasCode) continue;
    // "M" right before a letter is a word ("8 Months"), not millions.
    if (magnitude && /^[a-z]/i.test(text.slice(m.index + raw.length, m.index + raw.length + 1))) continue;
    if (
      magnitude &&
      /^m$/i.test(magnitude) &&
      !symbol &&
      /\b(?:months?|min)/i.test(text.slice(m.index, m.index + raw.length + 6))
    )
      continue;
    const amount = Number(digits!.replace(/,(?=\d{3}\b)/g, '').replace(',', '.')) * multiplier(magnitude);
    if (Number.isFinite(amount)) hits.push({ amount, raw: raw.trim(), index: m.index });
  }
  return hits;
}

function multiplier(magnitude: string | undefined): number {
  const m = (magnitude ?? '').toLowerCase();
  if (m === 'k' || m === 'thousand') return 1e3;
  if (m === 'm' || m === 'mn' || m === 'million') return 1e6;
  if (m === 'b' || m === 'bn' || m === 'billion') return 1e9;
  return 1;
}

export function parseMoney(text: string): number | null {
  return findMoney(text)[0]?.amount ?? null;
}

/** The EBITDA multiple: "8x", "8× EBITDA", "multiple of 8", "EBITDA multiple 8x". */
export function parseMultiple(text: string): number | null {
  const m =
    /(\d+(?:\.\d+)?)\s?[x×](?![\w])/i.exec(text) ?? /multiple\s*(?:of|is|at|:|=)?\s*(\d+(?:\.\d+)?)/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 && n <= 100 ? n : null;
}

export interface Financials {
  readonly oneOffCost: number | null;
  /** Positive when EBITDA improves (a saving, a margin gain); negative for a running cost. */
  readonly annualEbitdaEffect: number | null;
  /** Amounts said as revenue ("$900k of revenue a year"): revenue is not EBITDA, so they are neither of the above. */
  readonly revenue: readonly number[];
}

const YEARLY_AFTER =
  /^[^$€£\d.;]{0,30}?\b(?:a|per|each)\s+(?:year|yr|annum)\b|^\s*\/\s*(?:year|yr)\b|^[^$€£\d.;]{0,30}?\b(?:annually|yearly|p\.\s?a\.)/;
const COST_AFTER =
  /^\s*(?:(?:of|in)\s+)?(?:(?:extra|additional|recurring|running|annual|yearly|one[- ]off)\s+)*(?:costs?|spend|licen[cs]es?|fees?|opex|capex)\b/;
const REVENUE_AFTER =
  /^\s*(?:(?:a|per)\s+year\s+)?(?:(?:of|in)\s+)?(?:(?:extra|additional|new|more|recurring|annual)\s+)*(?:revenue|sales|turnover|arr|mrr|acv|bookings|gmv)\b/;
/** "revenue of", "sales up by about": revenue leads into the amount, with no profit word in between. */
const REVENUE_BEFORE =
  /\b(?:revenue|sales|turnover|arr|mrr|acv|bookings|gmv)\b(?:(?!ebitda|profit|margin|sav)[^$€£\d.;])*$/;

/**
 * Money in an answer sorted into a one-off cost and a yearly EBITDA effect, by the words around each
 * amount. A yearly amount with no word saying whether it is a saving or a cost is read as `bareYearly`
 * says: a value where the question asked what the initiative is worth, a running cost where it asked
 * what the initiative is.
 */
export function parseFinancials(text: string, bareYearly: 'value' | 'cost' = 'value'): Financials {
  let oneOffCost: number | null = null;
  let annualEbitdaEffect: number | null = null;
  const revenue: number[] = [];
  for (const hit of findMoney(text)) {
    const before = text.slice(Math.max(0, hit.index - 40), hit.index).toLowerCase();
    const after = text.slice(hit.index + hit.raw.length, hit.index + hit.raw.length + 40).toLowerCase();
    const costAfter = COST_AFTER.test(after);
    if (!costAfter && (REVENUE_AFTER.test(after) || REVENUE_BEFORE.test(before))) {
      revenue.push(hit.amount);
      continue;
    }
    const yearly = YEARLY_AFTER.test(after) || /\b(?:ebitda|annual|yearly|per year|a year)\b[^$€£\d]*$/.test(before);
    const saving =
      !costAfter &&
      /\b(?:sav(?:e|es|ing|ings)|cut|reduc\w*|lower\w*|add(?:s|ing)?|gain|improv\w*|increase\w*|ebitda|worth)\b[^$€£\d]*$/.test(
        before,
      );
    const burden =
      costAfter ||
      /\b(?:extra|more|additional|recurring|running|opex of|costs? us|costs?|spend)\b[^$€£\d]*$/.test(before);
    if (yearly || (saving && !/\b(?:cost|invest|spend|one[- ]off|upfront|capex)\b[^$€£\d]*$/.test(before))) {
      const negative = burden ? !saving : !saving && bareYearly === 'cost';
      if (annualEbitdaEffect === null) annualEbitdaEffect = negative ? -hit.amount : hit.amount;
    } else if (oneOffCost === null) {
      oneOffCost = hit.amount;
    }
  }
  return { oneOffCost, annualEbitdaEffect, revenue };
}

/**
 * Effort in weeks from "6 weeks", "2-3 weeks" (the upper end), "3 months" (×4.33), "10 days"
 * (working days), "2 sprints" (two-week sprints). Story points are not weeks: null.
 */
export function parseWeeks(text: string): number | null {
  if (/story points?|\bpts\b/i.test(text) && !/\bweeks?\b/i.test(text)) return null;
  const m =
    /(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?[\s-]*(weeks?|wks?|w\b|months?|mos?\b|days?|sprints?)/i.exec(
      text,
    );
  if (!m) return null;
  const n = Number(m[2] ?? m[1]);
  const unit = m[3]!.toLowerCase();
  const weeks = unit.startsWith('mo') ? n * 4.33 : unit.startsWith('d') ? n / 5 : unit.startsWith('s') ? n * 2 : n;
  const rounded = Math.round(weeks * 2) / 2;
  return rounded > 0 && rounded <= 520 ? Math.max(rounded, 0.5) : null;
}

const FIGURE = /(?:[$€£]\s?)?\d+(?:[.,]\d+)*\s?(?:%|[kmb]n?\b|million\b|thousand\b|billion\b|x\b)?/i;

/** Words that lead into a figure or trail its label without naming anything: "we have 14 engineers", "churn is 9%". */
const LEAD_FILLER =
  /^(?:we|we're|we've|we have|we've got|there are|there is|there's|our|it's|it is|about|around|approx\.?|roughly|nearly|almost|over|under|some|just|only|currently|now|today|with|at|of|in|is|are|was|were|has|have|had|got|~)(?:\s+|$)/i;
const TRAIL_FILLER = /(?:^|\s+)(?:of|is|are|was|were|at|about|around|roughly|nearly|in|since|by|for|=|:|~)$/i;

const trimPunctuation = (text: string) => text.replace(/\s+/g, ' ').replace(/^[\s:=~,.-]+|[\s:=~,.-]+$/g, '');

/** The text without the filler words at one end, however many there are ("we have about"). */
function strip(text: string, filler: RegExp): string {
  let t = trimPunctuation(text);
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = trimPunctuation(t.replace(filler, ''));
  }
  return t;
}

/**
 * One figure and what it measures, from a clause: the words before it when they name something
 * ("churn 9%", "ARR of $8M"), else the words after ("14 engineers", "about 4% share"); "label: value"
 * or "label = value" as written. Null when the clause has no figure or nothing it could be a figure of.
 */
function keyNumberIn(clause: string): { label: string; value: string } | null {
  const split = /^([^:=]*?[A-Za-z][^:=]*?)\s*[:=]\s*(.*\d.*)$/.exec(clause);
  if (split) {
    const label = strip(split[1]!, LEAD_FILLER);
    return label === '' ? null : { label, value: trimPunctuation(split[2]!) };
  }
  const m = FIGURE.exec(clause);
  if (!m) return null;
  const per = /^\s*(?:\/|per |a )\s*(?:month|mo|year|yr|quarter)\b/i.exec(clause.slice(m.index + m[0].length));
  const value = (m[0] + (per ? per[0] : '')).replace(/\s+/g, ' ').trim();
  const before = strip(strip(clause.slice(0, m.index), LEAD_FILLER), TRAIL_FILLER);
  const after = strip(clause.slice(m.index + m[0].length + (per ? per[0].length : 0)), /^(?:of|in|on|across)\s+/i);
  const label = before !== '' ? before : after.split(' ').slice(0, 6).join(' ');
  return label === '' ? null : { label: label.slice(0, 300), value: value.slice(0, 300) };
}

/** "14 engineers and ARR of $8M" → two clauses; "sales and marketing spend $3M" stays one (its first part has no figure). */
function splitAtAnd(clause: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const part of clause.split(/\s+and\s+/i)) {
    const joined = pending ? `${pending} and ${part}` : part;
    if (/\d/.test(part)) {
      out.push(joined);
      pending = '';
    } else {
      pending = joined;
    }
  }
  if (pending) {
    if (out.length > 0) out[out.length - 1] += ` and ${pending}`;
    else out.push(pending);
  }
  return out;
}

/**
 * "ARR $8M, 14 engineers, churn 9%" → [{ARR, $8M}, {engineers, 14}, {churn, 9%}]; prose too:
 * "We have 14 engineers and ARR of $8M" → [{engineers, 14}, {ARR, $8M}]. Words as the client wrote them.
 */
export function parseKeyNumbers(text: string): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const item of splitList(text)) {
    // A list item can still hold several figures: "ARR $42M, 14 engineers and churn of 9%".
    // "410 employees, of which 6 in IT": two figures, each with its own label.
    for (const clause of item.split(/,(?!\d{3}\b)|;|\s+(?:of which|of whom|including|incl\.)\s+/).flatMap(splitAtAnd)) {
      const found = keyNumberIn(clause.trim());
      if (found) out.push(found);
    }
  }
  return out.slice(0, 20);
}
