/** The stack's floor (floorRelay.ts) as its own process, as the product runs under `npm start`; prints its URL. */
import { serve } from '@hono/node-server';
import OpenAI from 'openai';
import type { AddressInfo } from 'node:net';
import { minimalRelay } from './floorRelay.js';

const sdk = new OpenAI({ apiKey: process.env.FAKE_KEY ?? '', baseURL: process.env.FAKE_URL, maxRetries: 0 });
const server = serve({
  fetch: minimalRelay(sdk, { systemPrompt: process.env.SYSTEM_PROMPT ?? '', reply: process.env.FAKE_REPLY ?? '' })
    .fetch,
  port: 0,
  hostname: '127.0.0.1',
});
server.once('listening', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
