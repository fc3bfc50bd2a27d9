/** Text as typed: normalised, split into items and sentences, quoted, searched for labelled parts and assumptions. */

import { isNonAnswer, normalise, sentences, wordCount } from '../../../domain/prose.js';

// The basic readers live in the domain, which counts dialogue answers with them too.
export {
  addressesFacilitator,
  isNonAnswer,
  isQuestionBack,
  normalise,
  sentences,
  wordCount,
} from '../../../domain/prose.js';

const BULLET = /^(?:[-*•·‣▪–—]|\(?\d{1,2}[.)]|\(?[a-h][.)](?=\s))\s*/i;

function cleanItem(item: string): string {
  return item
    .replace(BULLET, '')
    .replace(/^(?:and|or|&)\s+/i, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.;,]+$/, '')
    .trim()
    .slice(0, 1000);
}

/** Lines, bullets and inline numbering ("1) a 2) b") as items; for answers whose items carry their own details. */
export function splitLines(text: string): string[] {
  const t = normalise(text);
  if (isNonAnswer(t)) return [];
  const lines = t.split('\n').filter((l) => l.trim() !== '');
  const items = lines.length > 1 ? lines : inlineNumbered(lines[0] ?? '');
  return items.map(cleanItem).filter((i) => i !== '' && !isNonAnswer(i));
}

/**
 * "1) brokerage 2) warehousing" as two items; only when the numbers count 1, 2, 3… from the start of
 * the line, so "likelihood 4, impact 4. Mitigation: …" stays one line.
 */
function inlineNumbered(line: string): string[] {
  const parts = line.split(/\s+(?=\(?\d{1,2}[.)]\s)/);
  if (parts.length < 2) return parts;
  const counted = parts.every((part, i) => Number(/^\(?(\d{1,2})[.)]\s/.exec(part)?.[1]) === i + 1);
  return counted ? parts : [line];
}

/**
 * A list answer as items: bullets, numbered lines and newlines first; then sentences; then semicolons; then commas
 * (and a final "and") when every part is short, so "ARR $8M, 14 engineers and churn 9%" gives three.
 */
export function splitList(text: string): string[] {
  // Each line is read as a list of its own: "Deel, Rippling, Sage" is three items on a line of its own too.
  return splitLines(text).flatMap(splitLine);
}

function splitLine(whole: string): string[] {
  let line = whole;
  // "Our services: a, b, c": a short lead-in is a label, not an item. "We are a freight broker: …" says something.
  const lead = /^([^:]{1,40}):\s+(.+)$/.exec(line);
  if (lead && /[,;]/.test(lead[2]!) && wordCount(lead[1]!) <= 3) line = lead[2]!;
  // Prose of several sentences lists by sentence: its semicolons and commas join clauses, not items.
  const prose = sentences(line);
  if (prose.length > 1) return prose.map(cleanItem).filter((i) => i !== '' && !isNonAnswer(i));
  if (line.includes(';'))
    return line
      .split(';')
      .map(cleanItem)
      .filter((i) => i !== '' && !isNonAnswer(i));
  if (line.includes(',')) {
    // Not inside brackets: "Tier-1s (Bosch, ZF, Continental) are 70% of revenue" is one item.
    const parts = line.split(/,(?![^()]*\))(?!\d{3}\b)\s*/);
    const last = parts.pop()!;
    parts.push(...last.split(/\s+(?:and|&)\s+/));
    const items = parts.map(cleanItem).filter((i) => i !== '');
    if (items.length > 1 && items.every((i) => wordCount(i) <= 7)) return items;
  }
  return [cleanItem(line)].filter((i) => i !== '');
}

/** A short quote of an answer: its most telling sentence (a number, or a claim), cut to a few words. */
export function shortQuote(text: string, maxWords = 14): string {
  const all = sentences(text);
  if (all.length === 0) return '';
  const score = (s: string) =>
    (/\d/.test(s) ? 2 : 0) + (ASSUMPTION_MARKER.test(s) ? 2 : 0) + (wordCount(s) >= 4 ? 1 : 0);
  const best = all.reduce((a, b) => (score(b) > score(a) ? b : a));
  const ws = best
    .replace(/[.!?]+$/, '')
    .replace(/[“”"]/g, '')
    .split(/\s+/);
  return ws.length > maxWords
    ? `${ws
        .slice(0, maxWords)
        .join(' ')
        .replace(/[,;:—–-]+$/, '')}…`
    : ws.join(' ');
}

export function truncate(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  // At a word's end where one is near: "titanium implants for…", not "titanium implan…".
  const space = cut.lastIndexOf(' ');
  return `${(space >= max * 0.8 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, '')}…`;
}

const ASSUMPTION_MARKER =
  /\b(?:always|never|must|can'?t|cannot|won'?t|everyone|everybody|nobody|no one|obviously|clearly|of course|surely|definitely|certainly|assum(?:e|es|ed|ing|ption)|take(?:s|n)? for granted|guaranteed|bound to|inevitabl[ey]|no way)\b/i;

/** "Nobody cleaned it", "we never missed": a universal word before a past-tense verb reports what happened. */
const REPORTED_PAST =
  /\b(?:always|never|everyone|everybody|nobody|no one)\s+(?:\w+ed|had|was|were|did|went|got|made|saw|told|said|knew|took)\b/gi;

/** Sentences that take something for granted ("customers will never…", "we assume…"). */
export function assumptionSentences(text: string): string[] {
  return sentences(text).filter((s) => ASSUMPTION_MARKER.test(s.replace(REPORTED_PAST, '')));
}

export type LabelSpec<K extends string> = Readonly<Record<K, readonly string[]>>;

/**
 * Finds labelled parts in a line. Each label is a regex source matched at a word boundary; a value
 * runs to the next label. `rest` is what comes before the first label (usually the thing itself).
 */
export function labelled<K extends string>(
  text: string,
  spec: LabelSpec<K>,
): { rest: string; values: Partial<Record<K, string>> } {
  const hits: Array<{ key: K; start: number; end: number }> = [];
  for (const key of Object.keys(spec) as K[]) {
    for (const source of spec[key]) {
      const re = new RegExp(`(?<![\\w-])(?:${source})(?![\\w-])\\s*(?:[:=]|-(?!\\d)|–|—)?\\s*`, 'gi');
      for (const m of text.matchAll(re)) hits.push({ key, start: m.index, end: m.index + m[0].length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = hits.filter((h, i) => i === 0 || h.start >= hits[i - 1]!.end);
  const values: Partial<Record<K, string>> = {};
  kept.forEach((h, i) => {
    const next = kept[i + 1]?.start ?? text.length;
    const value = text
      .slice(h.end, next)
      .replace(/^[\s,;:]+|[\s,;.(—–-]+$/g, '')
      .trim();
    if (value !== '' && values[h.key] === undefined) values[h.key] = value;
  });
  const first = kept[0]?.start ?? text.length;
  const rest = text
    .slice(0, first)
    .replace(/[\s,;:(—–-]+$/g, '')
    .trim();
  return { rest, values };
}
