import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on loopback that speaks OpenAI's chat-completions wire format (JSON and SSE):
 * for the crash test, the browser tests and the bench, where the product runs as its own process
 * and msw (in-process) cannot reach it.
 */
export interface FakeReply {
  /** Streamed or returned as message content. */
  text?: string;
  /** Structured output: returned as JSON content (response_format) or as a tool call (tools). */
  json?: unknown;
  /** Split text into this many characters per chunk. */
  chunkChars?: number;
  /** Pause between chunks. */
  delayMs?: number;
  /** Answer with this HTTP status and an OpenAI error body instead. */
  status?: number;
  /** Stream this many characters, then send nothing more and hold the connection open (a stall mid-answer). */
  stallAfterChars?: number;
}

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: unknown }>;
  response_format?: { type: string; json_schema?: { name: string } };
  tools?: Array<{ function: { name: string } }>;
  tool_choice?: unknown;
}

export type Responder = (request: ChatRequest) => FakeReply;

export interface FakeOpenAi {
  readonly url: string;
  readonly requests: ChatRequest[];
  respond: Responder;
  close(): Promise<void>;
}

export function structuredName(request: ChatRequest): string | null {
  return request.response_format?.json_schema?.name ?? request.tools?.[0]?.function.name ?? null;
}

export async function startFakeOpenAi(respond: Responder, options: { record?: boolean } = {}): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = [];
  const state = { respond };
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(e), type: 'server_error' } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'test' }] }));
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    if (options.record !== false) requests.push(body);
    const reply = state.respond(body);
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } }));
      return;
    }
    const id = `chatcmpl-fake${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const toolName = body.tools?.[0]?.function.name;
    const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
    const usage = {
      prompt_tokens: 42,
      completion_tokens: Math.max(1, Math.ceil(content.length / 4)),
      total_tokens: 42 + Math.ceil(content.length / 4),
    };

    if (!body.stream) {
      const message =
        reply.json !== undefined && toolName
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'call_1', type: 'function', function: { name: toolName, arguments: content } }],
              refusal: null,
            }
          : { role: 'assistant', content, refusal: null };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message,
              logprobs: null,
              finish_reason: reply.json !== undefined && toolName ? 'tool_calls' : 'stop',
            },
          ],
          usage,
        }),
      );
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (delta: unknown, finish: string | null = null) =>
      send({
        id,
        object: 'chat.completion.chunk',
        created,
        model: body.model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      });
    chunk({ role: 'assistant', content: '' });
    const size = reply.chunkChars ?? 12;
    for (let i = 0; i < content.length; i += size) {
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed || (reply.stallAfterChars !== undefined && i >= reply.stallAfterChars)) return;
      chunk({ content: content.slice(i, i + size) });
    }
    chunk({}, 'stop');
    send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get respond() {
      return state.respond;
    },
    set respond(r: Responder) {
      state.respond = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
