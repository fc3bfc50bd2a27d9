/**
 * Typed answers: a question that fills artifact fields (its `fills`, e.g. "entries[].financial.oneOffCost")
 * is answered with a small form, one input per field. This module maps those field paths onto the
 * artifact's schema, so the form's fields and the check of what it sends come from the one schema.
 * A confirmed answer is stored with the advisor's message, as data; a draft reads it as it is.
 */
import { z } from 'zod';
import { ARTIFACT_SCHEMAS } from '../artifacts/index.js';
import { invalid } from '../errors.js';
import type { StepId } from '../steps.js';
import { describeField, type FieldSpec } from './fields.js';

/** A field of a question's form: where its value goes ("entries[].owner") and how it is entered. */
export interface AnswerField {
  readonly path: string;
  readonly spec: FieldSpec;
}

/** The values the advisor confirmed, by field path; a field left empty is null (a gap), a field not shown is absent. */
export const AnswerValues = z.record(z.string().min(1).max(120), z.unknown());
export type AnswerValues = z.infer<typeof AnswerValues>;

/** What a message stores when it answers a question through its form. */
export const TypedAnswer = z.object({
  questionId: z.string().trim().min(1).max(80),
  values: AnswerValues,
});
export type TypedAnswer = z.infer<typeof TypedAnswer>;

/** The form of one bank question, as the page shows it beside the chat. */
export interface AnswerForm {
  readonly step: StepId;
  readonly questionId: string;
  readonly topic: string;
  readonly fields: readonly AnswerField[];
}

function child(schema: z.ZodType, key: string, path: string): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodArray && key === '[]') return s.element as z.ZodType;
  if (s instanceof z.ZodObject && key in s.shape) return (s.shape as Record<string, z.ZodType>)[key]!;
  throw new Error(`The field path ${path} names nothing in the artifact's schema.`);
}

/**
 * The schema of the field at `path` ("entries[].financial.oneOffCost") in a step's artifact. A field
 * inside a group that may itself be a gap ("recommendations[].readyDespite.reason") may be left empty:
 * the group is then absent.
 */
export function fieldSchema(step: StepId, path: string): z.ZodType {
  const keys = path.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
  let inGap = false;
  const leaf = keys.reduce<z.ZodType>((s, key, i) => {
    if (i > 0 && keys[i - 1] !== '[]' && s instanceof z.ZodNullable) inGap = true;
    return child(s, key, path);
  }, ARTIFACT_SCHEMAS[step]);
  return inGap && !(leaf instanceof z.ZodNullable) ? leaf.nullable() : leaf;
}

/** The form fields of a question that fills `fills`; throws on a path the schema does not have (a broken bank). */
export function answerFields(step: StepId, fills: readonly string[]): AnswerField[] {
  return fills.map((path) => {
    const keys = path.split('.');
    const key = keys.at(-1)!.replace(/\[\]$/, '');
    return { path, spec: describeField(key, fieldSchema(step, path), path.replace(/\[\]/g, '')) };
  });
}

/**
 * The advisor's values checked against the schema of each field the question fills: a value for a
 * field it does not fill, or one its schema refuses, is a 422 naming the field. Text is trimmed by
 * the schemas; an empty text is a gap (null) where the field may be one.
 */
export function checkAnswer(step: StepId, fills: readonly string[], values: AnswerValues): AnswerValues {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(values)) {
    if (!fills.includes(path))
      throw invalid(`The question does not ask for "${path}"; it fills ${fills.join(', ')}.`, `answer.values.${path}`);
    const value = typeof raw === 'string' && raw.trim() === '' ? null : raw;
    const parsed = fieldSchema(step, path).safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = [path, ...issue.path.map(String)].join('.');
      throw invalid(`${where}: ${issue.message}`, `answer.values.${where}`);
    }
    out[path] = parsed.data;
  }
  return out;
}
