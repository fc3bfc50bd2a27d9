import type { StepId } from '../steps.js';
import { ITEM_SPECS, fieldsOf, itemsOf, sameValue, type Item } from './items.js';
import { isEmptyValue, protectionOf, type ProvenanceMap, type Protection } from './provenance.js';

export interface FieldChange {
  /** The field's name within the item; '' when the item is one value (a text, a list of texts). */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Set when the field was edited by the advisor or carried over: only an explicit accept changes it. */
  readonly protected: Protection | null;
}

interface ChangeBase {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  readonly protected: Protection | null;
}

export type ItemChange =
  | (ChangeBase & { readonly change: 'added'; readonly after: unknown })
  | (ChangeBase & { readonly change: 'removed'; readonly before: unknown })
  | (ChangeBase & {
      readonly change: 'changed';
      readonly before: unknown;
      readonly after: unknown;
      readonly fields: readonly FieldChange[];
    });

export interface ArtifactDiff {
  /** Items added, changed or removed, in the order of the newer artifact (a removed item where it stood). */
  readonly changes: readonly ItemChange[];
  readonly unchanged: number;
}

/**
 * What `after` changes in `before`, item by item (matched by stable key, never by position) and
 * field by field. `beforeProv` marks the changes that touch what the advisor edited or carried over.
 */
export function diffArtifacts(
  step: StepId,
  before: unknown,
  after: unknown,
  beforeProv: ProvenanceMap = {},
): ArtifactDiff {
  const oldItems = before === null || before === undefined ? [] : itemsOf(step, before);
  const newItems = itemsOf(step, after);
  const oldByKey = new Map(oldItems.map((i) => [i.key, i]));
  const newKeys = new Set(newItems.map((i) => i.key));
  const changes: ItemChange[] = [];
  let unchanged = 0;
  for (const item of newItems) {
    const old = oldByKey.get(item.key);
    if (!old) {
      if (isEmptyValue(item.value)) unchanged++;
      else changes.push({ ...describe(item), change: 'added', after: item.value, protected: null });
      continue;
    }
    if (sameValue(old.value, item.value)) {
      unchanged++;
      continue;
    }
    const was = fieldsOf(old.value);
    const now = fieldsOf(item.value);
    const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])]
      .filter((f) => !sameValue(was[f], now[f]))
      .map((f) => ({
        field: f,
        before: was[f] ?? null,
        after: now[f] ?? null,
        protected: protectionOf(beforeProv[item.key], f, was[f]),
      }));
    changes.push({
      ...describe(item),
      change: 'changed',
      before: old.value,
      after: item.value,
      fields,
      protected: fields.find((f) => f.protected)?.protected ?? null,
    });
  }
  for (const item of oldItems) {
    if (newKeys.has(item.key)) continue;
    const p = beforeProv[item.key];
    const guard: Protection | null =
      p?.origin.kind === 'carried' ? 'carried' : p && p.edited.length > 0 ? 'edited' : null;
    changes.push({ ...describe(item), change: 'removed', before: item.value, protected: guard });
  }
  // Grouped as the artifact is (a removed risk among the risks, after the ones that stay).
  const order = ITEM_SPECS[step].map((s) => s.path);
  return { changes: changes.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path)), unchanged };
}

function describe(item: Item): Pick<ChangeBase, 'key' | 'path' | 'label'> {
  return { key: item.key, path: item.path, label: item.label };
}
