import type {
  ConversationAction,
  Message,
  MessageKind,
  MessageRole,
  MessageStatus,
  QuestionFamily,
  StepId,
  TranscriptMessage,
  UserIntent,
} from '../domain/index.js';
import { TypedAnswer } from '../domain/index.js';
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
  question_id: string | null;
  question_family: QuestionFamily | null;
  intent: UserIntent | null;
  action: ConversationAction | null;
  provider: string | null;
  model: string | null;
  prompt_version: string | null;
  tokens_in: number | null;
  tokens_out: number | null;
  prompt_tokens: number | null;
  latency_ms: number | null;
  error: string | null;
  superseded_by: number | null;
  answer: string | null;
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
  questionId: r.question_id,
  questionFamily: r.question_family,
  intent: r.intent,
  action: r.action,
  provider: r.provider,
  model: r.model,
  promptVersion: r.prompt_version,
  tokensIn: r.tokens_in,
  tokensOut: r.tokens_out,
  promptTokens: r.prompt_tokens,
  latencyMs: r.latency_ms,
  error: r.error,
  supersededBy: r.superseded_by,
  answer: answerOf(r.answer),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A stored typed answer, read back through its schema: a row that does not parse is no answer, never a guess. */
function answerOf(json: string | null): TypedAnswer | null {
  if (json === null) return null;
  const parsed = TypedAnswer.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export interface NewMessage {
  sessionId: number;
  step: StepId;
  trendId: string | null;
  role: MessageRole;
  kind: MessageKind;
  content: string;
  status: MessageStatus;
  questionId?: string | null;
  questionFamily?: QuestionFamily | null;
  intent?: UserIntent | null;
  action?: ConversationAction | null;
  /** The values the advisor confirmed in the question's form. */
  answer?: TypedAnswer | null;
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
    questionId: m.questionId ?? null,
    questionFamily: m.questionFamily ?? null,
    intent: m.intent ?? null,
    action: m.action ?? null,
    provider: m.provider ?? null,
    model: m.model ?? null,
    promptVersion: m.promptVersion ?? null,
    tokensIn: null,
    tokensOut: null,
    promptTokens: null,
    latencyMs: null,
    error: null,
    supersededBy: null,
    answer: m.answer ?? null,
    createdAt: t,
    updatedAt: t,
  };
}

/** Writes a drafted message as it is; returns the row as stored. */
export function storeMessage(db: Db, m: Message): Message {
  const row = stmt(
    db,
    `INSERT INTO messages (id, session_id, step, trend_id, role, kind, content, status, question_id, question_family, intent, action,
       provider, model, prompt_version, answer, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(
    m.id,
    m.sessionId,
    m.step,
    m.trendId,
    m.role,
    m.kind,
    m.content,
    m.status,
    m.questionId,
    m.questionFamily,
    m.intent,
    m.action,
    m.provider,
    m.model,
    m.promptVersion,
    m.answer ? JSON.stringify(m.answer) : null,
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
  /** The question the reply asked, when it asked one. */
  questionId?: string | null;
  questionFamily?: QuestionFamily | null;
}

export function finishMessage(db: Db, id: number, f: FinishedReply): Message {
  const row = stmt(
    db,
    `UPDATE messages SET content = ?, status = ?, provider = ?, model = ?, prompt_version = ?, tokens_in = ?, tokens_out = ?,
       prompt_tokens = ?, latency_ms = ?, error = ?, trend_id = COALESCE(?, trend_id), question_id = ?, question_family = ?,
       updated_at = ?
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
    f.questionId ?? null,
    f.questionFamily ?? null,
    now(),
    id,
  ) as MessageRow;
  return toMessage(row);
}

export function getMessage(db: Db, id: number): Message | undefined {
  const row = stmt(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
  return row && toMessage(row);
}

/** The ids of a session's messages: what an artifact's citations are checked against. */
/** Which of `ids` are messages of the session: a lookup per cited id, however long the transcript. */
export function existingMessageIds(db: Db, sessionId: number, ids: readonly number[]): Set<number> {
  const one = stmt(db, 'SELECT id FROM messages WHERE session_id = ? AND id = ?').pluck();
  return new Set(ids.filter((id) => one.get(sessionId, id) !== undefined));
}

export function listMessages(db: Db, sessionId: number): Message[] {
  return (stmt(db, 'SELECT * FROM messages WHERE session_id = ? ORDER BY id').all(sessionId) as MessageRow[]).map(
    toMessage,
  );
}

const TRANSCRIPT_COLUMNS =
  'id, step, trend_id, role, kind, content, status, question_id, question_family, intent, action, superseded_by, answer';
type TranscriptRow = [
  number,
  StepId,
  string | null,
  MessageRole,
  MessageKind,
  string,
  MessageStatus,
  string | null,
  QuestionFamily | null,
  UserIntent | null,
  ConversationAction | null,
  number | null,
  string | null,
];

/** Only the columns a facilitator uses, as arrays rather than row objects (a turn reads them every time). */
const toTranscript = ([
  id,
  step,
  trendId,
  role,
  kind,
  content,
  status,
  questionId,
  questionFamily,
  intent,
  action,
  supersededBy,
  answer,
]: TranscriptRow): TranscriptMessage => ({
  id,
  step,
  trendId,
  role,
  kind,
  content,
  status,
  questionId,
  questionFamily,
  intent,
  action,
  supersededBy,
  answer: answerOf(answer),
});

/** A step's whole conversation, oldest first: what a draft reads. */
export function listStepTranscript(db: Db, sessionId: number, step: StepId): TranscriptMessage[] {
  const rows = stmt(db, `SELECT ${TRANSCRIPT_COLUMNS} FROM messages WHERE session_id = ? AND step = ? ORDER BY id`)
    .raw(true)
    .all(sessionId, step) as TranscriptRow[];
  return rows.map(toTranscript);
}

/**
 * A step's most recent messages, oldest first, up to `limit` (and up to message `upTo` when given):
 * what a turn reads beside the persisted state, so its cost does not grow with the transcript.
 */
export function listRecentStepTranscript(
  db: Db,
  sessionId: number,
  step: StepId,
  limit: number,
  upTo: number = Number.MAX_SAFE_INTEGER,
): TranscriptMessage[] {
  const rows = stmt(
    db,
    `SELECT ${TRANSCRIPT_COLUMNS} FROM messages WHERE session_id = ? AND step = ? AND id <= ? ORDER BY id DESC LIMIT ?`,
  )
    .raw(true)
    .all(sessionId, step, upTo, limit) as TranscriptRow[];
  return rows.reverse().map(toTranscript);
}

/** The user's message, filed again by the facilitator that read it (an offline bank question that voices questions). */
export function setMessageIntent(db: Db, id: number, intent: UserIntent): void {
  stmt(db, 'UPDATE messages SET intent = ? WHERE id = ?').run(intent, id);
}

/** A session's messages, newest page first: up to `limit` before message `before`, returned oldest first. */
export function listMessagesPage(db: Db, sessionId: number, limit: number, before?: number): Message[] {
  return (
    stmt(db, 'SELECT * FROM messages WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT ?').all(
      sessionId,
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as MessageRow[]
  )
    .reverse()
    .map(toMessage);
}

export function listStepMessages(db: Db, sessionId: number, step: StepId): Message[] {
  return (
    stmt(db, 'SELECT * FROM messages WHERE session_id = ? AND step = ? ORDER BY id').all(
      sessionId,
      step,
    ) as MessageRow[]
  ).map(toMessage);
}

/** Marks earlier attempts at a reply as replaced by the retry `by` (written in the retry's own transaction). */
export function supersedeReplies(db: Db, ids: readonly number[], by: number): void {
  const update = stmt(db, 'UPDATE messages SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL');
  for (const id of ids) update.run(by, id);
}

/** Replies that were streaming when the process died are incomplete, not lost: run once on start. */
export function markInterruptedReplies(db: Db): number {
  return stmt(
    db,
    "UPDATE messages SET status = 'incomplete', error = COALESCE(error, 'The server stopped while this reply was being written.'), updated_at = ? WHERE status = 'streaming'",
  ).run(now()).changes;
}
