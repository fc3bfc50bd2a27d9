import type { ServerResponse } from 'node:http';
import type OpenAI from 'openai';
import { Hono } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

/**
 * The floor of this stack: a Hono route on @hono/node-server that reads the JSON post, calls the SDK
 * and relays the text as SSE straight to Node's response, storing nothing. What the product adds
 * beyond this is its own: SQLite, the turn, prompts.
 */
export function minimalRelay(sdk: OpenAI, systemPrompt: string): Hono {
  const relay = new Hono();
  relay.post('/relay', async (c) => {
    const { content } = await c.req.json<{ content: string }>();
    const stream = await sdk.chat.completions.create({
      model: 'fake-model', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'system', content: systemPrompt }, { role: 'user', content }],
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
