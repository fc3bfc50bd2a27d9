import { openAiTestModel } from '../support/models.js';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelFacilitator } from '../../src/facilitators/model/modelFacilitator.js';
import { PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import { harness } from '../support/harness.js';
import { readSSE, type SSEFrame } from '../support/sse.js';
import {
  OPENAI_CHAT_URL,
  openAiJsonCompletion,
  openAiStreamBody,
  openAiStreamEvents,
  replies,
  scriptedRoute,
} from '../support/wire.js';

const IDLE_MS = 300;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The whole server on the real OpenAI SDK, against msw; a short idle timeout unless told otherwise. */
function modelServer(script: Parameters<typeof scriptedRoute>[2], idleTimeoutMs = IDLE_MS) {
  const route = scriptedRoute('post', OPENAI_CHAT_URL, script);
  server.use(route.handler);
  const model = openAiTestModel({ timeoutMs: 60_000, idleTimeoutMs, maxAttempts: 3 });
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

describe('Retry after a cut reply', () => {
  it('sends the model one answer to the message, the retry, while the cut attempt stays stored, marked', async () => {
    const h = modelServer(
      [
        replies.sseEvents(openAiStreamEvents(['Which lanes ', 'carry most ', 'margin?']).slice(0, 3), 'error'),
        replies.sse(openAiStreamBody(['Which customers ', 'would you lose first?'])),
        replies.sse(openAiStreamBody(['Who decides on a new carrier?'])),
      ],
      10_000,
    );
    const { session } = await h.createSession();
    const path = `/api/sessions/${session.id}`;

    const cut = await readSSE(await h.json('POST', `${path}/messages`, { content: 'We broker freight.' }));
    const cutReply = frame(cut, 'message');
    expect(cutReply).toMatchObject({ status: 'incomplete', content: 'Which lanes carry most ' });
    expect(frame(cut, 'error').message).toMatch(/broke in the middle of its reply/);
    expect((await (await h.json('GET', path)).json()).retryableReplyId).toBe(cutReply.id);

    const retried = await readSSE(await h.json('POST', `${path}/retry`));
    const retryReply = frame(retried, 'message');
    expect(retryReply).toMatchObject({ status: 'complete', content: 'Which customers would you lose first?' });
    expect((await (await h.json('GET', path)).json()).retryableReplyId).toBeNull();

    await readSSE(await h.json('POST', `${path}/messages`, { content: 'Mostly retail.' }));
    const sent = h.route.requests[2]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent.filter((m) => m.role !== 'system').map(unlabelled)).toEqual([
      { role: 'user', content: 'We broker freight.' },
      { role: 'assistant', content: 'Which customers would you lose first?' },
      { role: 'user', content: 'Mostly retail.' },
    ]);
    expect(JSON.stringify(h.route.requests[2]!.body)).not.toContain('Which lanes carry most');

    // Nothing lost: the cut attempt is still in the transcript, marked as replaced by the retry.
    const { messages } = await (await h.json('GET', `${path}/messages`)).json();
    expect(messages.find((m: { id: number }) => m.id === cutReply.id)).toMatchObject({
      status: 'incomplete',
      content: 'Which lanes carry most ',
      supersededBy: retryReply.id,
    });
    expect(messages.find((m: { id: number }) => m.id === retryReply.id).supersededBy).toBeNull();
  });

  it('replaces every earlier attempt when a retry fails and the next one succeeds', async () => {
    const h = modelServer(
      [
        replies.sseEvents(openAiStreamEvents(['Which lanes ', 'carry most ', 'margin?']).slice(0, 3), 'error'),
        replies.status(400, { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }),
        replies.sse(openAiStreamBody(['Which customers would you lose first?'])),
        replies.sse(openAiStreamBody(['Who decides on a new carrier?'])),
      ],
      10_000,
    );
    const { session } = await h.createSession();
    const path = `/api/sessions/${session.id}`;
    await readSSE(await h.json('POST', `${path}/messages`, { content: 'We broker freight.' }));
    const failed = frame(await readSSE(await h.json('POST', `${path}/retry`)), 'message');
    expect(failed.status).toBe('failed');
    expect((await (await h.json('GET', path)).json()).retryableReplyId).toBe(failed.id);
    const good = frame(await readSSE(await h.json('POST', `${path}/retry`)), 'message');
    await readSSE(await h.json('POST', `${path}/messages`, { content: 'Mostly retail.' }));

    const sent = h.route.requests[3]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent.filter((m) => m.role === 'assistant').map((m) => unlabelled(m).content)).toEqual([
      `Which customers would you lose first?`,
    ]);
    expect(sent.find((m) => m.role === 'assistant')!.content).toBe(
      `[m${good.id} · you] Which customers would you lose first?`,
    );
    const { messages } = await (await h.json('GET', `${path}/messages`)).json();
    expect(
      messages.filter((m: { supersededBy: number | null }) => m.supersededBy !== null).map((m: any) => m.supersededBy),
    ).toEqual([failed.id, good.id]);
  });
});

describe('a draft the model cannot shape', () => {
  it("says so in plain words, keeping the validator's findings out of the message and in the details", async () => {
    const invalid = openAiJsonCompletion({ toolCall: { name: 'context', args: { company: 42 } } });
    const h = modelServer([replies.json(invalid)], 10_000);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/draft`));
    const error = frame(frames, 'error');
    expect(error).toMatchObject({ kind: 'invalid_output', retryable: true });
    expect(error.message).toBe(
      'The model answered, but not in the form asked for, even after it was asked once to correct it. Nothing was stored: try again, or edit it by hand.',
    );
    expect(error.details.length).toBeGreaterThan(0);
    expect(error.details.join(' ')).toMatch(/expected|required|invalid/i);
    expect(frame(frames, 'message').error).toBe(error.message);
    expect(h.route.requests).toHaveLength(2); // the draft and its one correction
  });
});

/** A message as sent, without the label the prompt puts before it ("[m5 · you] "). */
function unlabelled(m: { role: string; content: string }) {
  return { role: m.role, content: m.content.replace(/^\[m\d+[^\]]*\] /, '') };
}
