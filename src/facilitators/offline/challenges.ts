/**
 * When the offline facilitator pushes back instead of asking the next bank question: a handful of
 * plain rules over the user's latest answer, said aloud as rules (it is not a model). They fill no
 * artifact field, so they are not part of the frozen reader in parse/; a number said earlier comes
 * from the context artifact (its key numbers and the items holding a number), never from the transcript.
 */
import type { ContextArtifact } from '../../domain/index.js';
import { isNonAnswer, normalise, sentences } from './parse/index.js';

export const CHALLENGE_KINDS = [
  'advice_request',
  'contradiction',
  'non_answer',
  'absolute',
  'no_evidence',
  'no_reason',
] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

export interface Challenge {
  readonly kind: ChallengeKind;
  /** The sentence of the answer the rule fired on (the whole answer for a non-answer). */
  readonly sentence: string;
  /** The words that fired it: "all", "will … more", "30%". */
  readonly trigger: string;
  /** For a contradiction: the recorded fact it contradicts, as recorded ("Gross logo churn: 11%"). */
  readonly earlier: string | null;
}

/** A number the context recorded, with the word it measures ("turnover" for "Driver turnover is 68% a year"). */
export interface RecordedNumber {
  readonly fact: string;
  readonly head: string;
  readonly value: number;
  readonly percent: boolean;
}

export interface ChallengeContext {
  /** The question the answer follows, as asked (for "a repeat of the question"). */
  readonly question: string | null;
  /** That question asked why, so the answer owes a reason. */
  readonly asksWhy: boolean;
  readonly recorded: readonly RecordedNumber[];
}

const ADVICE =
  /\b(?:just (?:tell me|pick|choose|decide)|pick one for us|(?:what'?s|what is|give me|give us) your (?:recommendation|advice|suggestion|view)|what would you (?:recommend|suggest|do|choose|pick)|which (?:one )?would you (?:pick|choose|take))\b|\bshould (?:we|i)\b[^.?!]*\bor\b[^.?!]*\?/i;
const ABSOLUTE =
  /\b(?:all|every|everyone|everybody|everything|never|always|nobody|no one|none|nothing|completely|totally|no \w+ will)\b/i;
/** "All in", "at all", "above all": absolute words that claim nothing. */
const IDIOM = /\b(?:all in|at all|above all|after all|first of all|all of a sudden|not all|nothing else)\b/gi;
/** "Nobody cleaned it", "we never missed": a universal word before a past-tense verb reports what happened. */
const REPORTED =
  /\b(?:always|never|everyone|everybody|nobody|no one)\s+(?:\w+ed|had|was|were|did|went|got|made|saw|told|said|knew|took)\b/gi;
/** A prediction, a judgement or a comparison: a claim that can be right or wrong. */
const CLAIM =
  /\b(?:will|would|won'?t|wouldn'?t|they'?d|we'?d|it'?d|they'?ll|we'?ll|it'?ll|obviously|clearly|definitely|certainly|surely|happily|is clear|that is clear|in half|double|more|less|better|worse|faster|cheaper)\b/i;
/** Where a claim comes from: something seen, measured, asked or read. */
const SOURCE =
  /\b(?:(?:we|i|they) (?:saw|see|measured|asked|surveyed|tested|tried|ran|found|lost|won|piloted|tracked|counted|heard)|survey|surveys|data|pilot|trial|study|report|interviews?|rfps?|benchmark|research|dashboard|analytics|according to|told us|said so|asked (?:us|for)|last (?:year|quarter|month|spring|summer|autumn|fall|winter|week)|in 20\d\d|because|since|for example|e\.g\.)\b/i;
const BECAUSE =
  /\b(?:because|since|as a result|due to|driven by|the reason|that'?s why|so that|given|otherwise|which means|in order to)\b/i;
/** A reason: "because …", or what follows a colon ("Cost: fuel is 22 cents of each dollar"). */
const REASON = new RegExp(`${BECAUSE.source}|:\\s*\\S`, 'i');
const NEGATION = /\b(?:not|no|never|hardly|barely|basically don'?t|don'?t|doesn'?t|isn'?t|aren'?t|won'?t)\b|n't\b/i;
/** Words that carry no answer on their own: "It matters a lot.", "Yes, definitely." */
const FILLER = new Set(
  "yes yeah yep no nope maybe perhaps sure definitely certainly absolutely really very much lot lots a the it it's its is this that matters matter important big deal true right agree agreed indeed of course so quite think i we do does good fine ok okay hmm well".split(
    ' ',
  ),
);
/** Words that count people: "300 people" and "420 employees" measure the same thing. */
const HEADCOUNT = new Set(['people', 'employees', 'staff', 'headcount', 'fte', 'ftes', 'workforce', 'heads']);
/** Words that name no measure: a figure's head must be a word of its own ("turnover", "practices"). */
const NOT_HEADS = new Set(
  'a an the of for to in on at by with from over under about around roughly some total year years month months week weeks day days we our us they it is are was were which who that this these those and or but now per up down m k mio million millions bn billion thousand x'.split(
    ' ',
  ),
);
const isHead = (w: string | undefined): w is string => w !== undefined && /^\p{L}{3,}$/u.test(w) && !NOT_HEADS.has(w);
/** A sum of money is a budget or a price, compared by the roadmap's own numbers, not here. */
const MONEY_BEFORE = /(?:[$€£]|\b(?:eur|usd|gbp|chf))\s*$/i;
const LIMIT_BEFORE = /\b(?:to|under|over|below|above|than|least|most|within|by|from)\s*$/i;
const MONEY_AFTER = /^\s*(?:k|m|bn|mio|million|billion|thousand)\b/i;

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’/-]*/gu) ?? [];
const stem = (w: string) => w.replace(/['’]s$/, '').replace(/(?<=\w{3})s$/, '');
const sameHead = (a: string, b: string) => stem(a) === stem(b) || (HEADCOUNT.has(a) && HEADCOUNT.has(b));

/** Figures in a text: "68%", "61 %", "1,420", "€96k" (its digits); a year (2019–2039) is a date, not a figure. */
function figures(text: string): Array<{ value: number; percent: boolean; index: number; end: number }> {
  const found: Array<{ value: number; percent: boolean; index: number; end: number }> = [];
  for (const m of text.matchAll(/(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w-])\s*(%|percent\b)?/gi)) {
    const value = Number(m[1]!.replace(/,/g, ''));
    if (!m[2] && /^20[1-3]\d$/.test(m[1]!)) continue;
    const end = m.index + m[0].length;
    if (!m[2] && (MONEY_BEFORE.test(text.slice(0, m.index)) || MONEY_AFTER.test(text.slice(end)))) continue;
    found.push({ value, percent: m[2] !== undefined, index: m.index, end });
  }
  return found;
}

/**
 * The numbers the context recorded: each key number by the last word of its label, and each list item
 * or field holding a figure by the word it measures (for a percentage the word before it, for a count
 * the word after: "NHS work is 35%", "420 employees").
 */
export function recordedNumbers(context: ContextArtifact | null | undefined): RecordedNumber[] {
  if (!context) return [];
  const out: RecordedNumber[] = [];
  for (const k of context.keyNumbers) {
    const head = words(k.label).filter(isHead).at(-1);
    const [first] = figures(k.value);
    if (head && first) out.push({ fact: `${k.label}: ${k.value}`, head, value: first.value, percent: first.percent });
  }
  const items = [
    ...context.services,
    ...context.products,
    ...context.customers,
    ...context.ceoGoals,
    ...context.competitors,
    context.marketPosition,
    context.businessModel,
    ...Object.values(context.constraints),
  ].filter((s): s is string => typeof s === 'string');
  for (const item of items.flatMap((i) => sentences(i))) {
    for (const f of figures(item)) {
      // "down to 50%", "no customer over 3%": a target or a limit, not a measure of how things are.
      if (LIMIT_BEFORE.test(item.slice(0, f.index))) continue;
      // A percentage measures the word before it ("turnover is 68%"), a count the word after it ("420 employees").
      const head = f.percent ? words(item.slice(0, f.index)).filter(isHead).at(-1) : words(item.slice(f.end))[0];
      if (isHead(head)) out.push({ fact: item.replace(/[.;]+$/, ''), head, value: f.value, percent: f.percent });
    }
  }
  return out;
}

const clean = (s: string) => s.replace(IDIOM, '').replace(REPORTED, '');

/**
 * The one challenge the answer calls for, or null. In order: a request for advice, a number that
 * contradicts one recorded, no answer (one word, the question said back), an absolute word, a claim
 * with no source, a why-question answered without a reason. "Don't know" is an honest answer, not one of them.
 */
export function findChallenge(answer: string, ctx: ChallengeContext): Challenge | null {
  const text = normalise(answer);
  if (text === '' || isNonAnswer(text)) return null;
  const all = sentences(text);
  const hit = (kind: ChallengeKind, sentence: string, trigger: string, earlier: string | null = null): Challenge => ({
    kind,
    sentence: sentence.replace(/[.!?]+$/, ''),
    trigger,
    earlier,
  });

  const advice = all.find((s) => ADVICE.test(s));
  if (advice) return hit('advice_request', advice, ADVICE.exec(advice)![0]);

  const contradiction = contradicts(text, ctx.recorded);
  if (contradiction) return hit('contradiction', contradiction.sentence, contradiction.trigger, contradiction.earlier);

  const own = words(text);
  const absolute = all.find((s) => ABSOLUTE.test(clean(s)));
  if (own.length <= 1 || repeatsQuestion(own, ctx.question) || (!absolute && own.every((w) => FILLER.has(w))))
    return hit('non_answer', text, text);
  if (absolute) return hit('absolute', absolute, ABSOLUTE.exec(clean(absolute))![0]);

  const claim = all.find((s) => CLAIM.test(s));
  if (claim && !SOURCE.test(text)) return hit('no_evidence', claim, CLAIM.exec(claim)![0]);

  if (ctx.asksWhy && !REASON.test(text)) return hit('no_reason', all[0] ?? text, '');
  return null;
}

/** The question's own words said back make no answer. */
function repeatsQuestion(own: readonly string[], question: string | null): boolean {
  if (!question) return false;
  const asked = new Set(words(question).map(stem));
  const content = own.filter((w) => !FILLER.has(w) && w.length > 2).map(stem);
  return content.length > 0 && content.filter((w) => asked.has(w)).length / content.length >= 0.8;
}

/**
 * A recorded number the answer contradicts: it names what the number measures and gives another
 * figure of the same kind (a percentage for a percentage), or waves it away with no figure at all
 * ("churn's not a worry"). Saying the recorded figure again contradicts nothing.
 */
function contradicts(
  text: string,
  recorded: readonly RecordedNumber[],
): { sentence: string; trigger: string; earlier: string } | null {
  const own = words(text);
  for (const r of recorded) {
    const named = own.find((w) => sameHead(w, r.head));
    if (!named) continue;
    const same = recorded.filter((x) => sameHead(x.head, r.head) && x.percent === r.percent);
    const said = figures(text).filter((f) => f.percent === r.percent);
    const sentence = sentences(text).find((s) => words(s).some((w) => sameHead(w, r.head))) ?? text;
    if (said.length > 0) {
      if (said.some((f) => same.some((x) => x.value === f.value))) continue;
      const other = said[0]!;
      return { sentence, trigger: text.slice(other.index, other.end).trim(), earlier: r.fact };
    }
    // A rate waved away right where it is named: "churn's not a worry", "turnover isn't our problem".
    const near = own.slice(own.indexOf(named), own.indexOf(named) + 4).join(' ');
    if (r.percent && NEGATION.test(near)) return { sentence, trigger: named, earlier: r.fact };
  }
  return null;
}

/** An objection waved away rather than answered: "just noise", "overblown", "it'll be fine", "not reopening it". */
const DISMISSAL =
  /\b(?:just noise|is noise|overblown|not serious|not a (?:real )?(?:issue|concern|problem|worry)|non-issue|not reopening|nothing to worry about|consider it answered|(?:it'?ll|it will|that'?s|it'?s|is) (?:be )?fine|(?:he|she|they) always (?:does|do|say|says))\b/i;

/** The words that wave an objection away, or null: a dismissal answers nothing, whatever it cites. */
export function dismissal(text: string): string | null {
  return DISMISSAL.exec(normalise(text))?.[0] ?? null;
}

/** Whether the text gives a reason ("because …", "since …", "so that …"). */
export const givesReason = (text: string) => BECAUSE.test(normalise(text));
