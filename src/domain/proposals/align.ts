import type { StepId } from '../steps.js';
import { ITEM_SPECS, isPlainObject } from './items.js';

/**
 * A redraft names its items afresh (an offline draft numbers risks by position, so a new risk in the
 * middle turned r4–r6 into r5–r7). Before a proposal is compared, each drafted item takes the id of
 * the current item it is, recognised by its words: the same words first, then the same id with
 * similar words, then the most similar words. A drafted item that is none of them gets an id no
 * current item uses. Ids inside one artifact are not cited by its other items, so nothing else moves.
 */
export function alignIds(step: StepId, current: unknown, proposed: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(proposed)) return proposed;
  const out: Record<string, unknown> = { ...proposed };
  for (const spec of ITEM_SPECS[step]) {
    if (spec.kind !== 'list' || spec.idField !== 'id' || !spec.textOf) continue;
    const mine = Array.isArray(current[spec.path]) ? (current[spec.path] as Record<string, unknown>[]) : [];
    const theirs = Array.isArray(proposed[spec.path]) ? (proposed[spec.path] as Record<string, unknown>[]) : [];
    out[spec.path] = alignList(mine, theirs, spec.textOf);
  }
  return out;
}

const SIMILAR_WITH_SAME_ID = 0.34;
const SIMILAR = 0.6;

function alignList(
  current: readonly Record<string, unknown>[],
  proposed: readonly Record<string, unknown>[],
  textOf: (item: Record<string, unknown>) => string,
): Record<string, unknown>[] {
  const match = new Map<number, number>(); // proposed index → current index
  const taken = new Set<number>();
  // Each item's text is normalised and split into words once: the pairing below compares every
  // proposed item with every current one, and a 60-item ledger is realigned on every answer.
  const keyed = (items: readonly Record<string, unknown>[]) =>
    items.map((item) => {
      const text = textOf(item);
      return { text: normalize(text), words: wordsOf(text) };
    });
  const [was, now] = [keyed(current), keyed(proposed)];
  const pair = (p: number, c: number) => {
    match.set(p, c);
    taken.add(c);
  };
  proposed.forEach((_, pi) => {
    const ci = was.findIndex((c, i) => !taken.has(i) && c.text === now[pi]!.text);
    if (ci >= 0) pair(pi, ci);
  });
  proposed.forEach((p, pi) => {
    if (match.has(pi)) return;
    const ci = current.findIndex((c, i) => !taken.has(i) && c.id === p.id);
    if (ci >= 0 && similarity(was[ci]!.words, now[pi]!.words) >= SIMILAR_WITH_SAME_ID) pair(pi, ci);
  });
  const candidates: { pi: number; ci: number; score: number }[] = [];
  proposed.forEach((_, pi) => {
    if (match.has(pi)) return;
    was.forEach((c, ci) => {
      if (taken.has(ci)) return;
      const score = similarity(c.words, now[pi]!.words);
      if (score >= SIMILAR) candidates.push({ pi, ci, score });
    });
  });
  for (const { pi, ci } of candidates.sort((a, b) => b.score - a.score)) {
    if (!match.has(pi) && !taken.has(ci)) pair(pi, ci);
  }
  const used = new Set(current.map((c) => String(c.id)));
  for (const ci of match.values()) used.add(String(current[ci]!.id));
  return proposed.map((p, pi) => {
    const ci = match.get(pi);
    if (ci !== undefined) return { ...p, id: current[ci]!.id };
    const id = String(p.id);
    if (!used.has(id)) {
      used.add(id);
      return p;
    }
    const fresh = freshId(id, used);
    used.add(fresh);
    return { ...p, id: fresh };
  });
}

/** The next free id in the same style: "r6" → "r7" (or higher), "trend-a" → "trend-a-2". */
function freshId(id: string, used: ReadonlySet<string>): string {
  const m = /^(.*?)(\d+)$/.exec(id);
  const prefix = m ? m[1]! : `${id}-`;
  let n = m ? Number(m[2]) : 1;
  for (const u of used) {
    const um = /^(.*?)(\d+)$/.exec(u);
    if (um && um[1] === prefix) n = Math.max(n, Number(um[2]));
  }
  let candidate = `${prefix}${n + 1}`;
  while (used.has(candidate)) candidate = `${prefix}${++n + 1}`;
  return candidate;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** Jaccard similarity of two sets of words. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}
