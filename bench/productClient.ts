/** The bench's client of the product's HTTP API: how it posts, and a turn as a user's post and its streamed reply. */
import http from 'node:http';
import type { Message } from '../src/domain/index.js';

/** A new session every so many turns, as a step's conversation is in real use. */
export const TURNS_PER_SESSION = 20;
export const MESSAGE = 'We broker freight.';

/** An HTTP client for the product's API: posts JSON, returns the whole body (an SSE stream ends with the turn). */
export type Post = (url: string, body: unknown) => Promise<string>;

/** Node's own http client on a keep-alive socket: the leanest client, so the time is the product's, not the client's. */
const nodeHttpAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
export const postWithNodeHttp: Post = (url, body) =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: nodeHttpAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });

/** fetch (undici): what a script would use; it costs the client more per request than node:http. */
export const postWithFetch: Post = async (url, body) =>
  (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  ).text();

/**
 * Turns through the product's HTTP API at `base`, a new session every TURNS_PER_SESSION turns; each
 * checks that the reply came back stored as `reply`, and hands the stored message to `onStored`.
 */
export function productTurns(base: string, post: Post, reply: string, onStored: (message: Message) => void = () => {}) {
  let sessionId = 0;
  let turnsInSession = TURNS_PER_SESSION;
  return {
    async turn(): Promise<number> {
      if (turnsInSession >= TURNS_PER_SESSION) {
        // The same client and quarter every time, on purpose: the product refuses a second quarterly
        // session for a quarter unless asked for one (allowDuplicate).
        const created = await post(`${base}/api/sessions`, {
          clientName: 'Bench Client',
          industry: 'Logistics',
          quarter: '2027-Q1',
          allowDuplicate: true,
        });
        const parsed = JSON.parse(created) as { session?: { id: number }; error?: { message: string } };
        if (!parsed.session)
          throw new Error(`The bench could not create a session: ${parsed.error?.message ?? created}`);
        sessionId = parsed.session.id;
        turnsInSession = 0;
      }
      turnsInSession++;
      const t0 = performance.now();
      const body = await post(`${base}/api/sessions/${sessionId}/messages`, { content: MESSAGE });
      const elapsed = performance.now() - t0;
      // The `message` event carries the row as stored (UPDATE … RETURNING), before `done` is sent.
      const stored = /event: message\ndata: (.*)\n/.exec(body);
      const message = stored ? (JSON.parse(stored[1]!) as Message) : null;
      if (message?.status !== 'complete' || message.content !== reply)
        throw new Error(`reply not stored: ${body.slice(0, 300)}`);
      onStored(message);
      return elapsed;
    },
    /** Reads the last session's transcript back: every reply is there. */
    async check(): Promise<void> {
      const { messages } = (await (await fetch(`${base}/api/sessions/${sessionId}/messages`)).json()) as {
        messages: Message[];
      };
      const replies = messages.filter((m) => m.role === 'assistant' && m.kind === 'chat' && m.status === 'complete');
      if (replies.length !== turnsInSession)
        throw new Error(`a reply is missing from the transcript (${replies.length} of ${turnsInSession})`);
    },
  };
}
