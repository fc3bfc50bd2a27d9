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
 * The turn's events after `afterSeq` and then live ones, as an SSE response. Closing the connection
 * only unsubscribes this listener: the turn itself runs on.
 */
export function turnEventStream(turn: LiveTurn, afterSeq: number, status = 200): Response {
  let unsubscribe: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const end = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        controller.close();
      };
      unsubscribe = turn.subscribe(afterSeq, (e: SequencedEvent) => {
        if (!open) return;
        controller.enqueue(encoder.encode(formatSSE(e.type, e.data, e.id)));
        if (e.type === 'done') end();
      });
      // A turn that closed before anything new could be sent (all replayed already): end the stream.
      if (turn.isClosed) queueMicrotask(end);
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(body, { status, headers: SSE_HEADERS });
}

/** A finished stream built from stored data: for a reconnect that arrives after the turn ended. */
export function staticEventStream(frames: ReadonlyArray<{ event: string; data: unknown; id?: string }>): Response {
  const text = frames.map((f) => formatSSE(f.event, f.data, f.id)).join('');
  return new Response(text, { status: 200, headers: SSE_HEADERS });
}
