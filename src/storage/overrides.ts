import { StepId, UnmetCondition, type StepOverride } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface OverrideRow {
  id: number;
  session_id: number;
  step: string;
  unmet: string;
  reason: string;
  created_at: string;
}

const fromRow = (r: OverrideRow): StepOverride => ({
  id: r.id,
  sessionId: r.session_id,
  step: StepId.parse(r.step),
  unmet: UnmetCondition.array().parse(JSON.parse(r.unmet)),
  reason: r.reason,
  createdAt: r.created_at,
});

/** Records that a step was left with conditions unmet, with the reason given: kept, never edited. */
export function recordOverride(db: Db, o: Omit<StepOverride, 'id' | 'createdAt'>): StepOverride {
  const row = stmt(
    db,
    'INSERT INTO step_overrides (session_id, step, unmet, reason, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  ).get(o.sessionId, o.step, JSON.stringify(o.unmet), o.reason, now()) as OverrideRow;
  return fromRow(row);
}

/** A session's overrides, oldest first. */
export function listOverrides(db: Db, sessionId: number): StepOverride[] {
  return (
    stmt(db, 'SELECT * FROM step_overrides WHERE session_id = ? ORDER BY id').all(sessionId) as OverrideRow[]
  ).map(fromRow);
}
