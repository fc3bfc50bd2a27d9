import {
  citedMessageIds,
  danglingReferences,
  describeDangling,
  invalid,
  type ArtifactOf,
  type ArtifactSet,
  type KnownIds,
  type StepId,
} from '../domain/index.js';
import * as store from '../storage/index.js';
import type { Db } from '../storage/index.js';

/**
 * Refuses an artifact (a hand edit, a draft, an accepted proposal) that cites an id the session does
 * not hold: a 422 naming the first such field and the id. `data` has passed the step's schema.
 */
export function refuseDanglingReferences(
  db: Db,
  sessionId: number,
  step: StepId,
  data: unknown,
  artifacts = store.latestArtifacts(db, sessionId),
): void {
  const dangling = danglingReferences(
    step,
    data as ArtifactOf<StepId>,
    knownIds(db, sessionId, artifacts, [{ step, data }]),
  );
  if (dangling.length > 0)
    throw invalid(describeDangling(dangling), dangling[0]!.field, { danglingReferences: dangling });
}

/** What the session holds that `citing` may cite: its artifacts, and which of the messages they cite exist. */
export function knownIds(
  db: Db,
  sessionId: number,
  artifacts: ArtifactSet,
  citing: ReadonlyArray<{ step: StepId; data: unknown }>,
): KnownIds {
  return { artifacts, messageIds: store.existingMessageIds(db, sessionId, citedMessageIds(citing)) };
}
