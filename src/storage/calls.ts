import { now, stmt, type Db } from './db.js';

export interface ModelCallRecord {
  sessionId: number;
  messageId: number | null;
  purpose: 'reply' | 'draft' | 'repair' | 'family' | 'critic';
  provider: string;
  model: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number;
  outcome: 'ok' | 'invalid_output' | 'error' | 'aborted';
}

/** One row per call to a model, so cost and latency can be read per call, not only per message. */
export function recordModelCall(db: Db, c: ModelCallRecord): void {
  stmt(
    db,
    'INSERT INTO model_calls (session_id, message_id, purpose, provider, model, tokens_in, tokens_out, latency_ms, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    c.sessionId,
    c.messageId,
    c.purpose,
    c.provider,
    c.model,
    c.tokensIn,
    c.tokensOut,
    Math.round(c.latencyMs),
    c.outcome,
    now(),
  );
}
