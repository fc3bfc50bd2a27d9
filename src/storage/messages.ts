import type { Message, MessageKind, MessageRole, MessageStatus, StepId, TranscriptMessage } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface MessageRow {
  id: number;
  session_id: number;
  step: StepId;
  trend_id: string | null;
  role: MessageRole;
  kind: MessageKind;
  content: string;
  status: MessageStatus;
  provider: string | null;
  model: string | null;
  prompt_version: string | null;
  tokens_in: number | null;
  tokens_out: number | null;
  prompt_tokens: number | null;
  latency_ms: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  sessionId: r.session_id,
  step: r.step,
  trendId: r.trend_id,
  role: r.role,
  kind: r.kind,
  content: r.content,
  status: r.status,
  provider: r.provider,
  model: r.model,
  promptVersion: r.prompt_version,
  tokensIn: r.tokens_in,
  tokensOut: r.tokens_out,
  promptTokens: r.prompt_tokens,
  latencyMs: r.latency_ms,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewMessage {
  sessionId: number;
  step: StepId;
  trendId: string | null;
  role: MessageRole;
  kind: MessageKind;
  content: string;
  status: MessageStatus;
  provider?: string | null;
  model?: string | null;
  promptVersion?: string | null;
}

/**
 * Ids for messages not written yet. A turn knows its rows' ids before it writes them, so its model
 * request can leave first and the write overlap the model's latency (Engine.startTurn). Every insert
 * here takes its id from this counter, and the counter never falls behind the table, so a reserved id
 * is never taken by another insert of this process. One process writes a database at a time.
 */
const nextIds = new WeakMap<Db, number>();

export function reserveMessageIds(db: Db, count: number): number[] {
  const { maxId } = stmt(db, 'SELECT COALESCE(MAX(id), 0) AS maxId FROM messages').get() as { maxId: number };
  const first = Math.max(nextIds.get(db) ?? 0, maxId + 1);
  nextIds.set(db, first + count);
  return Array.from({ length: count }, (_, i) => first + i);
}

/** A message as it will be stored: its id reserved and its times set, nothing written yet. */
export function draftMessage(db: Db, m: NewMessage, id = reserveMessageIds(db, 1)[0]!): Message {
  const t = now();
  return {
    id,
    sessionId: m.sessionId,
    step: m.step,
    trendId: m.trendId,
    role: m.role,
    kind: m.kind,
    content: m.content,
    status: m.status,
    provider: m.provider ?? null,
    model: m.model ?? null,
    promptVersion: m.promptVersion ?? null,
    tokensIn: null,
    tokensOut: null,
    promptTokens: null,
    latencyMs: null,
    error: null,
    createdAt: t,
    updatedAt: t,
  };
}

/** Writes a drafted message as it is; returns the row as stored. */
export function storeMessage(db: Db, m: Message): Message {
  const row = stmt(
    db,
    `INSERT INTO messages (id, session_id, step, trend_id, role, kind, content, status, provider, model, prompt_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(
    m.id,
    m.sessionId,
    m.step,
    m.trendId,
    m.role,
    m.kind,
    m.content,
    m.status,
    m.provider,
    m.model,
    m.promptVersion,
    m.createdAt,
    m.updatedAt,
  ) as MessageRow;
  return toMessage(row);
}

export function insertMessage(db: Db, m: NewMessage): Message {
  return storeMessage(db, draftMessage(db, m));
}

/** The partial text of a reply still streaming: written in batches, so a crash keeps what came. */
export function savePartialContent(db: Db, id: number, content: string): void {
  stmt(db, "UPDATE messages SET content = ?, updated_at = ? WHERE id = ? AND status = 'streaming'").run(
    content,
    now(),
    id,
  );
}

export interface FinishedReply {
  content: string;
  status: Exclude<MessageStatus, 'streaming'>;
  provider: string;
  model: string | null;
  promptVersion: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  promptTokens: number | null;
  latencyMs: number | null;
  error: string | null;
  /** A reply may learn its trend only once it is generated (the dialogue moving to the next trend). */
  trendId?: string | null;
}

export function finishMessage(db: Db, id: number, f: FinishedReply): Message {
  const row = stmt(
    db,
    `UPDATE messages SET content = ?, status = ?, provider = ?, model = ?, prompt_version = ?, tokens_in = ?, tokens_out = ?,
       prompt_tokens = ?, latency_ms = ?, error = ?, trend_id = COALESCE(?, trend_id), updated_at = ?
     WHERE id = ? RETURNING *`,
  ).get(
    f.content,
    f.status,
    f.provider,
    f.model,
    f.promptVersion,
    f.tokensIn,
    f.tokensOut,
    f.promptTokens,
    f.latencyMs,
    f.error,
    f.trendId ?? null,
    now(),
    id,
  ) as MessageRow;
  return toMessage(row);
}

export function getMessage(db: Db, id: number): Message | undefined {
  const row = stmt(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
  return row && toMessage(row);
}

export function listMessages(db: Db, sessionId: number): Message[] {
  return (stmt(db, 'SELECT * FROM messages WHERE session_id = ? ORDER BY id').all(sessionId) as MessageRow[]).map(
    toMessage,
  );
}

/** One step's conversation, oldest first: what a turn reads, so a turn's cost does not grow with the session. */
type TranscriptRow = [number, StepId, string | null, MessageRole, MessageKind, string, MessageStatus];

/**
 * A step's conversation as a facilitator reads it, read on every turn: only the columns it uses, as
 * arrays rather than row objects (a third of the time of listStepMessages for a 40-message step).
 */
export function listStepTranscript(db: Db, sessionId: number, step: StepId): TranscriptMessage[] {
  const rows = stmt(
    db,
    'SELECT id, step, trend_id, role, kind, content, status FROM messages WHERE session_id = ? AND step = ? ORDER BY id',
  )
    .raw(true)
    .all(sessionId, step) as TranscriptRow[];
  return rows.map(([id, rowStep, trendId, role, kind, content, status]) => ({
    id,
    step: rowStep,
    trendId,
    role,
    kind,
    content,
    status,
  }));
}

export function listStepMessages(db: Db, sessionId: number, step: StepId): Message[] {
  return (
    stmt(db, 'SELECT * FROM messages WHERE session_id = ? AND step = ? ORDER BY id').all(
      sessionId,
      step,
    ) as MessageRow[]
  ).map(toMessage);
}

/** Replies that were streaming when the process died are incomplete, not lost: run once on start. */
export function markInterruptedReplies(db: Db): number {
  return stmt(
    db,
    "UPDATE messages SET status = 'incomplete', error = COALESCE(error, 'The server stopped while this reply was being written.'), updated_at = ? WHERE status = 'streaming'",
  ).run(now()).changes;
}

/** What the user wrote about each trend in the dialogue, oldest first: the domain counts the answers among it. */
export function listUserDialogueMessages(db: Db, sessionId: number): Array<{ trendId: string; content: string }> {
  return stmt(
    db,
    "SELECT trend_id AS trendId, content FROM messages WHERE session_id = ? AND step = 'dialogue' AND role = 'user' AND trend_id IS NOT NULL ORDER BY id",
  ).all(sessionId) as Array<{ trendId: string; content: string }>;
}
