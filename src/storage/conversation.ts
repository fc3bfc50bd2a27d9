import { EMPTY_CONVERSATION, type ConversationEvent, type ConversationState, type StepId } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

/** A step's conversation state as last stored; the empty state for a step nobody has spoken in. */
export function getConversationState(db: Db, sessionId: number, step: StepId): ConversationState {
  const row = stmt(db, 'SELECT state FROM conversation_state WHERE session_id = ? AND step = ?')
    .pluck()
    .get(sessionId, step) as string | undefined;
  return row ? (JSON.parse(row) as ConversationState) : EMPTY_CONVERSATION;
}

export function saveConversationState(db: Db, sessionId: number, step: StepId, state: ConversationState): void {
  stmt(
    db,
    `INSERT INTO conversation_state (session_id, step, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id, step) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(sessionId, step, JSON.stringify(state), now());
}

/** An explicit action or a filing, kept as it happened (messages keep the rest: what was asked, what was said). */
export function recordConversationEvent(
  db: Db,
  sessionId: number,
  step: StepId,
  messageId: number | null,
  event: ConversationEvent,
): void {
  stmt(
    db,
    'INSERT INTO conversation_events (session_id, step, message_id, event, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(sessionId, step, messageId, JSON.stringify(event), now());
}

export interface StoredConversationEvent {
  readonly id: number;
  readonly step: StepId;
  readonly messageId: number | null;
  readonly event: ConversationEvent;
  readonly createdAt: string;
}

export function listConversationEvents(db: Db, sessionId: number): StoredConversationEvent[] {
  const rows = stmt(
    db,
    'SELECT id, step, message_id AS messageId, event, created_at AS createdAt FROM conversation_events WHERE session_id = ? ORDER BY id',
  ).all(sessionId) as Array<Omit<StoredConversationEvent, 'event'> & { event: string }>;
  return rows.map((r) => ({ ...r, event: JSON.parse(r.event) as ConversationEvent }));
}
