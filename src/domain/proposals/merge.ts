import type { StepId } from '../steps.js';
import { diffArtifacts, type ItemChange } from './diff.js';
import { ITEM_SPECS, assemble, fieldsOf, isPlainObject, itemsOf, partsOf, sameValue, type Item } from './items.js';
import type { ProvenanceMap } from './provenance.js';

export interface Version {
  readonly data: unknown;
  readonly provenance: ProvenanceMap;
}

/**
 * all: every change the proposal makes, except what the advisor edited or carried over (those stay
 * as they are until accepted by name); items: exactly the named items' changes, protected or not.
 */
export type Acceptance = { readonly kind: 'all' } | { readonly kind: 'items'; readonly keys: readonly string[] };

export interface Merged extends Version {
  /** Item keys whose change was applied (wholly or in part). */
  readonly applied: readonly string[];
  /** Item keys whose change, or part of it, was held back because it touches a protected field. */
  readonly held: readonly string[];
}

/**
 * Applies the accepted part of a proposal to the current version; everything not accepted stays as
 * it is. `rejected` item keys are never applied. Pure: the caller validates and stores the result.
 */
export function mergeProposal(
  step: StepId,
  current: Version | null,
  proposal: Version,
  acceptance: Acceptance,
  rejected: readonly string[] = [],
): Merged {
  const diff = diffArtifacts(step, current?.data ?? null, proposal.data, current?.provenance ?? {});
  const named = acceptance.kind === 'items' ? new Set(acceptance.keys) : null;
  const decided = new Map<string, { change: ItemChange; fields: 'all' | 'unprotected' }>();
  for (const change of diff.changes) {
    if (rejected.includes(change.key)) continue;
    if (named) {
      if (named.has(change.key)) decided.set(change.key, { change, fields: 'all' });
    } else if (change.change === 'added' || change.protected === null) {
      decided.set(change.key, { change, fields: 'all' });
    } else if (change.change === 'changed') {
      decided.set(change.key, { change, fields: 'unprotected' });
    }
  }
  const oldItems = current ? itemsOf(step, current.data) : [];
  const newItems = itemsOf(step, proposal.data);
  const oldByKey = new Map(oldItems.map((i) => [i.key, i]));
  const newKeys = new Set(newItems.map((i) => i.key));
  const provenance: ProvenanceMap = {};
  const applied: string[] = [];
  const held: string[] = [];
  const result: Item[] = [];

  const keepOld = (item: Item) => {
    result.push(item);
    const p = current?.provenance[item.key];
    if (p) provenance[item.key] = p;
  };
  for (const item of newItems) {
    const old = oldByKey.get(item.key);
    const decision = decided.get(item.key);
    if (!old) {
      // A new item joins only when accepted; an empty field item is part of the shape, not news.
      const news = diff.changes.some((c) => c.key === item.key);
      if (decision || !news) {
        result.push(item);
        const p = proposal.provenance[item.key];
        if (p) provenance[item.key] = p;
        if (decision) applied.push(item.key);
      } else if (spec(step, item.path) === 'field') {
        // A field is always there: a rejected first value leaves it empty, a gap rather than a guess.
        result.push({ ...item, value: emptyLike(item.value) });
      }
      continue;
    }
    if (!decision) {
      if (diff.changes.some((c) => c.key === item.key && c.protected && !named && !rejected.includes(c.key)))
        held.push(item.key);
      keepOld(old);
      continue;
    }
    const change = decision.change;
    if (change.change !== 'changed') {
      keepOld(old);
      continue;
    }
    const taken = change.fields.filter((f) => decision.fields === 'all' || f.protected === null);
    if (taken.length < change.fields.length) held.push(item.key);
    if (taken.length === 0) {
      keepOld(old);
      continue;
    }
    applied.push(item.key);
    const value = withFields(
      old.value,
      item.value,
      taken.map((f) => f.field),
    );
    result.push({ ...item, value });
    const before = current?.provenance[item.key];
    const drafted = proposal.provenance[item.key];
    const takenNames = new Set(taken.map((f) => f.field));
    const stillEdited = (before?.edited ?? []).filter((f) => !takenNames.has(f));
    // A carried item the advisor accepts a change to is the draft's now; what they edited stays theirs.
    provenance[item.key] = drafted ? { origin: drafted.origin, edited: stillEdited } : before!;
  }
  // What the proposal drops stays unless its removal was accepted; it keeps its place after its neighbour.
  oldItems.forEach((old, index) => {
    if (newKeys.has(old.key)) return;
    const decision = decided.get(old.key);
    if (decision) {
      applied.push(old.key);
      return;
    }
    if (diff.changes.some((c) => c.key === old.key && c.protected && !named && !rejected.includes(c.key)))
      held.push(old.key);
    const after = oldItems
      .slice(0, index)
      .reverse()
      .find((o) => result.some((r) => r.key === o.key));
    const at = after ? result.findIndex((r) => r.key === after.key) + 1 : result.findIndex((r) => r.path === old.path);
    result.splice(at < 0 ? result.length : at, 0, old);
    const p = current?.provenance[old.key];
    if (p) provenance[old.key] = p;
  });
  // An item's parts (a recommendation's objections) are traced as the item's own field was decided.
  for (const item of result) {
    const old = oldByKey.get(item.key);
    const kept = old !== undefined && sameValue(fieldsOf(old.value).objections, fieldsOf(item.value).objections);
    for (const part of partsOf(step, item)) {
      const own = (kept ? current?.provenance : proposal.provenance)?.[part.key];
      const parent = provenance[item.key];
      const p = own ?? (parent && { origin: parent.origin, edited: [] });
      if (p) provenance[part.key] = p;
    }
  }
  return { data: assemble(step, proposal.data, result), provenance, applied, held };
}

/** `base` with the named fields taken from `next`; a value that is not an object is taken whole. */
function withFields(base: unknown, next: unknown, fields: readonly string[]): unknown {
  if (!isPlainObject(base) || !isPlainObject(next)) return fields.includes('') ? next : base;
  const out: Record<string, unknown> = { ...base };
  const theirs = fieldsOf(next);
  for (const f of fields) {
    if (f in theirs) out[f] = theirs[f];
    else delete out[f];
  }
  return out;
}

function spec(step: StepId, path: string): 'field' | 'list' | undefined {
  return ITEM_SPECS[step].find((s) => s.path === path)?.kind;
}

function emptyLike(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, null]));
  return null;
}
