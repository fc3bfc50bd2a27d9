/**
 * The forms the page edits artifacts with, described from the artifact schemas themselves: one
 * source for what a field holds (its type, bounds, whether it may be a gap, its choices), so the page
 * declares none of it again. The few things a schema cannot say (that a number is money, that a list
 * of ids points at trends, how a score reads) are the hints below, keyed by the field's name.
 */
import { z } from 'zod';
import { ARTIFACT_SCHEMAS } from '../artifacts/index.js';
import { STEP_IDS, type StepId } from '../steps.js';
import { HORIZON_LABELS } from '../horizons.js';
import { ROADMAP_STATUS_LABELS } from '../roadmapStatus.js';
import { IMPACT_SCOPE_LABELS, OBJECTION_LENS_LABELS, TREND_LENS_LABELS, VERDICT_LABELS } from '../vocabulary.js';
import { FIELD_HINTS, type FieldHint, type RefTarget } from './hints.js';

export type { RefTarget } from './hints.js';

/** What kinds of input a field takes. */
export const FIELD_KINDS = [
  'id',
  'text',
  'longText',
  'number',
  'money',
  'score',
  'choice',
  'boolean',
  'date',
  'deadline',
  'list',
  'refs',
  'ref',
  'group',
  'items',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldSpec {
  /** The property's name in its object. */
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** May be empty (null): a gap, shown as one, never a made-up value. */
  readonly nullable: boolean;
  /** The schema's own description, shown as help. */
  readonly help: string | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Whole numbers only. */
  readonly integer: boolean;
  /** A choice's values with their labels, in order. */
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }> | null;
  /** A score's words for 1 to 5 ("rare" … "almost certain"). */
  readonly scale: readonly string[] | null;
  readonly refersTo: RefTarget | null;
  /** A number's unit ("weeks", "×"). */
  readonly unit: string | null;
  /** A group's or an item's fields. */
  readonly fields: readonly FieldSpec[] | null;
}

/** Labels for the closed word lists the schemas use, by field name. */
const CHOICE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  horizon: HORIZON_LABELS,
  timeToImpact: HORIZON_LABELS,
  status: ROADMAP_STATUS_LABELS,
  lens: { ...TREND_LENS_LABELS, ...OBJECTION_LENS_LABELS },
  scope: IMPACT_SCOPE_LABELS,
  verdict: VERDICT_LABELS,
};

/** "oneOffCost" → "One off cost": a fallback for fields the hints do not name. */
function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Unwrapped {
  readonly schema: z.ZodType;
  readonly nullable: boolean;
  readonly help: string | null;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let s = schema;
  let nullable = false;
  let help = s.description ?? null;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) {
    nullable = nullable || s instanceof z.ZodNullable;
    s = (s as z.ZodNullable<z.ZodType>).unwrap() as z.ZodType;
    help ??= s.description ?? null;
  }
  return { schema: s, nullable, help };
}

const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** One field of an object schema, described for a form; `path` is its dotted place in the artifact (for the hints). */
export function describeField(key: string, schema: z.ZodType, path: string): FieldSpec {
  const { schema: s, nullable, help } = unwrap(schema);
  const hint: FieldHint = FIELD_HINTS[path] ?? FIELD_HINTS[key] ?? {};
  const base = {
    key,
    label: hint.label ?? labelOf(key),
    nullable,
    help: hint.help ?? help,
    min: null,
    max: null,
    integer: false,
    options: null,
    scale: null,
    refersTo: null,
    unit: hint.unit ?? null,
    fields: null,
  } satisfies Omit<FieldSpec, 'kind'>;
  if (s instanceof z.ZodObject) {
    return { ...base, kind: 'group', fields: describeObject(s, path) };
  }
  if (s instanceof z.ZodArray) {
    const element = unwrap(s.element as z.ZodType).schema;
    const max = finite((s as unknown as { _zod: { bag: { maximum?: number } } })._zod.bag.maximum);
    if (element instanceof z.ZodObject) return { ...base, kind: 'items', max, fields: describeObject(element, path) };
    if (hint.refersTo) return { ...base, kind: 'refs', max, refersTo: hint.refersTo };
    return { ...base, kind: 'list', max };
  }
  if (s instanceof z.ZodEnum) {
    const labels = CHOICE_LABELS[key] ?? {};
    const options = (s.options as string[]).map((value) => ({ value, label: labels[value] ?? labelOf(value) }));
    return { ...base, kind: 'choice', options };
  }
  if (s instanceof z.ZodBoolean) return { ...base, kind: 'boolean' };
  if (s instanceof z.ZodNumber) {
    const min = finite(s.minValue);
    const max = finite(s.maxValue);
    const integer = s.isInt;
    if (hint.kind === 'id') return { ...base, kind: 'id' };
    if (hint.kind === 'money') return { ...base, kind: 'money', min, max };
    if (integer && min === 1 && max === 5)
      return { ...base, kind: 'score', min, max, integer, scale: hint.scale ?? null };
    return { ...base, kind: 'number', min, max, integer };
  }
  if (s instanceof z.ZodString) {
    const max = finite(s.maxLength);
    const min = finite(s.minLength);
    if (hint.kind === 'id') return { ...base, kind: 'id', max };
    if (hint.refersTo) return { ...base, kind: 'ref', refersTo: hint.refersTo, max };
    if (hint.kind === 'date' || hint.kind === 'deadline') return { ...base, kind: hint.kind, max };
    return { ...base, kind: (max ?? 0) > 300 ? 'longText' : 'text', min, max };
  }
  throw new Error(`A form cannot show the field ${path}: its schema is neither text, number, choice, list nor object.`);
}

function describeObject(schema: z.ZodObject, path: string): FieldSpec[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) =>
    describeField(key, field, path === '' ? key : `${path}.${key}`),
  );
}

/** Every step's artifact as a form: its top-level fields, with the items of its lists as nested forms. */
export function artifactForms(): Record<StepId, readonly FieldSpec[]> {
  const forms = {} as Record<StepId, readonly FieldSpec[]>;
  for (const step of STEP_IDS) forms[step] = describeObject(ARTIFACT_SCHEMAS[step], '');
  return forms;
}
