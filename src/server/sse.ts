import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { LiveTurn, SequencedEvent } from '../engine/liveTurn.js';
import { NO_STORE, SECURITY_HEADERS } from './protection/index.js';

const encoder = new TextEncoder();

/** One SSE frame. Data is JSON, so it never holds a raw newline; ids and names never do either. */
export function formatSSE(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Written to Node's response directly, past the middleware: the security headers go with them. */
const SSE_HEADERS = {
  ...SECURITY_HEADERS,
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': `${NO_STORE}, no-transform`,
  'x-accel-buffering': 'no',
};

/**
 * At most one write per this many milliseconds while a reply streams. A model's tokens often arrive
 * several to a packet, and each write is a syscall: batching them costs a reader nothing it can see
 * (a 100 Hz refresh) and keeps a turn's writes to a handful. The last frames go out at once.
 */
export const SSE_BATCH_MS = 10;

/** Where a turn's SSE text goes: the Node response itself, or a web stream. */
interface SseSink {
  write(text: string): void;
  /** The last text, and the end of the response. */
  end(text: string): void;
  /** Called once if the client goes away first. */
  onClose(listener: () => void): void;
}

/**
 * Relays the turn's events after `afterSeq` and then live ones into `sink`, batched; ends it at
 * `done`. Closing the connection only unsubscribes this listener: the turn itself runs on.
 */
function relayTurn(turn: LiveTurn, afterSeq: number, sink: SseSink): void {
  let open = true;
  let pending = '';
  let lastWrite = -Infinity;
  let ending = false;
  let timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  const cancelTimer = () => {
    if (timer) {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    }
    timer = null;
  };
  const flush = () => {
    cancelTimer();
    if (!open) return;
    if (ending) {
      open = false;
      unsubscribe();
      sink.end(pending);
    } else if (pending !== '') {
      sink.write(pending);
    }
    pending = '';
    lastWrite = performance.now();
  };
  const schedule = () => {
    if (ending) return flush();
    if (timer) return;
    const wait = lastWrite + SSE_BATCH_MS - performance.now();
    // Same-tick frames go together; after a quiet spell the next frame goes at once.
    timer = wait <= 0 ? setImmediate(flush) : setTimeout(flush, wait);
  };
  let replaying = true;
  const unsubscribe = turn.subscribe(afterSeq, (e: SequencedEvent) => {
    pending += formatSSE(e.type, e.data, e.id);
    if (e.type === 'done') ending = true;
    if (!replaying) schedule();
  });
  replaying = false;
  sink.onClose(() => {
    open = false;
    cancelTimer();
    unsubscribe();
  });
  // What was already there goes out with the response headers, in one write.
  if (turn.isClosed) ending = true;
  flush();
}

/** The turn's events as a web-stream SSE response (any runtime; `app.request` in tests). */
export function turnEventStream(turn: LiveTurn, afterSeq: number, status = 200): Response {
  let cancelListener: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closeListener: (() => void) | null = null;
      relayTurn(turn, afterSeq, {
        write: (text) => controller.enqueue(encoder.encode(text)),
        end: (text) => {
          if (text !== '') controller.enqueue(encoder.encode(text));
          controller.close();
        },
        onClose: (listener) => (closeListener = listener),
      });
      cancelListener = () => closeListener?.();
    },
    cancel() {
      cancelListener();
    },
  });
  return new Response(body, { status, headers: SSE_HEADERS });
}

/**
 * The turn's events for a Hono context. Under @hono/node-server the frames are written to Node's
 * response directly: its bridge from a web ReadableStream body costs about 0.7 ms a streamed request
 * here (bench/: a minimal proxy adds 1.2–1.5 ms through the bridge, 0.5 ms on Node's response), and
 * writing ourselves sends the headers with the first frames and the last frames with the end.
 * Elsewhere (tests calling `app.request`), the same relay feeds a web stream.
 */
export function turnEventResponse(c: Context, turn: LiveTurn, afterSeq: number): Response {
  const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!res) return turnEventStream(turn, afterSeq);
  res.writeHead(200, SSE_HEADERS);
  relayTurn(turn, afterSeq, {
    write: (text) => {
      if (!res.destroyed) res.write(text);
    },
    end: (text) => {
      if (!res.destroyed) res.end(text);
    },
    onClose: (listener) => res.once('close', listener),
  });
  return RESPONSE_ALREADY_SENT;
}

/**
 * The SSE response for a turn that has just been started. The turn's model request is built and
 * written by a chain of promise callbacks (prompt, SDK, fetch) that run before the next event-loop
 * turn; answering at once would put our response head, the first frames and the client's reading of
 * them on the critical path ahead of that request. One `setImmediate` lets the model request leave
 * first, so our own writes overlap the model's latency instead of adding to it (bench/: 0.5 to 1.5 ms a
 * turn with the product as its own process). Nothing is lost meanwhile: the relay replays the turn's
 * events from the start.
 */
export async function startedTurnResponse(c: Context, turn: LiveTurn): Promise<Response> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return turnEventResponse(c, turn, 0);
}

/** A finished stream built from stored data: for a reconnect that arrives after the turn ended. */
export function staticEventStream(frames: ReadonlyArray<{ event: string; data: unknown; id?: string }>): Response {
  const text = frames.map((f) => formatSSE(f.event, f.data, f.id)).join('');
  return new Response(text, { status: 200, headers: SSE_HEADERS });
}
