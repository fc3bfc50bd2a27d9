import type { StepId } from './stepInfo.js';

/** The explicit actions: buttons in the page, `POST /api/sessions/:id/actions`, or typed as a convenience. */
export const CONVERSATION_ACTIONS = ['next_trend', 'enough', 'skip'] as const;
export type ConversationAction = (typeof CONVERSATION_ACTIONS)[number];

/** The words a command is stored with when it comes from a button: what the transcript shows, and the buttons say. */
export const ACTION_LABELS: Readonly<Record<ConversationAction, string>> = {
  next_trend: 'Next trend',
  enough: "That's enough",
  skip: 'Skip this question',
};

/** The actions a step knows: the dialogue all three; the other steps only skipping a question. */
export function actionsOf(step: StepId): readonly ConversationAction[] {
  return step === 'dialogue' ? CONVERSATION_ACTIONS : ['skip'];
}
