import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelFacilitator } from '../../src/facilitators/model/modelFacilitator.js';
import { PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import { createChatModel } from '../../src/providers/index.js';
import { harness } from '../support/harness.js';
import { readSSE, type SSEFrame } from '../support/sse.js';
import { OPENAI_CHAT_URL, openAiStreamBody, openAiStreamEvents, replies, scriptedRoute } from '../support/wire.js';

const IDLE_MS = 300;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The whole server on the real OpenAI SDK, against msw, with a short idle timeout. */
function modelServer(script: Parameters<typeof scriptedRoute>[2]) {
  const route = scriptedRoute('post', OPENAI_CHAT_URL, script);
  server.use(route.handler);
  const model = createChatModel({
    kind: 'openai',
    apiKey: 'test-key-not-real',
    model: 'gpt-4.1-mini',
    timeoutMs: 60_000,
    idleTimeoutMs: IDLE_MS,
    maxAttempts: 3,
    retryBaseMs: 1,
  });
  const h = harness(new ModelFacilitator(model, PromptLibrary.load(), 6000));
  return { ...h, route };
}

const frame = (frames: SSEFrame[], event: string) => frames.find((f) => f.event === event)?.data as any;

describe('a reply that stalls mid-answer', () => {
  it('ends within the idle timeout as incomplete, with what it wrote and words to act on, and the next message is accepted', async () => {
    const h = modelServer([
      replies.sseEvents(openAiStreamEvents(['Which lanes ', 'carry most ', 'margin?']).slice(0, 3), 'hang'),
      replies.sse(openAiStreamBody(['Which customers ', 'would you lose first?'])),
    ]);
    const { session } = await h.createSession();

    const started = performance.now();
    const first = await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' });
    expect(first.status).toBe(200);
    const frames = await readSSE(first);
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(IDLE_MS + 2_000);
    expect(frame(frames, 'done')).toEqual({ status: 'incomplete' });
    expect(frame(frames, 'message')).toMatchObject({ content: 'Which lanes carry most ', status: 'incomplete' });
    expect(frame(frames, 'error')).toMatchObject({ kind: 'timeout', retryable: true });
    expect(frame(frames, 'error').message).toMatch(/stopped in the middle of its reply: nothing more came for 300 ms/);

    // The session is free: no 409, the next message is answered.
    const view = await (await h.json('GET', `/api/sessions/${session.id}`)).json();
    expect(view.liveTurn).toBeNull();
    const next = await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Mostly retail.' });
    expect(next.status).toBe(200);
    expect(frame(await readSSE(next), 'done')).toEqual({ status: 'complete' });
    expect(h.route.requests).toHaveLength(2);
  });
});
