/** Words as typed: direction, magnitude, confidence, verdict, and the ids and names a text mentions. */
import type { Level } from '../../../domain/index.js';

export function parseDirection(text: string): 'up' | 'down' | 'mixed' | null {
  const t = text.toLowerCase();
  if (/\b(?:mixed|both ways|both|depends|cuts both|some up,? some down)\b/.test(t)) return 'mixed';
  // "Win rate" and "loss rate" name a number; they say nothing of which way it moves.
  const words = t.replace(/\b(?:win|loss|lose)[- ]rates?\b/g, ' ');
  const up =
    /\b(?:up|ups?|increas\w*|grow\w*|rise|rises|rising|more|higher|gain\w*|expand\w*|boost\w*|improv\w*|better|faster|win\w*|doubl\w*|tripl\w*)\b/.test(
      words,
    );
  const down =
    /\b(?:down|decreas\w*|fall\w*|drop\w*|shrink\w*|lower|less|fewer|reduc\w*|declin\w*|los(?:e|es|ing|t)|cut\w*|worse|slower|erod\w*|squeez\w*|halv\w*)\b/.test(
      words,
    );
  if (up && down) return 'mixed';
  return up ? 'up' : down ? 'down' : null;
}

/** How big: "magnitude: high", "large", "minor", or a percentage (≥20% high, ≥5% medium). */
export function parseMagnitude(text: string): Level | null {
  const t = text.toLowerCase();
  const labelledLevel = /\b(?:magnitude|size|effect|scale)\s*[:=-]?\s*(low|medium|high|small|moderate|large)\b/.exec(t);
  if (labelledLevel) return levelWord(labelledLevel[1]!);
  if (/\b(?:huge|massive|large|big|major|significant|substantial|dramatic|high|halv\w*|doubl\w*|tripl\w*)\b/.test(t))
    return 'high';
  if (/\b(?:medium|moderate|noticeable|meaningful)\b/.test(t)) return 'medium';
  if (/\b(?:small|minor|slight|marginal|low|little)\b/.test(t)) return 'low';
  const bySize = (pct: number) => (pct >= 20 ? 'high' : pct >= 5 ? 'medium' : 'low');
  // "scrap from 4.2% to 2.5%" moves by 40% of itself, not by 4.2%.
  const fromTo = /(\d+(?:\.\d+)?)\s?%?\s+(?:to|→|->)\s+(\d+(?:\.\d+)?)\s?%/.exec(t);
  if (fromTo && Number(fromTo[1]) > 0)
    return bySize((Math.abs(Number(fromTo[2]) - Number(fromTo[1])) / Number(fromTo[1])) * 100);
  const pct = /(\d+(?:\.\d+)?)\s?%/.exec(t);
  if (pct) return bySize(Number(pct[1]));
  return null;
}

/** A level said on its own ("revise, medium"): where the question asked for one, that is the answer. */
export function bareLevel(text: string): Level | null {
  const word = /\b(low|medium|moderate|high)\b/i.exec(text)?.[1];
  return word ? levelWord(word.toLowerCase()) : null;
}

function levelWord(w: string): Level {
  return /low|small/.test(w) ? 'low' : /medium|moderate/.test(w) ? 'medium' : 'high';
}

/** How sure: "confidence: high", "very confident", "a guess". */
export function parseConfidence(text: string): Level | null {
  const t = text.toLowerCase();
  const labelledLevel =
    /\bconfiden(?:ce|t)\s*(?:is|[:=-])?\s*(low|medium|moderate|high)\b/.exec(t) ??
    /\b(low|medium|moderate|high)\s+confidence\b/.exec(t);
  if (labelledLevel) return levelWord(labelledLevel[1]!);
  if (/\b(?:not (?:very )?(?:sure|confident)|unsure|a guess|guessing|gut feel|no idea|doubt\w*|speculat\w*)\b/.test(t))
    return 'low';
  if (/\b(?:very (?:confident|sure)|certain|highly confident|sure of it|no doubt)\b/.test(t)) return 'high';
  if (/\b(?:fairly|reasonably|quite|pretty|somewhat)\s+(?:confident|sure)\b|\bconfident\b|\bprobably\b/.test(t))
    return 'medium';
  return null;
}

/** Ready / revise / drop, from the words people use for them. */
export function parseVerdict(text: string): 'ready' | 'revise' | 'drop' | null {
  const t = text.toLowerCase();
  if (/\b(?:drop|kill|abandon|shelve|stop it|don'?t do it|no[- ]go)\b/.test(t)) return 'drop';
  if (/\b(?:revise|rework|not (?:yet )?ready|needs? (?:work|more)|not yet|change it|refine)\b/.test(t)) return 'revise';
  if (/\b(?:ready|go ahead|go for it|ship it|present it|green light|approved?)\b/.test(t)) return 'ready';
  return null;
}

/** Ids like "r2", "e1", "i3" in a text that exist among `known`. */
export function mentionedIds(text: string, known: readonly string[]): string[] {
  const found = [...text.matchAll(/\b([a-z]\d{1,3})\b/gi)].map((m) => m[1]!.toLowerCase());
  return known.filter((id) => found.includes(id.toLowerCase()));
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'in',
  'of',
  'to',
  'a',
  'an',
  'on',
  'at',
  'by',
  'from',
  'its',
  'our',
  'your',
  'as',
  'is',
]);
const stem = (w: string) => (w.length > 5 ? w.slice(0, 5) : w);

export function significantWords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 2 && !STOP.has(w))
        .map(stem),
    ),
  ];
}

/**
 * The candidate a text names: by id ("t2") or by at least two words of its name (one, when the name
 * has one). Best match first; null when none.
 */
export function mentionedName(text: string, candidates: ReadonlyArray<{ id: string; name: string }>): string | null {
  const ids = mentionedIds(
    text,
    candidates.map((c) => c.id),
  );
  if (ids[0]) return ids[0];
  const have = new Set(significantWords(text));
  let best: { id: string; hits: number } | null = null;
  for (const c of candidates) {
    const name = significantWords(c.name);
    const hits = name.filter((w) => have.has(w)).length;
    if (hits >= Math.min(2, name.length) && hits > 0 && (!best || hits > best.hits)) best = { id: c.id, hits };
  }
  return best?.id ?? null;
}
