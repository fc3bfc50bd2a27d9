import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/index.js';
import { getMessage, listMessages } from '../../src/storage/index.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { deltaText, readSSE } from '../support/sse.js';
import { minimal } from '../support/minimal.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `);

describe('the turn pipeline', () => {
  it('streams the reply as SSE: turn, deltas, the stored message, done', async () => {
    const f = new ScriptedFacilitator();
    const h = harness(f);
    const { session } = await h.createSession();
    const res = await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const frames = await readSSE(res);
    expect(frames.map((fr) => fr.event)).toEqual(['turn', 'delta', 'delta', 'message', 'done']);
    expect(frames.map((fr) => fr.id)).toEqual(
      frames.map((_, i) => `${(frames[0]!.data as { turnId: number }).turnId}.${i + 1}`),
    );
    const stored = frames[3]!.data as Message;
    expect(stored).toMatchObject({
      content: 'Hello there.',
      status: 'complete',
      provider: 'openai',
      model: 'scripted-1',
      promptVersion: 'context/reply@1',
      tokensIn: 10,
    });
    const transcript = listMessages(h.db, session.id);
    expect(transcript.map((m) => [m.role, m.kind, m.content])).toEqual([
      ['assistant', 'opening', 'Opening of context'],
      ['user', 'chat', 'We broker freight.'],
      ['assistant', 'chat', 'Hello there.'],
    ]);
  });

  it("sends the model request before writing the turn's rows, then stores them exactly as announced", async () => {
    const f = new ScriptedFacilitator();
    const h = harness(f);
    const { session } = await h.createSession();
    const seenAtRequest: Array<Message | undefined> = [];
    const reply = f.reply.bind(f);
    f.reply = (input, signal) => {
      // The facilitator is asked in the same event-loop turn as the post: the user's message is not written yet.
      seenAtRequest.push(getMessage(h.db, input.transcript.at(-1)!.id));
      return reply(input, signal);
    };
    const frames = await readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' }),
    );
    expect(seenAtRequest).toEqual([undefined]);
    const announced = frames[0]!.data as { userMessage: Message; assistantMessageId: number };
    expect(f.calls[0]!.input.transcript.at(-1)).toEqual(announced.userMessage);
    expect(getMessage(h.db, announced.userMessage.id)).toEqual(announced.userMessage);
    expect(getMessage(h.db, announced.assistantMessageId)).toMatchObject({
      content: 'Hello there.',
      status: 'complete',
    });
  });

  it('ends the turn with an error and aborts the model request when its rows cannot be written', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(20), delayMs: 5 };
    const h = harness(f);
    const { session } = await h.createSession();
    const before = listMessages(h.db, session.id);
    const turn = h.engine.postMessage(session.id, { content: 'We broker freight.' });
    // Something else takes the reply's reserved id before the turn writes its rows.
    h.db
      .prepare(
        "INSERT INTO messages (id, session_id, step, role, kind, content, status, created_at, updated_at) VALUES (?, ?, 'context', 'user', 'chat', 'squatter', 'complete', 'now', 'now')",
      )
      .run(turn.turnId, session.id);
    const frames = await readSSE(await h.app.request(`/api/sessions/${session.id}/stream`));
    expect(frames.map((fr) => fr.event)).toEqual(['error', 'done']);
    expect(frames[0]!.data).toMatchObject({ kind: 'internal', message: expect.stringMatching(/could not be saved/) });
    expect(frames[1]!.data).toEqual({ status: 'failed' });
    expect(turn.signal.aborted).toBe(true);
    expect(turn.abortedBecause).toBe('not_stored');
    expect(f.calls[0]!.input.transcript.at(-1)!.content).toBe('We broker freight.');
    // The rolled-back write left nothing of the turn; the session takes the next message.
    expect(listMessages(h.db, session.id).map((m) => m.content)).toEqual([...before.map((m) => m.content), 'squatter']);
    expect(h.engine.turns.inFlight(session.id)).toBeUndefined();
    const next = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Again.' }));
    expect(next.at(-1)!.data).toEqual({ status: 'complete' });
  });

  it('ends a turn whose facilitator fails at once as failed, and takes the next one (no unhandled rejection)', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: ['never'], failAfter: 0 };
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' }),
    );
    expect(frames.map((fr) => fr.event)).toEqual(['turn', 'message', 'error', 'done']);
    expect(frames.at(-1)!.data).toEqual({ status: 'failed' });
    const draft = await readSSE(await h.json('POST', `/api/sessions/${session.id}/draft`));
    expect(draft.at(-1)!.data).toEqual({ status: 'failed' });
    f.script = { chunks: ['Fine.'] };
    const next = await readSSE(await h.json('POST', `/api/sessions/${session.id}/retry`));
    expect(next.at(-1)!.data).toEqual({ status: 'complete' });
  });

  it('ends a turn whose finished reply cannot be written with an error, and the server goes on', async () => {
    const f = new ScriptedFacilitator();
    const h = harness(f);
    const { session } = await h.createSession();
    h.db.exec(
      "CREATE TRIGGER refuse_finish BEFORE UPDATE OF status ON messages WHEN new.status = 'complete' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;",
    );
    const frames = await readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' }),
    );
    expect(frames.map((fr) => fr.event)).toEqual(['turn', 'delta', 'delta', 'error', 'done']);
    expect(frames.at(-2)!.data).toMatchObject({
      kind: 'internal',
      message: expect.stringMatching(/could not be saved/),
    });
    const user = (frames[0]!.data as { userMessage: Message }).userMessage;
    expect(getMessage(h.db, user.id)!.content).toBe('We broker freight.');
    h.db.exec('DROP TRIGGER refuse_finish');
    const next = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Again.' }));
    expect(next.at(-1)!.data).toEqual({ status: 'complete' });
  });

  it('keeps generating when the client disconnects, and a reconnect with Last-Event-ID gets exactly the rest', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(40), delayMs: 3 };
    const h = harness(f);
    const { session } = await h.createSession();
    const first = await readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Go on.' }),
      (fr) => fr.length >= 6,
    );
    const lastId = first.at(-1)!.id!;
    const rest = await readSSE(
      await h.app.request(`/api/sessions/${session.id}/stream`, { headers: { 'last-event-id': lastId } }),
    );
    const streamed = deltaText(first) + deltaText(rest);
    expect(streamed).toBe(words(40).join(''));
    const ids = [...first, ...rest].map((fr) => fr.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = rest.find((fr) => fr.event === 'message')!.data as Message;
    expect(stored.content).toBe(streamed);
    expect(getMessage(h.db, stored.id)!.content).toBe(streamed);
  });

  it('lets a second tab attach to the same live stream from the start', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(10), delayMs: 2 };
    const h = harness(f);
    const { session } = await h.createSession();
    const post = h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Hi' });
    const tabA = readSSE(await post);
    const tabB = readSSE(await h.app.request(`/api/sessions/${session.id}/stream`));
    const [a, b] = await Promise.all([tabA, tabB]);
    expect(deltaText(a)).toBe(words(10).join(''));
    expect(deltaText(b)).toBe(deltaText(a));
  });

  it('after the reply has ended, a reconnect gets the stored message; with nothing in flight it says idle', async () => {
    const f = new ScriptedFacilitator();
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Hi' }));
    const turnId = (frames[0]!.data as { turnId: number }).turnId;
    // Beyond the linger window the turn is only in SQLite:
    const fresh = harness(f, { db: h.db });
    const late = await readSSE(
      await fresh.app.request(`/api/sessions/${session.id}/stream`, { headers: { 'last-event-id': `${turnId}.2` } }),
    );
    expect(late.map((fr) => fr.event)).toEqual(['message', 'done']);
    expect((late[0]!.data as Message).content).toBe('Hello there.');
    const idle = await readSSE(await fresh.app.request(`/api/sessions/${session.id}/stream`));
    expect(idle.map((fr) => fr.event)).toEqual(['idle']);
  });

  it('answers 409 to a post while a reply is in flight, and stores nothing for it', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(20), delayMs: 5 };
    const h = harness(f);
    const { session } = await h.createSession();
    const live = readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'First' }));
    const before = listMessages(h.db, session.id).length;
    const second = await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Second' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(/still being written/);
    expect(listMessages(h.db, session.id)).toHaveLength(before);
    await live;
  });

  it('stops on request and stores the partial reply as stopped', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(200), delayMs: 2 };
    const h = harness(f);
    const { session } = await h.createSession();
    const stream = readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Tell me everything' }),
    );
    await new Promise((r) => setTimeout(r, 30));
    expect((await h.json('POST', `/api/sessions/${session.id}/stop`)).status).toBe(202);
    const frames = await stream;
    const stored = frames.find((fr) => fr.event === 'message')!.data as Message;
    expect(stored.status).toBe('stopped');
    expect(stored.content.length).toBeGreaterThan(0);
    expect(stored.content).toBe(deltaText(frames));
    expect(words(200).join('').startsWith(stored.content)).toBe(true);
    expect(frames.some((fr) => fr.event === 'error')).toBe(false);
    expect((await h.json('POST', `/api/sessions/${session.id}/stop`)).status).toBe(409);
    // The session goes on.
    f.script = { chunks: ['Next.'] };
    const next = await readSSE(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Shorter, please' }),
    );
    expect(deltaText(next)).toBe('Next.');
  });

  it('keeps the partial text of a stream cut by the provider, marked incomplete, with a readable error', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: ['Partial ', 'answer ', 'never ', 'finished'], failAfter: 2 };
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Go' }));
    const stored = frames.find((fr) => fr.event === 'message')!.data as Message;
    expect(stored).toMatchObject({ status: 'incomplete', content: 'Partial answer ' });
    expect(frames.find((fr) => fr.event === 'error')!.data).toMatchObject({ kind: 'network', retryable: true });
    expect(
      listMessages(h.db, session.id)
        .filter((m) => m.role === 'user')
        .map((m) => m.content),
    ).toEqual(['Go']);
  });

  it('answers the last message again after a cut reply, without storing the message twice', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: ['Half ', 'of it', '…'], failAfter: 1 };
    const h = harness(f);
    const { session } = await h.createSession();
    await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Our margin is 11%.' }));
    f.script = { chunks: ['What drives ', 'the margin?'] };
    const again = await readSSE(await h.json('POST', `/api/sessions/${session.id}/retry`));
    expect(deltaText(again)).toBe('What drives the margin?');
    const transcript = listMessages(h.db, session.id);
    expect(transcript.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['Our margin is 11%.']);
    expect(
      transcript.filter((m) => m.role === 'assistant' && m.kind === 'chat').map((m) => [m.status, m.content]),
    ).toEqual([
      ['incomplete', 'Half '],
      ['complete', 'What drives the margin?'],
    ]);
    // The retry read the conversation up to the message it answers, not the cut attempt.
    expect(f.calls.at(-1)!.input.transcript.at(-1)!.content).toBe('Our margin is 11%.');
    const refusedRetry = await h.json('POST', `/api/sessions/${session.id}/retry`);
    expect(refusedRetry.status).toBe(409);
    expect(((await refusedRetry.json()) as { error: { message: string } }).error.message).toMatch(
      /already has a complete reply/,
    );
  });

  it('names the reply in flight in a 409, so another tab can attach to it', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(20), delayMs: 5 };
    const h = harness(f);
    const { session } = await h.createSession();
    const live = readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'First' }));
    const busy = await h.json('POST', `/api/sessions/${session.id}/draft`);
    expect(busy.status).toBe(409);
    const { error } = (await busy.json()) as { error: { details: { liveTurn: { turnId: number; kind: string } } } };
    const frames = await live;
    expect(error.details.liveTurn).toEqual({ turnId: (frames[0]!.data as { turnId: number }).turnId, kind: 'reply' });
  });

  it('writes the partial text to SQLite while it streams, in batches', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: words(60), delayMs: 3 };
    const h = harness(f, { flushIntervalMs: 25 });
    const { session } = await h.createSession();
    const stream = readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'Go' }));
    await new Promise((r) => setTimeout(r, 90));
    const midway = listMessages(h.db, session.id).at(-1)!;
    expect(midway.status).toBe('streaming');
    expect(midway.content.length).toBeGreaterThan(0);
    expect(midway.content.length).toBeLessThan(words(60).join('').length);
    await stream;
  });

  it('stores an artifact a reply produces as a new revision and sends it on the stream', async () => {
    const f = new ScriptedFacilitator();
    f.script = { chunks: ['Noted.'], artifact: minimal.context() };
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'ARR $8M' }));
    expect(frames.map((fr) => fr.event)).toEqual(['turn', 'delta', 'artifact', 'message', 'done']);
    expect(frames[2]!.data).toMatchObject({ step: 'context', revision: 1, source: 'model' });
    const view = (await (await h.app.request(`/api/sessions/${session.id}`)).json()) as {
      advanceBlockedBy: string | null;
    };
    expect(view.advanceBlockedBy).toBeNull();
  });

  it('drafts the step artifact as a turn of its own', async () => {
    const f = new ScriptedFacilitator();
    f.draftResult = () => ({
      artifact: minimal.context(),
      note: 'Drafted the context.',
      usage: { tokensIn: 5, tokensOut: 5 },
      promptVersion: 'context/extractor@1',
      promptTokens: 5,
      calls: [],
    });
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/draft`));
    expect(frames.map((fr) => fr.event)).toEqual(['turn', 'delta', 'proposal', 'message', 'done']);
    expect(frames[3]!.data as Message).toMatchObject({
      kind: 'draft',
      content: 'Drafted the context.',
      status: 'complete',
    });
    // A draft is a proposal: nothing is the context until it is accepted.
    expect(frames[2]!.data).toMatchObject({
      step: 'context',
      currentRevision: null,
      messageId: (frames[3]!.data as Message).id,
    });
    const before = (await (await h.app.request(`/api/sessions/${session.id}`)).json()) as { artifacts: object };
    expect(before.artifacts).toEqual({});
    const accepted = await h.json('POST', `/api/sessions/${session.id}/artifacts/context/accept`, {});
    expect(((await accepted.json()) as { revision: { data: unknown } }).revision.data).toEqual(minimal.context());
  });

  it('reports a draft that fails validation as an error and stores no revision', async () => {
    const f = new ScriptedFacilitator();
    f.draftResult = () => ({
      artifact: { summary: '' },
      note: 'x',
      usage: { tokensIn: null, tokensOut: null },
      promptVersion: 'v',
      promptTokens: null,
      calls: [],
    });
    const h = harness(f);
    const { session } = await h.createSession();
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/draft`));
    expect(frames.find((fr) => fr.event === 'error')!.data).toMatchObject({ kind: 'validation' });
    expect(frames.some((fr) => fr.event === 'artifact')).toBe(false);
    const view = (await (await h.app.request(`/api/sessions/${session.id}`)).json()) as { artifacts: object };
    expect(view.artifacts).toEqual({});
  });
});
