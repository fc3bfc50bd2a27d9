import type { TranscriptMessage } from '../../domain/index.js';

/**
 * How the conversation reaches a model: every message with a label of what the product knows about
 * it, so what a prompt asks for (cite the message, vary the family, notice the trend) is visible:
 * "[m42 · t2 · client]", "[m43 · t2 · you · family: probe_evidence]". prompts/common/transcript.md
 * explains the labels to the model.
 */
/**
 * Who the facilitator's messages are to the model reading them: "you" to the facilitator itself;
 * "facilitator" to a second reader (the critic), which wrote none of them.
 */
export type FacilitatorLabel = 'you' | 'facilitator';

export function labelOf(m: TranscriptMessage, facilitator: FacilitatorLabel = 'you'): string {
  const parts = [`m${m.id}`];
  if (m.trendId) parts.push(m.trendId);
  parts.push(m.role === 'user' ? 'client' : facilitator);
  if (m.kind === 'opening') parts.push('opening');
  if (m.kind === 'draft') parts.push('draft note');
  if (m.role === 'user' && m.intent === 'command' && m.action) parts.push(`command: ${m.action}`);
  if (m.role === 'assistant' && m.questionFamily) parts.push(`family: ${m.questionFamily}`);
  if (m.status !== 'complete') parts.push('cut off');
  return `[${parts.join(' · ')}]`;
}

export const labelled = (m: TranscriptMessage): string => `${labelOf(m)} ${m.content}`;

/** A label the model wrote at the start of its own reply, imitating the transcript's. */
const LEADING_LABEL = /^\s*\[m\d+[^\]\n]*\]\s*/;
/** How much of a reply's start is held back to see whether it opens with a label. */
const LABEL_LOOKAHEAD_CHARS = 120;

/**
 * A streamed reply without a leading label the model may copy from the transcript: the start is
 * held back until it is clear whether it opens with "[m…]", then everything flows through as it comes.
 */
export async function* withoutLeadingLabel<T extends { type: string }>(
  parts: AsyncIterable<T>,
  text: (part: T) => string | null,
  make: (text: string) => T,
): AsyncGenerator<T> {
  let held = '';
  let deciding = true;
  for await (const part of parts) {
    const t = text(part);
    if (t === null || !deciding) {
      if (t === null && deciding && held !== '') {
        deciding = false;
        yield make(held.replace(LEADING_LABEL, ''));
      }
      yield part;
      continue;
    }
    held += t;
    const start = held.trimStart();
    const undecided =
      start === '' || (start.startsWith('[') && !start.includes(']') && held.length < LABEL_LOOKAHEAD_CHARS);
    if (undecided) continue;
    deciding = false;
    const rest = held.replace(LEADING_LABEL, '');
    if (rest !== '') yield make(rest);
  }
  if (deciding && held !== '') yield make(held.replace(LEADING_LABEL, ''));
}

/** Where a trend stands in the ledger, for the summary's heading of that trend. */
export interface TrendLedger {
  readonly name: string | null;
  /** Ids of the ledger's insights and assumptions about the trend. */
  readonly ids: readonly string[];
}

/**
 * Every client message older than the exchanges sent whole, one line each, grouped by trend with the
 * ledger so far: a draft after 160 turns still sees every answer. Lines are cut to `lineChars` at a
 * word ("…" where cut); the family in brackets is the kind of question the message answered.
 * Deterministic and free: no model call, nothing dropped.
 */
export function summaryOf(
  older: readonly TranscriptMessage[],
  lineChars: number,
  ledger: ReadonlyMap<string, TrendLedger>,
): string {
  const groups = new Map<string | null, string[]>();
  let asked: TranscriptMessage | null = null;
  for (const m of older) {
    if (m.role === 'assistant') {
      if (m.kind !== 'draft') asked = m;
      continue;
    }
    const family = asked?.questionFamily ? ` [${asked.questionFamily}]` : '';
    const line = `- m${m.id}${family}: ${shorten(m.content, lineChars)}`;
    const list = groups.get(m.trendId) ?? [];
    list.push(line);
    groups.set(m.trendId, list);
  }
  const byTrend = [...groups.keys()].some((k) => k !== null);
  const sections = [...groups].map(([trend, lines]) => {
    if (!byTrend) return lines.join('\n');
    const l = trend ? ledger.get(trend) : undefined;
    const head = trend
      ? `${trend}${l?.name ? ` · ${l.name}` : ''}: ledger so far ${l && l.ids.length > 0 ? l.ids.join(', ') : 'empty'}`
      : 'No trend';
    return `${head}\n${lines.join('\n')}`;
  });
  return `${SUMMARY_HEADING}\n${sections.join('\n')}`;
}

export const SUMMARY_HEADING =
  'Earlier in this step: every client message before the exchanges below, one line each (its first words; “…” where shortened):';

/** The first `maxChars` of a message on one line, cut at a word. */
export function shorten(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, Math.max(maxChars - 1, 1));
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > maxChars / 2 ? atWord : cut}…`;
}
