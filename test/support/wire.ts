/**
 * The providers' real wire formats, for msw handlers: OpenAI chat completions (JSON and SSE chunks)
 * and Anthropic messages (JSON and SSE events). The real SDKs parse these, so a test that passes here
 * exercises the same code paths as a live call.
 *
 * Usage:
 *   const route = scriptedRoute('post', OPENAI_CHAT_URL, [replies.status(429, openAiErrorBody('slow down')), replies.sse(openAiStreamBody(['Hi'], usage))]);
 *   server.use(route.handler);
 *   ... route.requests.length, route.requests[1]?.body
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export const OPENAI_CHAT_URL = 'https://api.openai.com/v1/chat/completions';
export const ANTHROPIC_MESSAGES_URL = 'https://api.anthropic.com/v1/messages';

export interface WireUsage {
  readonly input: number;
  readonly output: number;
}

export interface ToolCall {
  readonly name: string;
  /** The arguments: an object, or a raw string (to send malformed JSON). */
  readonly args: unknown;
}

const argsText = (args: unknown) => (typeof args === 'string' ? args : JSON.stringify(args));

// ---------- OpenAI chat completions ----------

/** A non-streamed chat.completion: plain text content, or one forced tool call. */
export function openAiJsonCompletion(
  reply: string | { readonly toolCall: ToolCall },
  usage: WireUsage = { input: 10, output: 5 },
  model = 'gpt-4.1-mini',
) {
  const message =
    typeof reply === 'string'
      ? { role: 'assistant', content: reply, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: [
            {
              id: 'call_test_1',
              type: 'function',
              function: { name: reply.toolCall.name, arguments: argsText(reply.toolCall.args) },
            },
          ],
        };
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: typeof reply === 'string' ? 'stop' : 'tool_calls' }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    service_tier: 'default',
    system_fingerprint: 'fp_test',
  };
}

function openAiChunk(delta: object, finishReason: string | null, model: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    system_fingerprint: 'fp_test',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  };
}

/**
 * The SSE events of a streamed chat completion, one string per `data:` event:
 * a role chunk, one chunk per text piece, the finish chunk, the usage chunk (stream_options.include_usage) and [DONE].
 * Slice it to cut a stream short.
 */
export function openAiStreamEvents(
  textChunks: readonly string[],
  usage: WireUsage | null = { input: 10, output: 5 },
  options: { finishReason?: string; model?: string } = {},
): string[] {
  const model = options.model ?? 'gpt-4.1-mini';
  const events = [openAiChunk({ role: 'assistant', content: '', refusal: null }, null, model)];
  for (const text of textChunks) events.push(openAiChunk({ content: text }, null, model));
  events.push(openAiChunk({}, options.finishReason ?? 'stop', model));
  const lines = events.map((e) => `data: ${JSON.stringify(e)}\n\n`);
  if (usage) {
    const usageChunk = {
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [],
      usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    };
    lines.push(`data: ${JSON.stringify(usageChunk)}\n\n`);
  }
  lines.push('data: [DONE]\n\n');
  return lines;
}

/** The whole SSE body of a streamed chat completion. */
export function openAiStreamBody(
  textChunks: readonly string[],
  usage: WireUsage | null = { input: 10, output: 5 },
  options: { finishReason?: string; model?: string } = {},
): string {
  return openAiStreamEvents(textChunks, usage, options).join('');
}

/** OpenAI's error body, e.g. for a 429 or 500. */
export function openAiErrorBody(message: string, code: string | null = null, type = 'invalid_request_error') {
  return { error: { message, type, param: null, code } };
}

// ---------- Anthropic messages ----------

/** A non-streamed message: text, or one tool_use block (what forced tool use returns). */
export function anthropicJsonMessage(
  reply: string | { readonly toolUse: ToolCall },
  usage: WireUsage = { input: 10, output: 5 },
  model = 'claude-sonnet-4-5',
) {
  const content =
    typeof reply === 'string'
      ? [{ type: 'text', text: reply }]
      : [
          {
            type: 'tool_use',
            id: 'toolu_test_1',
            name: reply.toolUse.name,
            input: typeof reply.toolUse.args === 'string' ? JSON.parse(reply.toolUse.args) : reply.toolUse.args,
          },
        ];
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: typeof reply === 'string' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

const anthropicEvent = (data: { type: string }) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * The SSE events of a streamed message with text blocks, one string per event. As the real API does,
 * message_start carries a preliminary output count (`startOutput`, 1 by default) and message_delta the final total.
 */
export function anthropicStreamEvents(
  textChunks: readonly string[],
  usage: WireUsage = { input: 10, output: 5 },
  options: { stopReason?: string; model?: string; startOutput?: number } = {},
): string[] {
  const events = [
    anthropicEvent({
      type: 'message_start',
      message: {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        model: options.model ?? 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: usage.input,
          output_tokens: options.startOutput ?? 1,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    } as { type: string }),
    anthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } as {
      type: string;
    }),
    anthropicEvent({ type: 'ping' }),
  ];
  for (const text of textChunks)
    events.push(
      anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } } as {
        type: string;
      }),
    );
  events.push(
    anthropicEvent({ type: 'content_block_stop', index: 0 } as { type: string }),
    anthropicEvent({
      type: 'message_delta',
      delta: { stop_reason: options.stopReason ?? 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output },
    } as { type: string }),
    anthropicEvent({ type: 'message_stop' }),
  );
  return events;
}

export function anthropicStreamBody(
  textChunks: readonly string[],
  usage: WireUsage = { input: 10, output: 5 },
  options: { stopReason?: string; model?: string; startOutput?: number } = {},
): string {
  return anthropicStreamEvents(textChunks, usage, options).join('');
}

/** A streamed tool_use block: the arguments arrive as input_json_delta pieces. */
export function anthropicToolStreamBody(
  toolUse: ToolCall,
  usage: WireUsage = { input: 10, output: 5 },
  pieces = 3,
): string {
  const json = argsText(toolUse.args);
  const size = Math.ceil(json.length / pieces);
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += size) parts.push(json.slice(i, i + size));
  return [
    anthropicEvent({
      type: 'message_start',
      message: {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    } as { type: string }),
    anthropicEvent({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_test_1', name: toolUse.name, input: {} },
    } as { type: string }),
    ...parts.map((p) =>
      anthropicEvent({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: p },
      } as { type: string }),
    ),
    anthropicEvent({ type: 'content_block_stop', index: 0 } as { type: string }),
    anthropicEvent({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: usage.output },
    } as { type: string }),
    anthropicEvent({ type: 'message_stop' }),
  ].join('');
}

/** Anthropic's error body, e.g. type "rate_limit_error", "overloaded_error", "api_error". */
export function anthropicErrorBody(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: 'req_test' };
}

// ---------- Responses ----------

/** One scripted reply: a factory, because a Response body can be read only once. */
export type Reply = () => Response | Promise<Response>;

const encoder = new TextEncoder();

export const replies = {
  json:
    (body: unknown, status = 200, headers: Record<string, string> = {}): Reply =>
    () =>
      HttpResponse.json(body as Record<string, unknown>, { status, headers }),
  status:
    (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
    () =>
      HttpResponse.json(body as Record<string, unknown>, { status, headers }),
  /**
   * A whole SSE body at once, as a stream already closed. (A string body would do on the wire, but
   * under msw cancelling a string body never settles, so a client that stops reading early hangs.)
   */
  sse:
    (body: string): Reply =>
    () =>
      new HttpResponse(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(body));
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      ),
  /**
   * SSE events sent one by one (`gapMs` apart), then: 'close' ends the body cleanly (a stream cut short
   * without its finish), 'error' errors the body (a dropped connection), 'hang' keeps it open until the client aborts.
   * Measured under msw: a client must abort a 'hang' stream through its fetch signal; cancelling the
   * body instead (breaking out of the loop) never settles, because msw keeps a tee'd clone of every mocked body.
   */
  sseEvents:
    (events: readonly string[], end: 'close' | 'error' | 'hang' = 'close', gapMs = 0): Reply =>
    () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const e of events) {
            controller.enqueue(encoder.encode(e));
            if (gapMs > 0) await new Promise<void>((r) => (timer = setTimeout(r, gapMs)));
          }
          if (end === 'close') controller.close();
          else if (end === 'error') {
            // Erroring a stream discards what is still queued: let the client read the events first.
            await new Promise<void>((r) => (timer = setTimeout(r, 20)));
            controller.error(new Error('connection reset by test'));
          }
          // 'hang': leave it open; cancel() runs when the client aborts.
        },
        cancel() {
          if (timer) clearTimeout(timer);
        },
      });
      return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
    },
  /** `reply`, after `ms` (to test timeouts). */
  delayed:
    (ms: number, reply: Reply): Reply =>
    async () => {
      await new Promise((r) => setTimeout(r, ms));
      return reply();
    },
  /** A network failure (the fetch rejects). */
  networkError: (): Reply => () => HttpResponse.error() as unknown as Response,
};

export interface RecordedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (null when not JSON). */
  readonly body: any;
}

export interface ScriptedRoute {
  readonly handler: HttpHandler;
  /** Every request seen, in order. */
  readonly requests: RecordedRequest[];
}

/**
 * A route answering with `script` in order; when the script runs out, its last reply repeats
 * (so "always 500" is a one-entry script). Every request is recorded; assert on `requests.length`.
 */
export function scriptedRoute(method: 'post' | 'get', url: string, script: readonly Reply[]): ScriptedRoute {
  if (script.length === 0) throw new Error('scriptedRoute needs at least one reply');
  let n = 0;
  return respondingRoute(method, url, () => script[Math.min(n++, script.length - 1)]!);
}

/**
 * A route that answers each request from its parsed body: a streamed reply, a tool call, an error.
 * For a dialogue, where a reply's stream is followed by the small call that files its family.
 */
export function respondingRoute(method: 'post' | 'get', url: string, respond: (body: any) => Reply): ScriptedRoute {
  const requests: RecordedRequest[] = [];
  const handler = http[method](url, async ({ request }) => {
    const text = await request.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    requests.push({ url: request.url, headers: Object.fromEntries(request.headers.entries()), body });
    return respond(body)();
  });
  return { handler, requests };
}

/** The tool an OpenAI request forces (a structured call), or null for a plain or streamed reply. */
export const openAiToolName = (body: any): string | null => body?.tools?.[0]?.function?.name ?? null;
