import type { Message } from '../domain/index.js';
import type { ProposalView } from './artifactReview.js';

/** What a turn tells its listeners; `id` is "<turnId>.<seq>", the SSE event id a reconnect resumes from. */
export type TurnEvent =
  | {
      readonly type: 'turn';
      readonly data: {
        turnId: number;
        kind: TurnKind;
        step: string;
        userMessage: Message | null;
        assistantMessageId: number;
      };
    }
  | { readonly type: 'delta'; readonly data: { text: string } }
  | {
      readonly type: 'artifact';
      readonly data: { step: string; revision: number; source: string; createdAt: string; data: unknown };
    }
  /** A draft stored as a proposal for review, with its changes against the current revision. */
  | { readonly type: 'proposal'; readonly data: ProposalView }
  | { readonly type: 'message'; readonly data: Message }
  | { readonly type: 'error'; readonly data: TurnError }
  | { readonly type: 'done'; readonly data: { status: Message['status'] } };

/** A turn's failure: words a person can act on; `details` (a validator's findings) are for the log, not the message. */
export interface TurnError {
  readonly kind: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: readonly string[];
}

export type SequencedEvent = TurnEvent & { readonly id: string; readonly seq: number };

export type TurnKind = 'reply' | 'draft';

/** Why a turn was aborted: the user pressed stop, the server is shutting down, or its rows could not be written. */
export type AbortReason = 'stopped' | 'shutdown' | 'not_stored';

type Listener = (event: SequencedEvent) => void;

/**
 * One turn in flight, independent of any HTTP connection: it keeps every event it emitted so a
 * listener that attaches late (a reload, a second tab, a reconnect with Last-Event-ID) gets exactly
 * what it missed, then the live rest.
 */
export class LiveTurn {
  readonly turnId: number;
  readonly sessionId: number;
  readonly kind: TurnKind;
  private readonly events: SequencedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly controller = new AbortController();
  private closed = false;
  private abortReason: AbortReason | null = null;
  private readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;

  constructor(turnId: number, sessionId: number, kind: TurnKind) {
    this.turnId = turnId;
    this.sessionId = sessionId;
    this.kind = kind;
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get abortedBecause(): AbortReason | null {
    return this.abortReason;
  }

  /** Resolves when the turn has emitted its last event. */
  get finished(): Promise<void> {
    return this.closedPromise;
  }

  emit(event: TurnEvent): void {
    if (this.closed) return;
    const seq = this.events.length + 1;
    const sequenced = { ...event, seq, id: `${this.turnId}.${seq}` } as SequencedEvent;
    this.events.push(sequenced);
    for (const listener of this.listeners) listener(sequenced);
  }

  abort(reason: AbortReason): void {
    if (this.closed || this.abortReason) return;
    this.abortReason = reason;
    this.controller.abort(reason);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.resolveClosed();
  }

  /**
   * Replays the events after `afterSeq`, then follows live ones until the turn closes or `unsubscribe`
   * is called. Replay and follow are one synchronous step, so nothing can slip between them.
   */
  subscribe(afterSeq: number, listener: Listener): () => void {
    for (const e of this.events) if (e.seq > afterSeq) listener(e);
    if (this.closed) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Parses a Last-Event-ID of ours ("<turnId>.<seq>"); anything else means "from the start". */
export function parseEventId(value: string | undefined | null): { turnId: number; seq: number } | null {
  const m = /^(\d+)\.(\d+)$/.exec(value?.trim() ?? '');
  return m ? { turnId: Number(m[1]), seq: Number(m[2]) } : null;
}
