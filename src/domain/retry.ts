import type { Message } from './transcript.js';

/** What Retry needs to know of a step's messages. */
type Turn = Pick<Message, 'id' | 'role' | 'kind' | 'status' | 'supersededBy'>;

/** The user's last message in a step's conversation, and the replies written to it since, oldest first. */
export function repliesToLastMessage<M extends Turn>(stepMessages: readonly M[]): { asked: M; replies: M[] } | null {
  const asked = stepMessages.filter((m) => m.role === 'user').at(-1);
  if (!asked) return null;
  return {
    asked,
    replies: stepMessages.filter((m) => m.id > asked.id && m.role === 'assistant' && m.kind === 'chat'),
  };
}

/** The earlier attempts a Retry replaces: every reply to the user's last message not replaced already. */
export function attemptsToReplace<M extends Turn>(stepMessages: readonly M[]): M[] {
  return repliesToLastMessage(stepMessages)?.replies.filter((m) => m.supersededBy === null) ?? [];
}

/**
 * The reply that Retry would write again, offered after a reload or a restart: the latest answer to
 * the user's last message, when it failed or was cut short. A reply the user stopped is their choice
 * and not offered (Retry still accepts it).
 */
export function retryableReply<M extends Turn>(stepMessages: readonly M[]): M | null {
  const reply = repliesToLastMessage(stepMessages)?.replies.at(-1);
  return reply && (reply.status === 'failed' || reply.status === 'incomplete') ? reply : null;
}
