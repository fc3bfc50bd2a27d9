import { STEP_IDS } from '../../src/domain/index.js';
import { insertRevision, recordModelCall, updateProgress } from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from './fixtures.js';
import type { harness } from './harness.js';

type H = ReturnType<typeof harness>;

/**
 * A completed quarterly session with every artifact, a model call, and (if `said`) an exchange in
 * its transcript, as a real quarter would leave it. Returns the session's id.
 */
export async function workedQuarter(h: H, quarter: string, over: Record<string, unknown> = {}, said?: string) {
  const { session } = await h.createSession({ quarter, ...over });
  if (said) await h.engine.postMessage(session.id, { content: said }).finished;
  recordModelCall(h.db, {
    sessionId: session.id,
    messageId: null,
    purpose: 'draft',
    provider: 'openai',
    model: 'gpt-test',
    tokensIn: 10,
    tokensOut: 20,
    latencyMs: 30,
    outcome: 'ok',
  });
  const q1 = northwindArtifactsQ1();
  for (const step of STEP_IDS) insertRevision(h.db, { sessionId: session.id, step, data: q1[step], source: 'model' });
  updateProgress(h.db, session.id, { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] });
  return session.id;
}

/** How many rows of `table` match `where`. */
export const countRows = (h: Pick<H, 'db'>, table: string, where = '1') =>
  (h.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
