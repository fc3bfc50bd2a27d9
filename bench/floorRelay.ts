import type { ServerResponse } from 'node:http';
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Hono } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

/** What the bench's own paths ask the model: the setting's system prompt, `exchanges` earlier exchanges, and the message. */
export interface BenchPrompt {
  readonly systemPrompt: string;
  /** The reply each earlier exchange got. */
  readonly reply: string;
}

/**
 * The messages of a turn `exchanges` deep into a step's conversation, shaped as the product sends
 * them (system, then user and assistant in turns), so every path asks the model the same amount.
 */
export function conversation(prompt: BenchPrompt, exchanges: number, content: string): ChatCompletionMessageParam[] {
  const earlier = Array.from({ length: exchanges }, () => [
    { role: 'user' as const, content },
    { role: 'assistant' as const, content: prompt.reply },
  ]).flat();
  return [{ role: 'system', content: prompt.systemPrompt }, ...earlier, { role: 'user', content }];
}

/**
 * The floor of this stack: a Hono route on @hono/node-server that reads the JSON post, calls the SDK
 * and relays the text as SSE straight to Node's response, storing nothing. What the product adds
 * beyond this is its own: SQLite, the turn, prompts.
 */
export function minimalRelay(sdk: OpenAI, prompt: BenchPrompt): Hono {
  const relay = new Hono();
  relay.post('/relay', async (c) => {
    const { content, exchanges } = await c.req.json<{ content: string; exchanges: number }>();
    const stream = await sdk.chat.completions.create({
      model: 'fake-model',
      stream: true,
      stream_options: { include_usage: true },
      messages: conversation(prompt, exchanges, content),
    });
    const res = (c.env as { outgoing: ServerResponse }).outgoing;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) text += delta;
    }
    res.end(`event: message\ndata: ${JSON.stringify({ content: text })}\n\n`);
    return RESPONSE_ALREADY_SENT;
  });
  return relay;
}
