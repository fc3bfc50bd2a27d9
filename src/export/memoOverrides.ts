/**
 * Where the session moved on with gaps: for each step, what it still lacks of what the method asks
 * before a step is left, and every time the advisor moved on anyway, with the date and the reason.
 * Said in plain words in every format of the memo; a session that lacks nothing shows no section.
 */
import { STEPS, endSentence, stepsOf, type StepId, type StepOverride } from '../domain/index.js';
import { mdText } from './format.js';
import type { ExportInput } from './types.js';

export const MOVED_ON_TITLE = 'Where we moved on with gaps';

/** One line per step that lacks something or was left by an override, in the session's step order. */
export interface MovedOnStep {
  readonly step: StepId;
  /** What the step lacks now. */
  readonly open: readonly string[];
  readonly overrides: ReadonlyArray<{
    readonly day: string;
    readonly reason: string;
    /** What was missing when the step was left and is no longer said among `open`. */
    readonly since: readonly string[];
  }>;
}

export function movedOnSteps(input: ExportInput): MovedOnStep[] {
  const overrides = input.overrides ?? [];
  const gaps = input.openGaps ?? {};
  return stepsOf(input.session.mode).flatMap((step) => {
    const open = (gaps[step] ?? []).map((c) => c.message);
    const mine = overrides.filter((o) => o.step === step);
    if (open.length === 0 && mine.length === 0) return [];
    return [
      {
        step,
        open,
        overrides: mine.map((o: StepOverride) => ({
          day: o.createdAt.slice(0, 10),
          reason: o.reason,
          since: o.unmet.map((c) => c.message).filter((m) => !open.includes(m)),
        })),
      },
    ];
  });
}

/** An override in words: "Moved on anyway on 2026-12-06: ‘reason’." */
export function overrideText(o: MovedOnStep['overrides'][number], show: (text: string) => string = (t) => t): string {
  const then = o.since.length > 0 ? ` Missing then: ${o.since.map(show).join(' ')}` : '';
  return `${endSentence(`Moved on anyway on ${o.day}: ‘${show(o.reason)}’`)}${then}`;
}

/** The section's Markdown body, or null when no step lacks anything and nothing was overridden. */
export function movedOnSection(input: ExportInput): string | null {
  const steps = movedOnSteps(input);
  if (steps.length === 0) return null;
  return [
    'The method asks for these before a step is left. The session moved on without them; they are gaps, not findings.',
    ...steps.map((s) =>
      [
        `**${STEPS[s.step].title}**`,
        '',
        ...s.open.map((m) => `- ${mdText(m)}`),
        ...s.overrides.map((o) => `- ${overrideText(o, mdText)}`),
      ].join('\n'),
    ),
  ].join('\n\n');
}
