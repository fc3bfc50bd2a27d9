/**
 * A scripted client: who they are (facts, in their own currency and region), how they talk, what
 * they answer at each step, and the traps hidden in those answers, each with what a good challenge
 * looks like. Persona files are JSON under eval/personas/, checked against this schema on load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { STEP_IDS, type StepId } from '../src/domain/index.js';

export const PERSONAS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'personas');

/** The traps the issue names; each is challenged in its own way (see checks/traps.ts). */
export const TrapKind = z.enum([
  'absolute_claim',
  'no_evidence',
  'contradiction',
  'question_back',
  'advice_request',
  'pushback',
  'ready_with_open_objections',
]);
export type TrapKind = z.infer<typeof TrapKind>;

const NonEmpty = z.string().trim().min(1);

/** A pasted brief is easier to read as lines; it is sent as one message, joined with newlines. */
const Said = z.union([NonEmpty, z.array(z.string()).min(1)]).transform((s) => (Array.isArray(s) ? s.join('\n') : s));

export const Trap = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a trap id is lower-case words joined by hyphens'),
  kind: TrapKind,
  /** What a good challenge of this answer looks like, in words: for the reader and the judge. */
  challenge: NonEmpty,
  /** Words of the trap a challenge must refer to (any one of them), e.g. "2028", "drivers". */
  about: z.array(NonEmpty).min(1),
  /** Extra phrases (regular expressions, case-insensitive) that also count as challenging it. */
  cues: z.array(NonEmpty).default([]),
});
export type Trap = z.infer<typeof Trap>;

export const Answer = z.union([
  Said.transform((say) => ({ say, trap: null })),
  z.object({ say: Said, trap: Trap.nullable().default(null) }),
]);
export type Answer = z.infer<typeof Answer>;

export const Persona = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    client: z.object({
      name: NonEmpty,
      industry: NonEmpty,
      region: NonEmpty,
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO currency code, e.g. EUR'),
      quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
    }),
    /** What the client knows, for a model playing the client and for the reader. */
    facts: z.object({
      revenue: NonEmpty,
      headcount: NonEmpty,
      systems: z.array(NonEmpty).min(1),
      ceoGoals: z.array(NonEmpty).min(1),
      constraints: z.array(NonEmpty).min(1),
      other: z.array(NonEmpty).default([]),
    }),
    voice: NonEmpty,
    steps: z.object(
      Object.fromEntries(STEP_IDS.map((s) => [s, z.array(Answer).min(1)])) as Record<StepId, z.ZodArray<typeof Answer>>,
    ),
  })
  .superRefine((p, ctx) => {
    const ids = STEP_IDS.flatMap((s) => p.steps[s].flatMap((a) => (a.trap ? [a.trap.id] : [])));
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `trap ids used twice: ${twice.join(', ')}` });
  });
export type Persona = z.infer<typeof Persona>;

export function parsePersona(source: string, file = 'persona'): Persona {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = Persona.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file} is not a valid persona:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Every persona file, in file-name order; `only` keeps the ones whose id is listed. */
export function loadPersonas(dir = PERSONAS_DIR, only: readonly string[] = []): Persona[] {
  const personas = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parsePersona(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
  const unknown = only.filter((id) => !personas.some((p) => p.id === id));
  if (unknown.length > 0)
    throw new Error(`No persona ${unknown.join(', ')} (known: ${personas.map((p) => p.id).join(', ')})`);
  return only.length > 0 ? personas.filter((p) => only.includes(p.id)) : personas;
}

/** The traps of a persona with the step and position of the answer that springs each. */
export function trapsOf(persona: Persona): Array<{ trap: Trap; step: StepId; index: number }> {
  return STEP_IDS.flatMap((step) =>
    persona.steps[step].flatMap((a, index) => (a.trap ? [{ trap: a.trap, step, index }] : [])),
  );
}
