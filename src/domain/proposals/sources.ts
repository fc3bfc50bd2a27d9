import type { StepId } from '../steps.js';
import { ITEM_SPECS, isPlainObject, itemsOf } from './items.js';

/** A message the user wrote in the step: what a drafted item may have been drawn from. */
export interface SourceMessage {
  readonly id: number;
  readonly content: string;
}

/** Shorter texts ("CTO", "14") turn up everywhere: only a phrase this long is evidence of where an item came from. */
const MIN_PHRASE = 12;

/**
 * The user's messages each drafted item was drawn from, where the evidence is plain: the item's own
 * words (a risk's threat, an entry's title, a list's entries, a key number's label and value) appear
 * in the message as written. A paraphrase finds nothing, and the item is traced to the facilitator
 * and prompt instead: an attribution is never guessed.
 */
export function sourcesOf(step: StepId, data: unknown, messages: readonly SourceMessage[]): Record<string, number[]> {
  const texts = messages.map((m) => ({ id: m.id, text: normalize(m.content) }));
  const out: Record<string, number[]> = {};
  for (const item of itemsOf(step, data)) {
    const phrases = phrasesOf(step, item.path, item.value);
    if (phrases.length === 0) continue;
    const ids = texts.filter((m) => phrases.some((group) => group.every((p) => m.text.includes(p)))).map((m) => m.id);
    if (ids.length > 0) out[item.key] = ids;
  }
  return out;
}

/** Groups of phrases; a message is a source when it holds every phrase of one group. */
function phrasesOf(step: StepId, path: string, value: unknown): string[][] {
  const spec = ITEM_SPECS[step].find((s) => s.path === path);
  if (!spec) return [];
  if (path === 'keyNumbers' && isPlainObject(value)) {
    const label = normalize(String(value.label ?? ''));
    const figure = normalize(String(value.value ?? ''));
    return label && figure && (label + figure).length >= MIN_PHRASE / 2 ? [[label, figure]] : [];
  }
  const candidates =
    spec.kind === 'list' && spec.textOf && isPlainObject(value)
      ? [spec.textOf(value)]
      : Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string')
        : typeof value === 'string'
          ? [value]
          : [];
  return candidates
    .map(normalize)
    .filter((p) => p.length >= MIN_PHRASE)
    .map((p) => [p]);
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/[.;:,!?…]+$/u, '')
    .trim();
}
