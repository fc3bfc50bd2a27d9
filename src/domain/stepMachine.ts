import { z } from 'zod';
import { SessionMode, StepId, stepsOf } from './steps.js';
import { unmetText, unmetToLeave, type StepFacts, type UnmetCondition } from './guards.js';

/**
 * Where a session stands. `furthest` is the furthest step ever entered: steps after it have never
 * been seen, steps up to it may hold artifacts. `stale` lists steps whose artifact was built on
 * something the user has since gone back to revise; they are kept, not deleted.
 */
export type Progress =
  | {
      readonly status: 'active';
      readonly mode: SessionMode;
      readonly current: StepId;
      readonly furthest: StepId;
      readonly stale: readonly StepId[];
    }
  | {
      readonly status: 'completed';
      readonly mode: SessionMode;
      readonly furthest: StepId;
      readonly stale: readonly StepId[];
    };

export type StepEvent =
  /** `override`: move on even if the step's conditions are unmet, for the reason given (recorded). */
  | { readonly type: 'advance'; readonly override?: { readonly reason: string } }
  | { readonly type: 'go_back'; readonly to: StepId }
  | { readonly type: 'artifact_revised'; readonly step: StepId }
  | { readonly type: 'confirm'; readonly step: StepId };

/** What the engine must do after a transition: data, performed by the caller. */
export type StepEffect =
  | { readonly type: 'entered_step'; readonly step: StepId }
  | { readonly type: 'completed' }
  /** Record that `step` was left with these conditions unmet, for this reason. */
  | {
      readonly type: 'overridden';
      readonly step: StepId;
      readonly unmet: readonly UnmetCondition[];
      readonly reason: string;
    };

export type Refusal = {
  readonly code: 'guard' | 'stale' | 'out_of_order' | 'not_in_mode' | 'completed';
  readonly message: string;
  /** For a guard: what the step still needs, as data a page can list. */
  readonly unmet?: readonly UnmetCondition[];
};

export type TransitionResult =
  | { readonly ok: true; readonly progress: Progress; readonly effects: readonly StepEffect[] }
  | { readonly ok: false; readonly refusal: Refusal };

export function initialProgress(mode: SessionMode): Progress {
  const first = stepsOf(mode)[0]!;
  return { status: 'active', mode, current: first, furthest: first, stale: [] };
}

/** Validates a stored progress value, including the invariants the type alone cannot say. */
export const ProgressSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('active'),
      mode: SessionMode,
      current: StepId,
      furthest: StepId,
      stale: z.array(StepId),
    }),
    z.object({ status: z.literal('completed'), mode: SessionMode, furthest: StepId, stale: z.array(StepId) }),
  ])
  .superRefine((p, ctx) => {
    const steps = stepsOf(p.mode);
    const at = (s: StepId) => steps.indexOf(s);
    if (at(p.furthest) < 0)
      ctx.addIssue({ code: 'custom', message: `step ${p.furthest} is not part of a ${p.mode} session` });
    if (p.status === 'active' && (at(p.current) < 0 || at(p.current) > at(p.furthest)))
      ctx.addIssue({ code: 'custom', message: 'the current step lies beyond the furthest step reached' });
    if (p.stale.some((s) => at(s) < 0 || at(s) > at(p.furthest)))
      ctx.addIssue({ code: 'custom', message: 'a stale step lies beyond the furthest step reached' });
  });

/**
 * The steps the session has moved on from (all of them once it is complete): where an unmet
 * condition is a gap the memo must name, not work still in progress.
 */
export function stepsLeft(progress: Progress): StepId[] {
  const steps = stepsOf(progress.mode);
  const end = steps.indexOf(progress.furthest) + (progress.status === 'completed' ? 1 : 0);
  return steps.slice(0, end);
}

export function currentStep(progress: Progress): StepId | null {
  return progress.status === 'active' ? progress.current : null;
}

export function isStale(progress: Progress, step: StepId): boolean {
  return progress.stale.includes(step);
}

export type StepStatus = 'current' | 'done' | 'stale' | 'upcoming';

/** How each step of the session shows in a progress bar. */
export function stepStatuses(progress: Progress): Array<{ step: StepId; status: StepStatus }> {
  const steps = stepsOf(progress.mode);
  const furthest = steps.indexOf(progress.furthest);
  return steps.map((step, i) => {
    if (progress.status === 'active' && step === progress.current) return { step, status: 'current' };
    if (progress.stale.includes(step)) return { step, status: 'stale' };
    if (progress.status === 'completed' || i < furthest) return { step, status: 'done' };
    if (i === furthest) return { step, status: 'done' };
    return { step, status: 'upcoming' };
  });
}

/** Pure: the next progress and the effects to perform, or a refusal a user can act on. */
export function transition(progress: Progress, event: StepEvent, facts: StepFacts): TransitionResult {
  const steps = stepsOf(progress.mode);
  const at = (s: StepId) => steps.indexOf(s);
  const refuse = (code: Refusal['code'], message: string): TransitionResult => ({
    ok: false,
    refusal: { code, message },
  });
  const hasArtifact = (s: StepId) => facts.artifacts[s] !== undefined;

  switch (event.type) {
    case 'advance': {
      if (progress.status === 'completed')
        return refuse('completed', 'The session is complete; go back to a step to revise it.');
      const here = progress.current;
      if (progress.stale.includes(here))
        return refuse(
          'stale',
          `The ${here.replace('_', ' ')} artifact is stale: revise it or keep it as it is before moving on.`,
        );
      const unmet = unmetToLeave(here, facts);
      if (unmet.length > 0 && !event.override)
        return { ok: false, refusal: { code: 'guard', message: unmetText(unmet)!, unmet } };
      // An override of a step that meets its conditions records nothing: there was nothing to override.
      const overridden: StepEffect[] =
        unmet.length > 0 && event.override
          ? [{ type: 'overridden', step: here, unmet, reason: event.override.reason }]
          : [];
      const next = steps[at(here) + 1];
      if (next === undefined) {
        return {
          ok: true,
          progress: { status: 'completed', mode: progress.mode, furthest: progress.furthest, stale: progress.stale },
          effects: [...overridden, { type: 'completed' }],
        };
      }
      const furthest = at(next) > at(progress.furthest) ? next : progress.furthest;
      return {
        ok: true,
        progress: { ...progress, current: next, furthest },
        effects: [...overridden, { type: 'entered_step', step: next }],
      };
    }
    case 'go_back': {
      if (at(event.to) < 0)
        return refuse('not_in_mode', `A ${progress.mode.replace('_', ' ')} session has no ${event.to} step.`);
      const from = progress.status === 'active' ? at(progress.current) : steps.length;
      if (at(event.to) >= from)
        return refuse(
          'out_of_order',
          `Going back means going to an earlier step; ${event.to} is not before the current step.`,
        );
      // Everything downstream that was already built may now rest on something that will change.
      const downstream = steps.filter((s, i) => i > at(event.to) && i <= at(progress.furthest) && hasArtifact(s));
      const stale = unique([...progress.stale, ...downstream]);
      return {
        ok: true,
        progress: { status: 'active', mode: progress.mode, current: event.to, furthest: progress.furthest, stale },
        effects: [{ type: 'entered_step', step: event.to }],
      };
    }
    case 'artifact_revised': {
      if (at(event.step) < 0)
        return refuse('not_in_mode', `A ${progress.mode.replace('_', ' ')} session has no ${event.step} step.`);
      if (at(event.step) > at(progress.furthest))
        return refuse('out_of_order', `The ${event.step} step has not been reached yet.`);
      const downstream = steps.filter((s, i) => i > at(event.step) && i <= at(progress.furthest) && hasArtifact(s));
      const stale = unique([...progress.stale.filter((s) => s !== event.step), ...downstream]);
      return { ok: true, progress: { ...progress, stale }, effects: [] };
    }
    case 'confirm': {
      if (!progress.stale.includes(event.step))
        return refuse('out_of_order', `The ${event.step} artifact is not stale.`);
      return {
        ok: true,
        progress: { ...progress, stale: progress.stale.filter((s) => s !== event.step) },
        effects: [],
      };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
