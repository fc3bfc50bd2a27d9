import type { LiveTurn, SequencedEvent } from '../engine/liveTurn.js';

const encoder = new TextEncoder();

/** One SSE frame. Data is JSON, so it never holds a raw newline; ids and names never do either. */
export function formatSSE(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/**
 * At most one write per this many milliseconds while a reply streams. A model's tokens often arrive
 * several to a packet, and each write is a syscall: batching them costs a reader nothing it can see
 * (a 100 Hz refresh) and keeps a turn's writes to a handful. The last frames go out at once.
 */
export const SSE_BATCH_MS = 10;

/**
 * The turn's events after `afterSeq` and then live ones, as an SSE response. Closing the connection
 * only unsubscribes this listener: the turn itself runs on.
 */
export function turnEventStream(turn: LiveTurn, afterSeq: number, status = 200): Response {
  let unsubscribe: () => void = () => {};
  let open = true;
  let timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  const cancelTimer = () => {
    if (timer) {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    }
    timer = null;
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let pending = '';
      let lastWrite = -Infinity;
      let ending = false;
      const flush = () => {
        cancelTimer();
        if (!open) return;
        if (pending !== '') controller.enqueue(encoder.encode(pending));
        pending = '';
        lastWrite = performance.now();
        if (ending) {
          open = false;
          unsubscribe();
          controller.close();
        }
      };
      const schedule = () => {
        if (ending) return flush();
        if (timer) return;
        const wait = lastWrite + SSE_BATCH_MS - performance.now();
        // Same-tick frames go together; after a quiet spell the next frame goes at once.
        timer = wait <= 0 ? setImmediate(flush) : setTimeout(flush, wait);
      };
      let replaying = true;
      unsubscribe = turn.subscribe(afterSeq, (e: SequencedEvent) => {
        pending += formatSSE(e.type, e.data, e.id);
        if (e.type === 'done') ending = true;
        if (!replaying) schedule();
      });
      replaying = false;
      // What was already there goes out with the response headers, in one write.
      if (turn.isClosed) ending = true;
      flush();
    },
    cancel() {
      open = false;
      cancelTimer();
      unsubscribe();
    },
  });
  return new Response(body, { status, headers: SSE_HEADERS });
}

/**
 * The SSE response for a turn that has just been started. The turn's model request is built and
 * written by a chain of promise callbacks (prompt, SDK, fetch) that run before the next event-loop
 * turn; answering at once would put our response head, the first frames and the client's reading of
 * them on the critical path ahead of that request. One `setImmediate` lets the model request leave
 * first, so our own writes overlap the model's latency instead of adding to it (bench/: 0.5 to 1.5 ms a
 * turn with the product as its own process). Nothing is lost meanwhile: the stream replays the turn's
 * events from the start.
 */
export async function startedTurnStream(turn: LiveTurn): Promise<Response> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return turnEventStream(turn, 0, 200);
}

/** A finished stream built from stored data: for a reconnect that arrives after the turn ended. */
export function staticEventStream(frames: ReadonlyArray<{ event: string; data: unknown; id?: string }>): Response {
  const text = frames.map((f) => formatSSE(f.event, f.data, f.id)).join('');
  return new Response(text, { status: 200, headers: SSE_HEADERS });
}
