import { LiveTurn, type TurnKind } from './liveTurn.js';

/** How long a finished turn stays attachable, for a reconnect that arrives just after the end. */
const LINGER_MS = 30_000;

/** The turns in flight, at most one per session: the reason a second post gets 409. */
export class TurnRegistry {
  private readonly live = new Map<number, LiveTurn>();
  private readonly recent = new Map<number, LiveTurn>();

  inFlight(sessionId: number): LiveTurn | undefined {
    return this.live.get(sessionId);
  }

  /** The live turn, or the one that ended moments ago (so a reconnect can still replay it). */
  attachable(sessionId: number): LiveTurn | undefined {
    return this.live.get(sessionId) ?? this.recent.get(sessionId);
  }

  start(turnId: number, sessionId: number, kind: TurnKind): LiveTurn {
    if (this.live.has(sessionId)) throw new Error(`session ${sessionId} already has a turn in flight`);
    const turn = new LiveTurn(turnId, sessionId, kind);
    this.live.set(sessionId, turn);
    void turn.finished.then(() => {
      this.live.delete(sessionId);
      this.recent.set(sessionId, turn);
      setTimeout(() => {
        if (this.recent.get(sessionId) === turn) this.recent.delete(sessionId);
      }, LINGER_MS).unref();
    });
    return turn;
  }

  abortAll(reason: 'shutdown'): Promise<void[]> {
    const turns = [...this.live.values()];
    for (const t of turns) t.abort(reason);
    return Promise.all(turns.map((t) => t.finished));
  }
}
