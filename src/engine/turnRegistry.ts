import { LiveTurn, type TurnKind } from './liveTurn.js';

/** How long a finished turn stays attachable, for a reconnect that arrives just after the end. */
export const LINGER_MS = 30_000;

/** The turns in flight, at most one per session: the reason a second post gets 409. */
export class TurnRegistry {
  private readonly live = new Map<number, LiveTurn>();
  /** One ended turn per session, with the timer that forgets it; a newer turn's end replaces both. */
  private readonly recent = new Map<number, { readonly turn: LiveTurn; readonly timer: NodeJS.Timeout }>();

  inFlight(sessionId: number): LiveTurn | undefined {
    return this.live.get(sessionId);
  }

  /** The live turn, or the one that ended moments ago (so a reconnect can still replay it). */
  attachable(sessionId: number): LiveTurn | undefined {
    return this.live.get(sessionId) ?? this.recent.get(sessionId)?.turn;
  }

  start(turnId: number, sessionId: number, kind: TurnKind): LiveTurn {
    if (this.live.has(sessionId)) throw new Error(`session ${sessionId} already has a turn in flight`);
    const turn = new LiveTurn(turnId, sessionId, kind);
    this.live.set(sessionId, turn);
    void turn.finished.then(() => {
      this.live.delete(sessionId);
      // The timer must not hold the turn: a busy session would otherwise keep every turn of the last
      // LINGER_MS alive, all their events with them (measured: ~13 KB a turn, and slower scavenges).
      const previous = this.recent.get(sessionId);
      if (previous) clearTimeout(previous.timer);
      const timer = setTimeout(() => this.recent.delete(sessionId), LINGER_MS).unref();
      this.recent.set(sessionId, { turn, timer });
    });
    return turn;
  }

  async abortAll(reason: 'shutdown'): Promise<void> {
    const turns = [...this.live.values()];
    for (const t of turns) t.abort(reason);
    await Promise.all(turns.map((t) => t.finished));
  }
}
