import { z } from 'zod';
import type { StepId } from '../steps.js';
import { fieldsOf, itemsOf, partsOf, sameValue } from './items.js';

/** Where an item first came from. */
export const Origin = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('drafted'),
    /** The facilitator that drafted it: 'offline' (question banks) or a model provider. */
    provider: z.string(),
    model: z.string().nullable(),
    promptVersion: z.string().nullable(),
    /** The draft's note in the transcript. */
    draftMessageId: z.number().int().positive().nullable(),
    /** The user's messages it was drawn from, where the draft names them. */
    messageIds: z.array(z.number().int().positive()),
  }),
  z.object({ kind: z.literal('carried'), fromSessionId: z.number().int().positive(), quarter: z.string() }),
  /** Added by the advisor by hand. */
  z.object({ kind: z.literal('advisor') }),
]);
export type Origin = z.infer<typeof Origin>;

export const ItemProvenance = z.object({
  origin: Origin,
  /** Fields the advisor changed by hand since ('' is the whole value of a field that is not an object). */
  edited: z.array(z.string()),
});
export type ItemProvenance = z.infer<typeof ItemProvenance>;

/** Stored beside each revision: item key → where the item came from. */
export const ProvenanceMap = z.record(z.string(), ItemProvenance);
export type ProvenanceMap = z.infer<typeof ProvenanceMap>;

/** Why a change needs the advisor's own word before a redraft may make it. */
export type Protection = 'edited' | 'carried';

/**
 * A field the advisor edited is theirs, even emptied; a carried field is kept unless it was empty,
 * since filling a gap last quarter left loses nothing.
 */
export function protectionOf(p: ItemProvenance | undefined, fieldName: string, before: unknown): Protection | null {
  if (!p) return null;
  if (p.edited.includes(fieldName)) return 'edited';
  return p.origin.kind === 'carried' && !isEmptyValue(before) ? 'carried' : null;
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** The messages an item names itself (an insight's or assumption's `fromMessageId`). */
function messageIdsOf(value: unknown): number[] {
  const v = fieldsOf(value);
  return typeof v.fromMessageId === 'number' ? [v.fromMessageId] : [];
}

/** Every item of a drafted artifact, traced to the draft that made it. */
export function draftedProvenance(
  step: StepId,
  data: unknown,
  draft: Omit<Extract<Origin, { kind: 'drafted' }>, 'kind' | 'messageIds'>,
  /** Messages each item was drawn from, found beyond the ones it names itself (see sourcesOf). */
  sources: Readonly<Record<string, readonly number[]>> = {},
): ProvenanceMap {
  return Object.fromEntries(
    itemsOf(step, data).flatMap((item) => {
      const messageIds = [...new Set([...messageIdsOf(item.value), ...(sources[item.key] ?? [])])].sort(
        (a, b) => a - b,
      );
      const p: ItemProvenance = { origin: { kind: 'drafted', ...draft, messageIds }, edited: [] };
      return [[item.key, p] as const, ...partsOf(step, item).map((part) => [part.key, p] as const)];
    }),
  );
}

export function uniformProvenance(step: StepId, data: unknown, origin: Origin): ProvenanceMap {
  return Object.fromEntries(
    itemsOf(step, data).flatMap((item) =>
      [item.key, ...partsOf(step, item).map((p) => p.key)].map((k) => [k, { origin, edited: [] }]),
    ),
  );
}

/**
 * The provenance after a hand edit: an item the advisor added is theirs; a changed item keeps its
 * origin and records which fields were edited; an untouched item keeps its provenance as it was.
 */
export function editedProvenance(
  step: StepId,
  before: unknown,
  beforeProv: ProvenanceMap,
  after: unknown,
): ProvenanceMap {
  const oldItems = itemsOf(step, before);
  const old = new Map<string, unknown>([
    ...oldItems.map((i) => [i.key, i.value] as const),
    ...oldItems.flatMap((i) => partsOf(step, i).map((p) => [p.key, p.value] as const)),
  ]);
  const out: ProvenanceMap = {};
  const trace = (key: string, value: unknown, fallback: ItemProvenance | undefined) => {
    if (!old.has(key)) {
      out[key] = { origin: { kind: 'advisor' }, edited: [] };
      return;
    }
    const was = fieldsOf(old.get(key));
    const now = fieldsOf(value);
    const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((f) => !sameValue(was[f], now[f]));
    const base = beforeProv[key] ?? fallback ?? { origin: { kind: 'advisor' as const }, edited: [] };
    out[key] = changed.length === 0 ? base : { ...base, edited: [...new Set([...base.edited, ...changed])].sort() };
  };
  for (const item of itemsOf(step, after)) {
    trace(item.key, item.value, undefined);
    // A part stored before parts were traced takes its item's origin, not the item's edits.
    const parent = beforeProv[item.key];
    for (const part of partsOf(step, item))
      trace(part.key, part.value, parent && { origin: parent.origin, edited: [] });
  }
  return out;
}

/** What a stored revision says about itself, for tracing a revision stored before provenance was kept. */
export interface RevisionTrace {
  readonly data: unknown;
  readonly source: 'model' | 'offline' | 'user' | 'carried';
  readonly provider: string | null;
  readonly model: string | null;
  readonly promptVersion: string | null;
  readonly messageId: number | null;
  /** For a carried revision: the earlier session and its quarter. */
  readonly carried: { readonly sessionId: number; readonly quarter: string } | null;
  readonly provenance: ProvenanceMap | null;
}

/**
 * The provenance of each revision in a step's history (oldest first): the stored map where there is
 * one; else what the revision's source says, and for a hand edit, what it changed in the one before.
 */
export function traceHistory(step: StepId, history: readonly RevisionTrace[]): ProvenanceMap[] {
  const out: ProvenanceMap[] = [];
  history.forEach((r, i) => {
    if (r.provenance) {
      out.push(r.provenance);
      return;
    }
    const previous = i > 0 ? { data: history[i - 1]!.data, provenance: out[i - 1]! } : null;
    if (r.source === 'carried' && r.carried) {
      out.push(
        uniformProvenance(step, r.data, {
          kind: 'carried',
          fromSessionId: r.carried.sessionId,
          quarter: r.carried.quarter,
        }),
      );
    } else if (r.source === 'user') {
      out.push(
        previous
          ? editedProvenance(step, previous.data, previous.provenance, r.data)
          : uniformProvenance(step, r.data, { kind: 'advisor' }),
      );
    } else {
      out.push(
        draftedProvenance(step, r.data, {
          provider: r.provider ?? r.source,
          model: r.model,
          promptVersion: r.promptVersion,
          draftMessageId: r.messageId,
        }),
      );
    }
  });
  return out;
}
