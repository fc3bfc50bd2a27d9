import type { Database } from 'better-sqlite3';
import {
  classifyUserMessage,
  conversationFromMessages,
  type MessageKind,
  type MessageRole,
  type MessageStatus,
  type StepId,
} from '../domain/index.js';

interface OldRow {
  id: number;
  session_id: number;
  step: StepId;
  trend_id: string | null;
  role: MessageRole;
  kind: MessageKind;
  content: string;
  status: MessageStatus;
}

/**
 * Migration 8's data: every user message filed as it would be filed today (answer, question back or
 * command), then each step's conversation state built from its messages. Runs once, inside the
 * migration's transaction; it reads the messages step by step, never all at once.
 */
export function backfillConversations(db: Database): void {
  const steps = db.prepare('SELECT DISTINCT session_id AS sessionId, step FROM messages').all() as Array<{
    sessionId: number;
    step: StepId;
  }>;
  const read = db.prepare(
    'SELECT id, session_id, step, trend_id, role, kind, content, status FROM messages WHERE session_id = ? AND step = ? ORDER BY id',
  );
  const file = db.prepare('UPDATE messages SET intent = ?, action = ? WHERE id = ?');
  const save = db.prepare('INSERT INTO conversation_state (session_id, step, state, updated_at) VALUES (?, ?, ?, ?)');
  const at = new Date().toISOString();
  for (const { sessionId, step } of steps) {
    const rows = read.all(sessionId, step) as OldRow[];
    const messages = rows.map((r) => {
      const filed = r.role === 'user' ? classifyUserMessage(r.content, r.step) : null;
      if (filed) file.run(filed.intent, filed.action, r.id);
      return {
        id: r.id,
        role: r.role,
        kind: r.kind,
        trendId: r.trend_id,
        content: r.content,
        status: r.status,
        questionId: null,
        questionFamily: null,
        intent: filed?.intent ?? null,
        action: filed?.action ?? null,
      };
    });
    save.run(sessionId, step, JSON.stringify(conversationFromMessages(messages)), at);
  }
}
