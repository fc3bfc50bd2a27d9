/**
 * Checks on what the model was sent (the request bodies the fake model records): every message it
 * reads carries its id (and in the dialogue its trend), every earlier question its family, every
 * artifact item it reads is whole or named as left out, and every id a draft cites was in its prompt.
 * Pure: no product code, so --compare can run them against any build.
 */
import type { StepId } from '../../src/domain/index.js';
import type { EvalMessage, ModelRequest } from '../record.js';
import { excerpt } from './text.js';
import type { Failure } from './types.js';

/** A request the product made for a step's reply or draft (not the small call that files a family). */
export interface StepRequest {
  readonly step: StepId;
  readonly index: number;
  readonly request: ModelRequest;
  readonly text: string;
}

const FAMILY_CALL = 'question_family';

/**
 * Each request with the step it was made for: a draft names its step as its tool; the replies of a
 * step come before its draft (the runner drafts each step after its answers).
 */
export function stepRequests(requests: readonly ModelRequest[], steps: readonly StepId[]): StepRequest[] {
  const out: StepRequest[] = [];
  let pending: Array<{ index: number; request: ModelRequest }> = [];
  requests.forEach((request, index) => {
    if (request.tool === FAMILY_CALL) return;
    if (request.tool === null) {
      pending.push({ index, request });
      return;
    }
    const step = steps.find((s) => s === request.tool);
    if (!step) return;
    for (const p of [...pending, { index, request }])
      out.push({ step, ...p, text: p.request.messages.map((m) => m.content).join('\n') });
    pending = [];
  });
  return out;
}

const LABEL = /^\[m(\d+)([^\]]*)\]\s?/;

/** The transcript messages a request carried as chat messages, matched to the stored ones by their words. */
function sentMessages(r: StepRequest, messages: readonly EvalMessage[]) {
  const byContent = new Map<string, EvalMessage[]>();
  for (const m of messages) {
    if (m.step !== r.step || m.content.trim() === '') continue;
    byContent.set(m.content, [...(byContent.get(m.content) ?? []), m]);
  }
  return r.request.messages.flatMap((sent) => {
    if (sent.role === 'system') return [];
    const label = LABEL.exec(sent.content);
    const words = label ? sent.content.slice(label[0].length) : sent.content;
    const candidates = byContent.get(words) ?? [];
    const stored = (label && candidates.find((m) => String(m.id) === label[1])) ?? candidates[0];
    return stored ? [{ sent: sent.content, label, stored }] : [];
  });
}

/** Every message the model reads carries its id; in the dialogue, its trend too. */
export function messagesLabelled(
  requests: readonly StepRequest[],
  messages: readonly EvalMessage[],
): Array<Failure | null> {
  return requests.flatMap((r) =>
    sentMessages(r, messages).map(({ sent, label, stored }) => {
      const where = `${r.step} · request ${r.index + 1} · message ${stored.id}`;
      if (!label || label[1] !== String(stored.id))
        return { where, detail: 'sent without its id', excerpt: excerpt(sent, 160) };
      if (stored.trendId && !label[2]!.includes(stored.trendId))
        return { where, detail: `sent without its trend (${stored.trendId})`, excerpt: excerpt(sent, 160) };
      return null;
    }),
  );
}

/** Every earlier dialogue question the model reads carries its family, recorded as data. */
export function familiesVisible(
  requests: readonly StepRequest[],
  messages: readonly EvalMessage[],
): Array<Failure | null> {
  return requests
    .filter((r) => r.step === 'dialogue')
    .flatMap((r) =>
      sentMessages(r, messages)
        .filter(({ stored }) => stored.role === 'assistant' && stored.kind === 'chat')
        .map(({ sent, label, stored }) => {
          const where = `dialogue · request ${r.index + 1} · message ${stored.id}`;
          if (!stored.family)
            return { where, detail: 'no family recorded for this question', excerpt: excerpt(sent, 160) };
          return label?.[2]?.includes(`family: ${stored.family}`)
            ? null
            : { where, detail: `sent without its family (${stored.family})`, excerpt: excerpt(sent, 160) };
        }),
    );
}

interface Item {
  readonly id: string;
  readonly strings: readonly string[];
}

const itemsOf = (list: unknown): Item[] =>
  Array.isArray(list)
    ? list
        .filter((x): x is { id: string } => typeof x === 'object' && x !== null && typeof x.id === 'string')
        .map((x) => ({ id: x.id, strings: stringsOf(x) }))
    : [];

function stringsOf(x: unknown): string[] {
  if (typeof x === 'string') return x.trim() === '' ? [] : [x];
  if (Array.isArray(x)) return x.flatMap(stringsOf);
  if (x && typeof x === 'object') return Object.values(x).flatMap(stringsOf);
  return [];
}

/** A string as found in a prompt: on one line, or as JSON would escape it. */
const visible = (text: string, s: string) =>
  text.includes(s) || text.includes(s.replace(/\s*\n\s*/g, ' / ')) || text.includes(JSON.stringify(s).slice(1, -1));

/** What each step pressure-tests or builds on, and must read whole: the roadmap and risks at the sounding board, the risks at the roadmap. */
const MUST_READ: ReadonlyArray<readonly [StepId, ReadonlyArray<readonly [StepId, string]>]> = [
  [
    'sounding_board',
    [
      ['roadmap', 'entries'],
      ['risks', 'risks'],
    ],
  ],
  ['roadmap', [['risks', 'risks']]],
];

/**
 * Every roadmap entry and risk the step must read is in its prompt whole (every text of it), or
 * named as left out; never cut mid-item.
 */
export function contextWhole(
  requests: readonly StepRequest[],
  artifacts: Partial<Record<StepId, unknown>>,
): Array<Failure | null> {
  return requests.flatMap((r) => {
    const needs = MUST_READ.find(([step]) => step === r.step)?.[1] ?? [];
    return needs.flatMap(([step, field]) =>
      itemsOf((artifacts[step] as Record<string, unknown> | undefined)?.[field]).map((item) => {
        const missing = item.strings.filter((s) => !visible(r.text, s));
        if (missing.length === 0) return null;
        const leftOut = /Left out[^\n]*/.exec(r.text)?.[0] ?? '';
        if (new RegExp(`\\b${item.id}\\b`).test(leftOut)) return null;
        return {
          where: `${r.step} · request ${r.index + 1} · ${step} ${item.id}`,
          detail: `${missing.length} of ${item.strings.length} texts of ${item.id} not in the prompt`,
          excerpt: excerpt(missing[0]!, 160),
        };
      }),
    );
  });
}

/** The ids an artifact cites, each with how it would be written in a prompt. */
function citedIds(step: StepId, artifact: unknown): Array<{ path: string; token: string }> {
  const a = artifact as Record<string, Array<Record<string, unknown>>> | undefined;
  if (!a) return [];
  const out: Array<{ path: string; token: string }> = [];
  const add = (path: string, v: unknown, asMessage = false) => {
    for (const id of Array.isArray(v) ? v : [v])
      if (typeof id === 'string' || typeof id === 'number')
        out.push({ path, token: asMessage ? `m${id}` : String(id) });
  };
  const lists: Record<string, string[]> = {
    dialogue: ['insights', 'assumptions'],
    impact: ['forecasts'],
    risks: ['risks'],
    roadmap: ['entries'],
    sounding_board: ['recommendations'],
  };
  for (const list of lists[step] ?? []) {
    (a[list] ?? []).forEach((x, i) => {
      add(`${list}[${i}].fromMessageId`, x.fromMessageId, true);
      for (const key of ['trendId', 'trendIds', 'insightIds', 'riskIds', 'roadmapEntryIds'])
        add(`${list}[${i}].${key}`, x[key]);
    });
  }
  return out;
}

/** Every id a draft cites was in the prompt it was drafted from. */
export function citedIdsVisible(
  requests: readonly StepRequest[],
  artifacts: Partial<Record<StepId, unknown>>,
): Array<Failure | null> {
  const drafts = new Map<StepId, StepRequest>();
  for (const r of requests) if (r.request.tool === r.step) drafts.set(r.step, r);
  return [...drafts].flatMap(([step, r]) =>
    citedIds(step, artifacts[step]).map(({ path, token }) =>
      new RegExp(`(?<![\\w-])${token}(?![\\w-])`).test(r.text)
        ? null
        : { where: `${step} · ${path}`, detail: `cites “${token}”, which its prompt did not show`, excerpt: token },
    ),
  );
}
