import type { StepId } from '../steps.js';

/**
 * How a step's artifact splits into items, the unit a proposal is reviewed, accepted and traced by.
 * A list's items are matched by a stable key (their id where they have one), never by position; the
 * company context has no ids, so each of its fields is an item of its own (its key numbers by label).
 */
interface ListSpec {
  readonly kind: 'list';
  readonly path: string;
  /** The stable key of an item within its list; `nth` counts earlier items with the same natural key. */
  readonly keyOf: (item: Record<string, unknown>, nth: (natural: string) => number) => string;
  readonly labelOf: (item: Record<string, unknown>) => string;
  /** The item's own words, used to recognise it in a redraft that numbered it differently. */
  readonly textOf?: (item: Record<string, unknown>) => string;
  /** The item carries its own id in `id` (the key is derived from it). */
  readonly idField?: 'id';
}

interface FieldSpec {
  readonly kind: 'field';
  readonly path: string;
  readonly label: string;
}

export type CollectionSpec = ListSpec | FieldSpec;

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

const byId = (path: string, textField: string): ListSpec => ({
  kind: 'list',
  path,
  keyOf: (item) => str(item.id),
  labelOf: (item) => `${str(item.id)}: ${str(item[textField])}`,
  textOf: (item) => str(item[textField]),
  idField: 'id',
});

const field = (path: string, label: string): FieldSpec => ({ kind: 'field', path, label });

export const ITEM_SPECS: Readonly<Record<StepId, readonly CollectionSpec[]>> = {
  context: [
    field('summary', 'Summary'),
    field('services', 'Services'),
    field('products', 'Products'),
    field('customers', 'Customers'),
    field('marketPosition', 'Market position'),
    field('competitors', 'Competitors'),
    field('businessModel', 'Business model'),
    field('ceoGoals', "CEO's goals"),
    field('constraints', 'Constraints'),
    {
      kind: 'list',
      path: 'keyNumbers',
      keyOf: (item, nth) => {
        const natural = str(item.label).trim().toLowerCase();
        const n = nth(natural);
        return n === 0 ? natural : `${natural}#${n + 1}`;
      },
      labelOf: (item) => `Key number: ${str(item.label)}`,
    },
    field('gaps', 'Open questions'),
  ],
  trends: [byId('trends', 'name')],
  dialogue: [
    {
      kind: 'list',
      path: 'trendSummaries',
      keyOf: (item) => str(item.trendId),
      labelOf: (item) => `Summary of ${str(item.trendId)}`,
    },
    byId('insights', 'text'),
    byId('assumptions', 'text'),
  ],
  impact: [
    {
      // Forecasts have no id: one is known by its scope and trend (and its place among forecasts sharing both).
      kind: 'list',
      path: 'forecasts',
      keyOf: (item, nth) => {
        const natural = `${str(item.scope)}:${str(item.trendId) || 'none'}`;
        return `${natural}:${nth(natural) + 1}`;
      },
      labelOf: (item) => `${str(item.scope)} forecast: ${str(item.change)}`,
      textOf: (item) => str(item.change),
    },
  ],
  risks: [byId('risks', 'threat')],
  roadmap: [byId('entries', 'title')],
  sounding_board: [byId('recommendations', 'claim')],
};

/** One item of an artifact: `key` is unique within the artifact ("risks/r2", "constraints"). */
export interface Item {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  readonly value: unknown;
}

type Data = Readonly<Record<string, unknown>>;

export function itemKey(spec: CollectionSpec, localKey?: string): string {
  return spec.kind === 'field' ? spec.path : `${spec.path}/${localKey}`;
}

/** The items of one list, in order, with their keys. */
export function listItems(spec: ListSpec, data: Data): Item[] {
  const list = Array.isArray(data[spec.path]) ? (data[spec.path] as Record<string, unknown>[]) : [];
  const seen = new Map<string, number>();
  const nth = (natural: string) => {
    const n = seen.get(natural) ?? 0;
    seen.set(natural, n + 1);
    return n;
  };
  return list.map((value) => ({
    key: itemKey(spec, spec.keyOf(value, nth)),
    path: spec.path,
    label: spec.labelOf(value),
    value,
  }));
}

/** Every item of a step's artifact, in the artifact's order. */
export function itemsOf(step: StepId, data: unknown): Item[] {
  const record = (data ?? {}) as Data;
  return ITEM_SPECS[step].flatMap((spec) =>
    spec.kind === 'field'
      ? [{ key: spec.path, path: spec.path, label: spec.label, value: record[spec.path] }]
      : listItems(spec, record),
  );
}

/** Builds an artifact back from its items (`shape` supplies anything the items do not cover). */
export function assemble(step: StepId, shape: unknown, items: readonly Item[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...((shape ?? {}) as Data) };
  for (const spec of ITEM_SPECS[step]) {
    const mine = items.filter((i) => i.path === spec.path);
    if (spec.kind === 'field') {
      if (mine[0]) out[spec.path] = mine[0].value;
    } else {
      out[spec.path] = mine.map((i) => i.value);
    }
  }
  return out;
}

/**
 * The fields of an item a diff compares one by one: an object's own keys; anything else (a text, a
 * list of texts) is one whole value, named by the empty string.
 */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? (value as Record<string, unknown>) : { '': value };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values; key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Parts of an item traced on their own (a recommendation's objections, by lens), though reviewed
 * with the item: key "recommendations/c1/objections/cfo:1", place "recommendations.0.objections.2".
 */
export function partsOf(step: StepId, item: Item): { key: string; place: number; value: unknown }[] {
  if (step !== 'sounding_board' || !isPlainObject(item.value) || !Array.isArray(item.value.objections)) return [];
  const seen = new Map<string, number>();
  return (item.value.objections as unknown[]).map((value, place) => {
    const lens = isPlainObject(value) ? str(value.lens) : '';
    const n = (seen.get(lens) ?? 0) + 1;
    seen.set(lens, n);
    return { key: `${item.key}/objections/${lens}:${n}`, place, value };
  });
}

/** Where each item sits in the artifact, as a field path ("risks.1", "summary") → its key ("risks/r2", "summary"). */
export function itemKeysByPath(step: StepId, data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const item of itemsOf(step, data)) {
    const n = seen.get(item.path) ?? 0;
    seen.set(item.path, n + 1);
    const spec = ITEM_SPECS[step].find((s) => s.path === item.path)!;
    const place = spec.kind === 'field' ? item.path : `${item.path}.${n}`;
    out[place] = item.key;
    for (const part of partsOf(step, item)) out[`${place}.objections.${part.place}`] = part.key;
  }
  return out;
}
