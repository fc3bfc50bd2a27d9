/**
 * Step 6 offline: up to three roadmap entries from the user's answers: effort in weeks, owner,
 * deadline, where it stands (planned unless the user says in progress, done or dropped), a metric
 * with baseline, latest value and target, and money with the EBITDA multiple stated as an
 * assumption. What keeps an entry from starting on Monday is reported with the domain's roadmapGaps.
 */
import {
  ROADMAP_STATUS_LABELS,
  enterpriseValueEffect,
  formatMoney,
  isClosed,
  roadmapGaps,
  type AnswerValues,
  type FinancialFraming,
  type Horizon,
  type RoadmapArtifact,
  type RoadmapEntry,
  type RoadmapStatus,
} from '../../domain/index.js';
import type { RoadmapQuestion } from './bank.js';
import { chosen, joinWords, plural, withTyped, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import { trendOfText } from './trends.js';
import {
  findMoney,
  isNonAnswer,
  labelled,
  mentionedIds,
  mentionedName,
  parseDeadline,
  parseFinancials,
  parseHorizon,
  parseMultiple,
  parseWeeks,
  significantWords,
  splitList,
  truncate,
  wordCount,
} from './parse/index.js';

const ENTRY_LABELS = {
  answers: ['answers', 'addresses', 'responds to'],
  rationale: ['rationale', 'why', 'because'],
  effort: ['effort', 'estimate'],
  owner: ['owner', 'owned by', 'led by'],
  deadline: ['deadline', 'due(?: by| on)?', 'done by', 'by(?=\\s+(?:20\\d\\d|end of|q[1-4]\\b))'],
  status: ['status'],
} as const;

const STATUS_WORDS: ReadonlyArray<readonly [RoadmapStatus, RegExp]> = [
  ['done', /^(?:done|completed?|finished|shipped|delivered|live|in production)$/],
  ['in_progress', /^(?:in progress|under ?way|ongoing|started|in flight|half done|partly done|running)$/],
  ['dropped', /^(?:dropped|abandoned|cancell?ed|shelved|stopped|killed|de-?scoped|parked)$/],
  ['planned', /^(?:planned|not started(?: yet)?|to do|todo)$/],
];

/**
 * A status said in so many words: a whole part of the answer ("done", "(in progress)", "we dropped
 * it", "status: under way"). Only a part that is nothing but the status counts, so "done by Q2"
 * stays a deadline and "Drop the legacy CRM" stays a title.
 */
export function readStatus(part: string): RoadmapStatus | null {
  const t = part
    .toLowerCase()
    .replace(/[()[\]!.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^status\s*(?:[:=]|-|–|—)?\s*/, '')
    .replace(
      /^(?:(?:it|this|that|which)(?:'s|’s|\s+is|\s+was|\s+has been)?|is|was|has been|we|we've|we’ve|we have)\s+/,
      '',
    )
    .replace(/^(?:already|now|since)\s+/, '')
    .replace(/\s+(?:it|already|now|last quarter|this quarter)$/, '')
    .trim();
  return STATUS_WORDS.find(([, re]) => re.test(t))?.[0] ?? null;
}

export interface ReadEntry {
  readonly title: string;
  /** Null when the user did not say: a new entry is planned, a carried-over one keeps its status. */
  readonly status: RoadmapStatus | null;
  readonly rationale: string | null;
  readonly effortWeeks: number | null;
  readonly owner: string | null;
  readonly deadline: string | null;
  readonly horizon: Horizon | null;
  readonly trendIds: string[];
  readonly riskIds: string[];
}

/** The chosen trends an initiative names; when it names none, the one its words are about. */
function mentionedTrends(text: string, ctx: StepContext): string[] {
  const trends = chosen(ctx.input);
  const named = trends
    .filter((t) => mentionedIds(text, [t.id]).length > 0 || mentionedName(text, [t]) === t.id)
    .map((t) => t.id);
  const about = named.length > 0 ? null : trendOfText(text, trends, ctx.banks.trends.catalogue);
  return about ? [about] : named;
}

/** An initiative is said in a few lines; a pasted document is read for its title and details from its start only. */
const MAX_ENTRY_CHARS = 3000;

/** "by end of Q2", "end of February", "30 June", "done before the audit in September": a part that is only a deadline. */
const isDeadline = (part: string, now: Date) =>
  (/^(?:(?:done|ready|live|finished|complete|completed|delivered)\s+)?(?:in|by|before|until|end of|mid|due)\s/i.test(
    part,
  ) ||
    wordCount(part) <= 3) &&
  parseDeadline(part, now) !== null;

/**
 * "CTO", "the CFO", "VP Engineering", "Head of Ops", "Tom (VP Eng)", "Jens and an integrator": a part
 * that names who owns the entry, by role or with who helps.
 */
const isRole = (part: string) =>
  /^(?:the\s+)?C[A-Z]{1,3}O$/.test(part) ||
  /^[A-Z][a-z]+ (?:and|with|plus) (?:an?|the|our|one|two) [\w -]{2,30}$/.test(part) ||
  /^(?:the\s+)?(?:S?VP|EVP)\b|^(?:the\s+)?head of\s|^[A-Z][\w'-]+ \((?:C[A-Z]{1,3}O|S?VP|head of)\b[^)]*\)$/i.test(
    part,
  );
const OWNED = /\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:owns|will own|leads|is leading) (?:it|this)\b/;
const ONLY_IDS = /^\(?\s*(?:[a-z]\d{1,3}\s*(?:,|and|&)?\s*)+\)?$/i;

/**
 * "Document the routing engine — answers r1; 6 weeks; owner: Dana; deadline 2027-03-31", or with
 * commas: "Pilot an agent (t1, r2), 8-10 weeks, Priya leads it, by end of Q2". The title is what
 * comes before the first part that reads as a detail (effort, owner, deadline, ids, a label).
 * A status said on its own ("— done", "(in progress)", ": dropped", "status: under way") is read
 * as the entry's status and kept out of the title.
 */
export function readEntry(text: string, ctx: StepContext): ReadEntry {
  let status: RoadmapStatus | null = null;
  // "Cloud right-sizing (done)": a bracketed status is not part of the title.
  const unbracketed = text.replace(/\s*[([]([^()[\]]{1,40})[)\]]/g, (whole, inner: string) => {
    const said = readStatus(inner);
    if (said === null) return whole;
    status ??= said;
    return '';
  });
  // Also at a sentence's end, and at a colon that opens the details ("… with Dana: 6 weeks, $45k").
  // The title is said in the first sentence: a part of a later one never joins it.
  const parts = unbracketed
    .slice(0, MAX_ENTRY_CHARS)
    .split(/(?<=[^\s.]{2})\.\s+(?=[A-Z])|\n/)
    .flatMap((sentence, i) =>
      sentence
        .split(/;|\s[—–]\s|\s-\s|,\s+(?![^()]*\))|:\s+(?=[$€£]?\d|owner\b|by\s|due\b|deadline\b|effort\b)/)
        .map((s) => s.trim().replace(/\.$/, ''))
        .filter(Boolean)
        .map((whole, j) => ({ whole, laterSentence: i > 0 && j === 0 })),
    );
  const values: { answers: string[]; rationale: string[]; effort?: string; owner?: string; deadline?: string } = {
    answers: [],
    rationale: [],
  };
  const titleParts: string[] = [];
  let inTitle = true;
  for (const { whole, laterSentence } of parts) {
    if (laterSentence && titleParts.length > 0) inTitle = false;
    const said = readStatus(whole);
    if (said !== null) {
      status ??= said;
      continue;
    }
    // "Pilot an exception-handling agent: dropped": a status after a colon ends the part.
    const tail = /^(.+?):\s*([^:]+)$/.exec(whole);
    const saidAfter = tail ? readStatus(tail[2]!) : null;
    if (saidAfter !== null) status ??= saidAfter;
    const part = saidAfter !== null ? tail![1]!.trim() : whole;
    const { rest, values: v } = labelled(part, ENTRY_LABELS);
    if (v.answers) values.answers.push(v.answers);
    if (v.rationale) values.rationale.push(v.rationale);
    if (v.status) values.rationale.push(`Status: ${v.status}.`);
    values.effort ??= v.effort;
    values.owner ??= v.owner;
    values.deadline ??= v.deadline;
    const labelledPart = rest !== part.replace(/[\s,;:(—–-]+$/g, '').trim();
    const detail =
      labelledPart ||
      rest === '' ||
      OWNED.test(rest) ||
      ONLY_IDS.test(rest) ||
      parseWeeks(rest) !== null ||
      findMoney(rest).length > 0 ||
      isDeadline(rest, ctx.now) ||
      isRole(rest);
    if (inTitle && !detail) {
      titleParts.push(rest);
      continue;
    }
    inTitle = titleParts.length === 0 && rest === '' ? inTitle : false;
    // Money is the entry's financial framing (readFinancials reads it from the whole answer).
    if (
      rest === '' ||
      OWNED.test(rest) ||
      ONLY_IDS.test(rest) ||
      findMoney(rest).length > 0 ||
      /^(?:it|this|that|which)$/i.test(rest)
    )
      continue;
    // "live by end of April", "ready by Q2": the word before a deadline says nothing of its own.
    if (v.deadline && wordCount(rest) <= 2) continue;
    if (isDeadline(rest, ctx.now)) values.deadline ??= rest;
    else if (isRole(rest) && values.owner === undefined) values.owner = rest;
    else if (parseWeeks(rest) !== null && values.effort === undefined) values.effort = rest;
    else values.rationale.push(rest);
  }
  const title = titleParts
    .join(', ')
    .replace(/^(?:initiative\s*\d\s*[:.)-]?|e\d\s*[:.)-]|\d[.)])\s*/i, '')
    .replace(/\s*\((?:\s*[a-z]\d{1,3}\s*(?:,|and|&)?)+\s*\)/gi, '')
    .trim();
  const owned = OWNED.exec(text);
  const deadline = values.deadline ? parseDeadline(values.deadline, ctx.now) : null;
  const effortWeeks = values.effort ? parseWeeks(values.effort) : null;
  const riskIds = mentionedIds(
    text,
    (ctx.input.artifacts.risks?.risks ?? []).map((r) => r.id),
  );
  const rationale = [...values.answers.map((a) => `Answers ${a}.`), ...values.rationale]
    .join(' ')
    .replace(/\.\./g, '.');
  return {
    title: truncate(title || parts[0]?.whole || text, 300),
    status,
    rationale: rationale ? truncate(rationale, 4000) : null,
    effortWeeks,
    owner: values.owner ? truncate(values.owner, 300) : (owned?.[1] ?? null),
    deadline,
    horizon: horizonOf(deadline, effortWeeks, text, ctx.now),
    trendIds: mentionedTrends(text, ctx),
    riskIds,
  };
}

/** From the deadline when there is one, else from the words, else from the effort. */
function horizonOf(deadline: string | null, effortWeeks: number | null, text: string, now: Date): Horizon | null {
  if (deadline) {
    const q = /^(\d{4})-Q([1-4])$/.exec(deadline);
    const end = q ? Date.UTC(Number(q[1]), Number(q[2]) * 3, 0) : Date.parse(deadline);
    const months = (end - now.getTime()) / (30.4 * 24 * 3600 * 1000);
    if (Number.isFinite(months)) return months <= 6 ? '0-6' : months <= 18 ? '6-18' : '18-36';
  }
  const said = parseHorizon(text.replace(/\d+(?:\.\d+)?\s*(?:-|–|to)?\s*\d*\s*(?:weeks?|wks?)\b/gi, ''), now);
  if (said) return said;
  if (effortWeeks !== null) return effortWeeks <= 26 ? '0-6' : effortWeeks <= 78 ? '6-18' : '18-36';
  return null;
}

/** "now 2 hours", "currently 15.2%", "latest: 3": the latest measured value, which has a number in it. */
const CURRENT =
  /(?:^|[\s,;(])(?:current(?:ly)?(?:\s+value)?|now(?:\s+at)?|latest(?:\s+value)?|so far|measured(?:\s+now)?)\s*(?:[:=]|is|at)?\s*([~≈<>$€£+−-]?\s?\d(?:[^;,\n).]|[.,](?=\d))*)/i;

/**
 * "MTTR from 4 hours to 30 minutes, now 2 hours", or "metric: …, baseline …, current …, target …".
 * A metric needs a target; the latest value is there only when the user gave one.
 */
export function readMetric(full: string): RoadmapEntry['metric'] {
  const now = CURRENT.exec(full);
  const text = now ? `${full.slice(0, now.index)}${full.slice(now.index + now[0].length)}` : full;
  // The target ends at a full stop, not at a decimal point ("to 16.5%").
  const fromTo =
    /(?:^|[.;\n]\s*)([^.;\n]*?)\s+(?:from|at)\s+([^;\n]+?)\s+(?:to|→|->)\s+([^;\n]+?)(?=\.(?!\d)|[;\n]|,\s|$)/i.exec(
      text,
    );
  const { rest, values } = labelled(text, {
    name: ['metric', 'kpi', 'measure'],
    baseline: ['baseline', 'today'],
    target: ['target', 'goal'],
  });
  const clean = (s: string | undefined) =>
    s
      ? truncate(
          s
            .replace(/^(?:we(?:'ll| will)? (?:measure|track)|measured by|measure)\s+/i, '')
            .replace(/[.,;]+$/, '')
            .trim(),
          300,
        )
      : null;
  // The metric is said first; money or reasons may follow after a semicolon or a full stop.
  const firstClause = full
    .trim()
    .split(/;\s*|\.\s+(?=[A-Z])|\n/)[0]!
    .replace(/\.$/, '');
  // "Engineers able to deploy it, 1 now, 3 by June" or "Integrations live: 0 now, 2 by June": today's value is the baseline.
  const nowThen = fromTo
    ? null
    : /^([^,;:\n]+?)\s*[,:]\s*([^,;\n]*\d[^,;\n]*?)\s+(?:now|today)\s*,\s*([^,;\n]*\d[^,;\n]*)$/i.exec(firstClause);
  // "Bus factor 1 to 3": the numbers follow the name without a "from".
  const bare =
    fromTo || nowThen
      ? null
      : /^([^,;:\n]*?[a-z)%])\s*:?\s+([~≈<>$€£]?\d[\d.,]*\s?%?)\s+(?:to|→|->)\s+([~≈<>$€£]?\d[^;,\n]*)$/i.exec(
          firstClause,
        );
  const short = nowThen ?? bare;
  const name = clean(fromTo?.[1]) ?? clean(short?.[1]) ?? clean(values.name) ?? clean(rest);
  const baseline = clean(fromTo?.[2]) ?? clean(short?.[2]) ?? clean(values.baseline);
  const target = clean(fromTo?.[3]) ?? clean(short?.[3]) ?? clean(values.target);
  if (short) return name && target ? { name, baseline, current: null, target } : null;
  if (!name || !target) return null;
  return { name, baseline, current: clean(now?.[1]), target };
}

/** The measure answer without the metric's own values: "baseline €14.20, target €12.50" is a price per hour, not money spent. */
function withoutMetricValues(text: string, metric: RoadmapEntry['metric']): string {
  if (!metric) return text;
  return [metric.baseline, metric.current, metric.target]
    .filter((v): v is string => v !== null && v !== '')
    .reduce((rest, value) => rest.replace(value, ' '), text);
}

/**
 * The money an answer gives. `bareYearly`: how a yearly amount that says neither saving nor cost is
 * read (see parseFinancials): what an initiative is worth, or what it costs to run.
 */
export function readFinancials(text: string, bareYearly: 'value' | 'cost'): FinancialFraming {
  const { oneOffCost, annualEbitdaEffect } = parseFinancials(text, bareYearly);
  const evMultiple = parseMultiple(text);
  const clauses = text
    .split(/(?<=[.!?])\s+|;\s*|\n+/)
    .map((c) => c.trim().replace(/[.;]+$/, ''))
    .filter(Boolean);
  const capexOpex = clauses.filter((c) => /\b(?:capex|opex|capitali[sz]\w*)\b/i.test(c)).join('; ');
  const assumed = clauses.filter((c) => /\bassum\w*/i.test(c) && parseMultiple(c) === null).join('; ');
  const asRevenue = clauses.filter((c) => parseFinancials(c).revenue.length > 0);
  const assumption = [
    evMultiple !== null
      ? `Enterprise value uses an EBITDA multiple of ${evMultiple}× — an assumption to challenge, not a valuation.`
      : null,
    assumed ? `${assumed}.` : null,
    asRevenue.length > 0
      ? `Said as revenue, which is not EBITDA: “${asRevenue.join('; ')}”. The EBITDA effect is still to be stated.`
      : null,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    oneOffCost,
    annualEbitdaEffect,
    evMultiple,
    capexOpex: capexOpex ? truncate(capexOpex, 1000) : null,
    assumption: assumption ? truncate(assumption, 2000) : null,
  };
}

/** The amounts an answer gave, in the words of an acknowledgement, in the client's currency. */
function moneyRead(f: FinancialFraming, currency: string | null): string[] {
  return [
    f.oneOffCost !== null ? `one-off cost ${formatMoney(f.oneOffCost, currency)}` : null,
    f.annualEbitdaEffect !== null ? `EBITDA effect ${formatMoney(f.annualEbitdaEffect, currency)} a year` : null,
    f.evMultiple !== null ? `multiple ${f.evMultiple}× (your assumption)` : null,
  ].filter((x): x is string => x !== null);
}

/** The measure answer's money first; what it leaves open, from the initiative's own answer ("costs $380k"). */
function withFallback(first: FinancialFraming, second: FinancialFraming): FinancialFraming {
  const merged = {
    oneOffCost: first.oneOffCost ?? second.oneOffCost,
    annualEbitdaEffect: first.annualEbitdaEffect ?? second.annualEbitdaEffect,
    evMultiple: first.evMultiple ?? second.evMultiple,
    capexOpex: first.capexOpex ?? second.capexOpex,
  };
  const assumptions = [...new Set([first.assumption, second.assumption].filter((a): a is string => a !== null))];
  return { ...merged, assumption: assumptions.length > 0 ? truncate(assumptions.join(' '), 2000) : null };
}

/** "decided by Raj in January" says who decided, not what: not a label. */
const ADR_LABELS = {
  context: ['context'],
  decision: ['decision', 'decided(?!\\s+(?:by|on|in|at)\\b)'],
  alternatives: ['alternatives?(?: considered)?', 'options'],
  consequences: ['consequences?'],
} as const;

/** "We use the vendor's API rather than screen-scraping": the road not taken. */
const NOT_TAKEN = /\b(?:rather than|instead of)\s+([^;.,\n]+)/i;

/** The entry whose title shares most words with the text; the first when none shares any. */
function entrySharingMostWords(text: string, entries: readonly RoadmapEntry[]): number {
  const have = new Set(significantWords(text));
  const shared = entries.map((e) => significantWords(e.title).filter((w) => have.has(w)).length);
  const best = Math.max(0, ...shared);
  return best > 0 ? shared.indexOf(best) : 0;
}

/**
 * The decision record of one entry. `ownRationales[i]` is what the user said entry i answers (null
 * when nothing): the record's context when the answer gives none.
 */
function readAdr(
  text: string,
  entries: readonly RoadmapEntry[],
  ownRationales: readonly (string | null)[],
): { index: number; adr: NonNullable<RoadmapEntry['adr']> } | null {
  const which = /\binitiative\s*(\d)\b|\b(first|second|third)\b|\be(\d)\b|^\s*(\d)\b/i.exec(text);
  const word = which?.[2]?.toLowerCase();
  const said =
    which?.[1] ??
    which?.[3] ??
    which?.[4] ??
    (word === 'first' ? 1 : word === 'second' ? 2 : word === 'third' ? 3 : null);
  // Not said which: the entry whose title shares most words with the record ("…a SaaS MES…" is the MES study's), else the first.
  const index =
    said !== null ? Math.min(Math.max(Number(said), 1), entries.length) - 1 : entrySharingMostWords(text, entries);
  const entry = entries[index];
  if (!entry) return null;
  const { rest, values } = labelled(text, ADR_LABELS);
  const decision = values.decision ?? rest.replace(which?.[0] ?? '', '').replace(/^[\s:,.-]+/, '');
  if (!decision) return null;
  return {
    index,
    adr: {
      context:
        values.context || ownRationales[index]
          ? truncate(values.context ?? `From the entry's rationale: ${ownRationales[index]}`, 4000)
          : null,
      decision: truncate(decision, 4000),
      alternatives: (values.alternatives
        ? splitList(values.alternatives)
        : [NOT_TAKEN.exec(decision)?.[1]?.trim()].filter((a): a is string => !!a)
      ).slice(0, 40),
      consequences: values.consequences ? truncate(values.consequences, 4000) : null,
    },
  };
}

/** An entry with nothing said yet: what a typed answer fills when no text was read for it. */
const blankEntry = (id: string): RoadmapEntry => ({
  id,
  title: '',
  status: 'planned',
  rationale: null,
  horizon: null,
  effortWeeks: null,
  owner: null,
  deadline: null,
  metric: null,
  financial: { oneOffCost: null, annualEbitdaEffect: null, evMultiple: null, capexOpex: null, assumption: null },
  trendIds: [],
  riskIds: [],
  adr: null,
});

/** The form's fields pre-filled from an answer's text (never stored as read: the advisor confirms them). */
function prefillRoadmap(question: RoadmapQuestion, text: string, ctx: StepContext): AnswerValues {
  if (question.fills.includes('entries[].title')) {
    const e = readEntry(text, ctx);
    return {
      'entries[].title': e.title,
      'entries[].status': e.status ?? 'planned',
      'entries[].rationale': e.rationale,
      'entries[].effortWeeks': e.effortWeeks,
      'entries[].owner': e.owner,
      'entries[].deadline': e.deadline,
      'entries[].horizon': e.horizon,
      'entries[].trendIds': e.trendIds,
      'entries[].riskIds': e.riskIds,
    };
  }
  if (question.fills.includes('entries[].metric')) {
    const metric = readMetric(text);
    const f = readFinancials(withoutMetricValues(text, metric), 'value');
    return {
      'entries[].metric': metric,
      'entries[].financial.oneOffCost': f.oneOffCost,
      'entries[].financial.annualEbitdaEffect': f.annualEbitdaEffect,
      'entries[].financial.evMultiple': f.evMultiple,
      'entries[].financial.capexOpex': f.capexOpex,
      'entries[].financial.assumption': f.assumption,
    };
  }
  return { 'entries[].adr': { context: null, decision: truncate(text, 4000), alternatives: [], consequences: null } };
}

/** The values of the slot's questions typed into their forms, the latest answer last. */
function typedFor(questions: readonly RoadmapQuestion[], slot: number, answers: ReturnType<typeof answersById>) {
  return questions.filter((q) => q.entry === slot).flatMap((q) => answers.typed(q.id).map((t) => t.values));
}

export const roadmapStep: BankStep<RoadmapQuestion> = {
  questions: (ctx) => ctx.banks.roadmap.questions,
  prefill: prefillRoadmap,

  ack(question, text, ctx) {
    if (isNonAnswer(text)) return `Noted: nothing under **${question.topic}**.`;
    if (question.fills.includes('entries[].title')) {
      const e = readEntry(text, ctx);
      const got = [
        e.status !== null ? ROADMAP_STATUS_LABELS[e.status].toLowerCase() : null,
        e.effortWeeks !== null ? `effort ${e.effortWeeks} weeks` : 'effort not given',
        e.owner ? `owner ${e.owner}` : 'no owner',
        e.deadline ? `deadline ${e.deadline}` : 'no deadline',
        [...e.trendIds, ...e.riskIds].length > 0 ? `answers ${[...e.trendIds, ...e.riskIds].join(', ')}` : null,
        ...moneyRead(readFinancials(text, 'cost'), ctx.input.session.currency),
      ].filter(Boolean);
      return `Read “${truncate(e.title, 60)}”: ${got.join(', ')}.`;
    }
    if (question.fills.includes('entries[].metric')) {
      const m = readMetric(text);
      const f = readFinancials(withoutMetricValues(text, m), 'value');
      const money = moneyRead(f, ctx.input.session.currency);
      return `Read ${m ? `metric “${m.name}”: ${m.baseline ?? 'no baseline'} → ${m.target}${m.current ? `, now ${m.current}` : ''}` : 'no metric with a target (write "X from A to B")'}; ${money.length > 0 ? money.join(', ') : 'no amounts in this answer (write "$40k", "saves $120k a year", "8x")'}.`;
    }
    return `Noted under **${question.topic}**.`;
  },

  draft(ctx) {
    const questions = ctx.banks.roadmap.questions;
    const answers = answersById(pairAnswers(ctx.messages, questions));
    const slots = [...new Set(questions.map((q) => q.entry).filter((e): e is number => e !== null))].sort();
    const entries: RoadmapEntry[] = [];
    const ownRationales: Array<string | null> = [];
    for (const slot of slots) {
      const what = questions
        .filter((q) => q.entry === slot && q.fills.includes('entries[].title'))
        .map((q) => answers.text(q.id))
        .filter((t): t is string => t !== null)
        .join('\n');
      const typed = typedFor(questions, slot, answers);
      const typedTitle = typed.some((v) => typeof v['entries[].title'] === 'string');
      if (typedTitle) {
        // Typed into the form and confirmed: taken as it is; only what was written in prose for it is read.
        const id = `e${entries.length + 1}`;
        const entry = typed.reduce<RoadmapEntry>((e, v) => withTyped(e, v, 'entries[].'), blankEntry(id));
        ownRationales.push(entry.rationale);
        // A horizon left open follows from a confirmed deadline (a date or a quarter): computed, not guessed.
        const horizon = entry.horizon ?? (entry.deadline ? horizonOf(entry.deadline, null, '', ctx.now) : null);
        entries.push({ ...entry, id, horizon });
        continue;
      }
      if (what === '') continue;
      const measure = questions
        .filter((q) => q.entry === slot && !q.fills.includes('entries[].title'))
        .map((q) => answers.text(q.id))
        .filter((t): t is string => t !== null)
        .join('\n');
      const e = readEntry(what, ctx);
      ownRationales.push(e.rationale);
      const id = `e${entries.length + 1}`;
      const earlier = carriedOver(e.title, ctx.input.artifacts.roadmap?.entries ?? []);
      const metric = measure ? readMetric(measure) : null;
      const answered = [...e.trendIds, ...e.riskIds];
      const rationale = [e.rationale, answered.length > 0 && !e.rationale ? `Answers ${joinWords(answered)}.` : null]
        .filter(Boolean)
        .join(' ');
      const read: RoadmapEntry = {
        id,
        title: e.title,
        status: e.status ?? earlier?.status ?? 'planned',
        rationale: rationale || null,
        horizon: e.horizon,
        effortWeeks: e.effortWeeks,
        owner: e.owner,
        deadline: e.deadline,
        metric:
          metric && metric.current === null && earlier?.metric?.current && sameWords(earlier.metric.name, metric.name)
            ? { ...metric, current: earlier.metric.current }
            : metric,
        financial: withFallback(
          readFinancials(withoutMetricValues(measure, metric), 'value'),
          readFinancials(what, 'cost'),
        ),
        trendIds: e.trendIds,
        riskIds: e.riskIds,
        adr: null,
      };
      // The measure typed into its form (the initiative said in prose): the confirmed values win.
      entries.push(typed.reduce<RoadmapEntry>((x, v) => withTyped(x, v, 'entries[].'), read));
    }
    const adrText = questions
      .filter((q) => q.entry === null)
      .map((q) => answers.text(q.id))
      .filter((t): t is string => t !== null)
      .join('\n');
    const adr = adrText ? readAdr(adrText, entries, ownRationales) : null;
    if (adr) entries[adr.index] = { ...entries[adr.index]!, adr: adr.adr };
    // A decision record typed into its form goes to the entry whose title it shares most words with.
    for (const q of questions.filter((x) => x.entry === null)) {
      for (const { values } of answers.typed(q.id)) {
        const record = values['entries[].adr'] as RoadmapEntry['adr'] | undefined;
        if (!record || entries.length === 0) continue;
        const index = entrySharingMostWords(record.decision, entries);
        entries[index] = { ...entries[index]!, adr: record };
      }
    }

    if (entries.length === 0) {
      return {
        artifact: { entries: [] } satisfies RoadmapArtifact,
        note: 'No initiative named yet, so the roadmap is empty. Answer the roadmap questions, then press Draft again.',
      };
    }
    const artifact: RoadmapArtifact = { entries };
    return { artifact, note: roadmapNote(entries, ctx.input.session.currency) };
  },
};

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const sameWords = (a: string, b: string) => words(a) === words(b);

/** The same entry in the roadmap drafted or edited before: its status and latest value carry over unless the user says otherwise. */
function carriedOver(title: string, earlier: readonly RoadmapEntry[]): RoadmapEntry | null {
  return earlier.find((p) => sameWords(p.title, title)) ?? null;
}

function roadmapNote(entries: readonly RoadmapEntry[], currency: string | null): string {
  const open = entries.filter((e) => !isClosed(e));
  const gaps = open.map((e) => ({ id: e.id, gaps: roadmapGaps(e) }));
  const ready = gaps.filter((g) => g.gaps.length === 0).length;
  const stand = (['in_progress', 'done', 'dropped'] as const)
    .map((status) => ({ status, ids: entries.filter((e) => e.status === status).map((e) => e.id) }))
    .filter((x) => x.ids.length > 0)
    .map((x) => `${ROADMAP_STATUS_LABELS[x.status].toLowerCase()}: ${x.ids.join(', ')}`);
  const ev = entries
    .map((e) => ({ e, value: enterpriseValueEffect(e.financial) }))
    .filter((x): x is { e: RoadmapEntry; value: number } => x.value !== null)
    .map(
      ({ e, value }) =>
        `${e.id} ${formatMoney(value, currency)} (${formatMoney(e.financial.annualEbitdaEffect!, currency)} EBITDA × ${e.financial.evMultiple}, the multiple is your assumption)`,
    );
  return [
    `Built the roadmap from your answers (offline, no AI model): ${plural(entries.length, 'entry', 'entries')}, ${ready} ready to start on Monday.`,
    stand.length > 0
      ? `Where they stand: ${stand.join('; ')}${entries.some((e) => e.status === 'planned') ? '; the rest planned' : ''}.`
      : '',
    gaps.some((g) => g.gaps.length > 0)
      ? `Gaps: ${gaps
          .filter((g) => g.gaps.length > 0)
          .map((g) => `${g.id} ${g.gaps.join(', ')}`)
          .join('; ')}.`
      : '',
    ev.length > 0 ? `Enterprise-value effect: ${ev.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
