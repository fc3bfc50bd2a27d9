import { z } from 'zod';
import type { Db } from './db.js';
import { reserveMessageIds } from './messages.js';
import {
  CurrencyCode,
  INDUSTRY_PROFILES,
  REGIONS,
  ProgressSchema,
  ProvenanceMap,
  Quarter,
  Readings,
  QuestionFamily,
  SessionMode,
  StepId,
  UnmetCondition,
  safeParseArtifact,
} from '../domain/index.js';

/**
 * Every table of the database, in one place: a table either belongs to the user's work and is
 * listed in TABLES (backed up, restored, purged from the trash with its sessions), or is listed in
 * EXCLUDED_TABLES with the reason. test/storage/tables.test.ts lists the database's tables and
 * columns and fails when one is in neither, so whoever adds a table or a column decides here. A table
 * holding a secret (an access token, or its hash) is always EXCLUDED: an archive leaves the machine.
 *
 * A row is described as stored, column by column (snake_case, the stored values as they are), so an
 * archive holds every column. A column added later gets `.default(…)` in its row schema, so an
 * archive written before it still restores; a table added later is simply absent from older archives.
 */
export interface TableSpec {
  readonly name: string;
  /** One stored row, every column (test/storage/tables.test.ts compares these with the table's). */
  readonly row: z.ZodObject;
  /** Columns holding the id of a row of another listed table: remapped to the new ids on restore. */
  readonly refs: Readonly<Record<string, TableName>>;
  /**
   * The rows that belong to the clients in `:clients` or the sessions in `:sessions` (each a JSON
   * array of ids): what a client's backup holds, and what purging these from the trash deletes.
   */
  readonly scope: string;
  /** A check beyond the columns' types (an artifact's data against its step's schema); a message or null. */
  readonly check?: (row: Record<string, unknown>) => string | null;
  /**
   * Ids held inside a JSON column (a message id in a conversation event): rewritten to the restored
   * rows' ids. `newId` throws when the row it names is not in the archive.
   */
  readonly embeddedIds?: (row: Record<string, unknown>, newId: (table: TableName, old: number) => number) => void;
  /** Ids for restored rows, when the store hands them out itself (messages: see reserveMessageIds). */
  readonly reserveIds?: (db: Db, count: number) => number[];
}

const id = z.number().int().positive();
const text = z.string();
const time = z.string().min(1);
const nullable = <T extends z.ZodType>(t: T) => t.nullable();
const count = z.number().int().nonnegative().nullable();

/** Text that must hold JSON; `what` says what it holds, for the message. */
function jsonText(what: string, inner: z.ZodType = z.unknown()) {
  return z.string().superRefine((value, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not ${what} (not valid JSON)` });
      return;
    }
    const result = inner.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      ctx.addIssue({ code: 'custom', message: `is not ${what}: ${issue.path.join('.') || '(top)'}: ${issue.message}` });
    }
  });
}

const inSessions = 'session_id IN (SELECT value FROM json_each(:sessions))';

/** An artifact's data (of a revision or a proposal) against its step's schema: a message, or null. */
function artifactProblem(row: Record<string, unknown>): string | null {
  const parsed = safeParseArtifact(row.step as StepId, JSON.parse(row.data as string));
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `data.${issue.path.join('.')}: ${issue.message} (not a valid ${row.step as string} artifact)`;
}

export const TABLES = [
  {
    name: 'clients',
    row: z.strictObject({
      id,
      name: text.min(1),
      industry: text,
      created_at: time,
      archived_at: nullable(time).default(null),
      deleted_at: nullable(time).default(null),
      currency: nullable(CurrencyCode).default(null),
      profile_industry: nullable(z.enum(INDUSTRY_PROFILES)).default(null),
      profile_region: nullable(z.enum(REGIONS)).default(null),
    }),
    refs: {},
    scope: 'id IN (SELECT value FROM json_each(:clients))',
  },
  {
    name: 'sessions',
    row: z.strictObject({
      id,
      client_id: id,
      quarter: Quarter,
      mode: SessionMode,
      title: nullable(text),
      progress: jsonText("a session's progress", ProgressSchema),
      created_at: time,
      updated_at: time,
      deleted_at: nullable(time).default(null),
    }),
    refs: { client_id: 'clients' },
    scope: 'id IN (SELECT value FROM json_each(:sessions))',
  },
  {
    name: 'messages',
    row: z.strictObject({
      id,
      session_id: id,
      step: StepId,
      trend_id: nullable(text),
      role: z.enum(['user', 'assistant']),
      kind: z.enum(['chat', 'opening', 'draft']),
      content: text,
      status: z.enum(['complete', 'streaming', 'incomplete', 'stopped', 'failed']),
      provider: nullable(text),
      model: nullable(text),
      prompt_version: nullable(text),
      tokens_in: count,
      tokens_out: count,
      prompt_tokens: count,
      latency_ms: count,
      error: nullable(text),
      created_at: time,
      updated_at: time,
      question_id: nullable(text).default(null),
      question_family: nullable(QuestionFamily).default(null),
      intent: nullable(z.enum(['answer', 'question_back', 'command'])).default(null),
      action: nullable(z.enum(['next_trend', 'enough', 'skip'])).default(null),
      superseded_by: nullable(id).default(null),
      answer: nullable(text).default(null),
    }),
    refs: { session_id: 'sessions', superseded_by: 'messages' },
    scope: inSessions,
    reserveIds: reserveMessageIds,
  },
  {
    name: 'proposals',
    row: z.strictObject({
      id,
      session_id: id,
      step: StepId,
      data: jsonText('an artifact'),
      provenance: jsonText("a draft's provenance", ProvenanceMap),
      base_revision: nullable(z.number().int().positive()),
      provider: text.min(1),
      model: nullable(text),
      prompt_version: nullable(text),
      message_id: nullable(id),
      status: z.enum(['open', 'accepted', 'discarded', 'superseded']),
      rejected: jsonText('a list of rejected items', z.array(z.string())),
      readings: jsonText('the values read from the chat', Readings).default('[]'),
      created_at: time,
      closed_at: nullable(time),
    }),
    refs: { session_id: 'sessions', message_id: 'messages' },
    scope: inSessions,
    check: (row) => artifactProblem(row),
    // Each reading names the message it was read from: restored messages get new ids.
    embeddedIds: (row, newId) => {
      const readings = JSON.parse(row.readings as string) as Array<{ messageId: number }>;
      row.readings = JSON.stringify(readings.map((r) => ({ ...r, messageId: newId('messages', r.messageId) })));
    },
  },
  {
    name: 'artifacts',
    row: z.strictObject({
      id,
      session_id: id,
      step: StepId,
      revision: z.number().int().positive(),
      data: jsonText('an artifact'),
      source: z.enum(['model', 'offline', 'user', 'carried']),
      provider: nullable(text),
      model: nullable(text),
      prompt_version: nullable(text),
      message_id: nullable(id),
      carried_from: nullable(id),
      created_at: time,
      provenance: nullable(jsonText("a revision's provenance", ProvenanceMap)).default(null),
      proposal_id: nullable(id).default(null),
      restored_from: nullable(z.number().int().positive()).default(null),
    }),
    refs: { session_id: 'sessions', message_id: 'messages', carried_from: 'sessions', proposal_id: 'proposals' },
    scope: inSessions,
    check: (row) => artifactProblem(row),
  },
  {
    name: 'model_calls',
    row: z.strictObject({
      id,
      session_id: id,
      message_id: nullable(id),
      purpose: text.min(1),
      provider: text.min(1),
      model: nullable(text),
      tokens_in: count,
      tokens_out: count,
      latency_ms: z.number().int().nonnegative(),
      outcome: text.min(1),
      created_at: time,
    }),
    refs: { session_id: 'sessions', message_id: 'messages' },
    scope: inSessions,
  },
  {
    name: 'conversation_events',
    row: z.strictObject({
      id,
      session_id: id,
      step: StepId,
      message_id: nullable(id),
      event: jsonText('a conversation event', z.object({ type: z.string() }).loose()),
      created_at: time,
    }),
    refs: { session_id: 'sessions', message_id: 'messages' },
    scope: inSessions,
    embeddedIds: (row, newId) => {
      const event = JSON.parse(row.event as string) as { messageId?: unknown };
      if (typeof event.messageId !== 'number') return;
      row.event = JSON.stringify({ ...event, messageId: newId('messages', event.messageId) });
    },
  },
  {
    // One row per step, keyed by (session_id, step): no id of its own. The domain keeps no zod schema
    // of the state; it is checked to be a JSON object, and its last question's message id is remapped.
    name: 'conversation_state',
    row: z.strictObject({
      session_id: id,
      step: StepId,
      state: jsonText("a step's conversation state", z.object({}).loose()),
      updated_at: time,
    }),
    refs: { session_id: 'sessions' },
    scope: inSessions,
    embeddedIds: (row, newId) => {
      const state = JSON.parse(row.state as string) as { lastQuestion?: { messageId?: unknown } | null };
      const last = state.lastQuestion;
      if (!last || typeof last.messageId !== 'number') return;
      row.state = JSON.stringify({ ...state, lastQuestion: { ...last, messageId: newId('messages', last.messageId) } });
    },
  },
  {
    name: 'step_overrides',
    row: z.strictObject({
      id,
      session_id: id,
      step: StepId,
      unmet: jsonText('the conditions unmet when the step was left', z.array(UnmetCondition)),
      reason: text.min(1),
      created_at: time,
    }),
    refs: { session_id: 'sessions' },
    scope: inSessions,
  },
] as const satisfies readonly TableSpec[];

export type TableName =
  | 'clients'
  | 'sessions'
  | 'messages'
  | 'proposals'
  | 'artifacts'
  | 'model_calls'
  | 'conversation_events'
  | 'conversation_state'
  | 'step_overrides';

/** Tables that are not the user's work, and why: derived data rebuilt from the rows, or secrets. */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  messages_fts: 'the search index: rebuilt from the messages',
  messages_fts_data: 'the search index (FTS5 shadow table)',
  messages_fts_idx: 'the search index (FTS5 shadow table)',
  messages_fts_docsize: 'the search index (FTS5 shadow table)',
  messages_fts_config: 'the search index (FTS5 shadow table)',
  messages_fts_pending: 'the queue of messages still to index: restored messages are queued again',
  access_token: 'a secret: the hash of the access token, never exported',
  access_sessions: 'secrets: the hashes of browser sessions, never exported',
  access_failures: "this server's record of failed sign-ins, not the user's work",
};

/** SQLite's own tables (sqlite_sequence, sqlite_stat1…) belong to the file, not to the work. */
export const isInternalTable = (name: string) => name.startsWith('sqlite_');
