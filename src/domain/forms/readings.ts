/**
 * Readings: the values the frozen offline parser read from an answer given in the chat instead of
 * typed into its form. A draft that holds such values lists them beside its changes, each with the
 * words it was read from, and is accepted only once the advisor confirms them: nothing the parser
 * reads reaches an artifact unconfirmed (issue 19). A value typed into a form is no reading.
 */
import { z } from 'zod';
import type { AnswerForm, AnswerValues } from './answers.js';
import { FIELD_KINDS } from './fields.js';

export const Reading = z.object({
  /** The advisor's message the value was read from. */
  messageId: z.number().int().positive(),
  questionId: z.string().min(1),
  /** The question's topic, as its form is titled ("First initiative's measure"). */
  topic: z.string(),
  /** The field's path in the artifact ("entries[].financial.oneOffCost"). */
  field: z.string().min(1),
  label: z.string(),
  /** How the value is shown: an amount in the client's currency, a choice by its label, a list joined. */
  kind: z.enum(FIELD_KINDS),
  unit: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  value: z.unknown(),
  /** The part of the message the value was read from; null when no single part gives it. */
  readFrom: z.string().nullable(),
});
export type Reading = z.infer<typeof Reading>;

export const Readings = z.array(Reading);

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The readings of one chat answer: each field of its form the parser gave a value, with its words. */
export function readingsOfAnswer(
  form: AnswerForm,
  answer: {
    readonly messageId: number;
    readonly values: AnswerValues;
    readonly readFrom: Readonly<Record<string, string>>;
  },
): Reading[] {
  return form.fields.flatMap((f) => {
    const value = answer.values[f.path];
    if (isEmpty(value)) return [];
    return [
      {
        messageId: answer.messageId,
        questionId: form.questionId,
        topic: form.topic,
        field: f.path,
        label: f.spec.label,
        kind: f.spec.kind,
        unit: f.spec.unit,
        options: f.spec.options ? [...f.spec.options] : null,
        value,
        readFrom: answer.readFrom[f.path] ?? null,
      },
    ];
  });
}
