import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/index.js';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fakeOpenAiServer.js';
import { startServerProcess, tempDatabasePath, type ServerProcess } from '../support/serverProcess.js';
import { deltaText, readSSE } from '../support/sse.js';

const LONG_REPLY = Array.from({ length: 120 }, (_, i) => `Point ${i}: consider what the dispatchers would say.`).join(
  ' ',
);

describe('a server killed mid-stream', () => {
  let fake: FakeOpenAi;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await fake?.close();
  });

  it('keeps the partial reply, marked incomplete, and the session goes on after a restart', async () => {
    fake = await startFakeOpenAi(() => ({ text: LONG_REPLY, chunkChars: 8, delayMs: 10 }));
    const env = {
      DATABASE_PATH: tempDatabasePath(),
      OPENAI_BASE_URL: fake.url,
      MODEL: 'fake-model',
      STREAM_FLUSH_MS: '20',
    };
    const first = await startServerProcess(env);
    servers.push(first);
    const post = (base: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });

    const created = (await (
      await post(first.url, '/api/sessions', {
        clientName: 'Northwind Logistics',
        industry: 'Logistics',
        quarter: '2027-Q1',
      })
    ).json()) as { session: { id: number } };
    const id = created.session.id;
    const seen = await readSSE(
      await post(first.url, `/api/sessions/${id}/messages`, { content: 'We broker freight across Europe.' }),
      (f) => f.filter((x) => x.event === 'delta').length >= 15,
    );
    await new Promise((r) => setTimeout(r, 100)); // at least one batched write lands
    await first.kill('SIGKILL');

    const second = await startServerProcess(env);
    servers.push(second);
    const { messages } = (await (await fetch(`${second.url}/api/sessions/${id}/messages`)).json()) as {
      messages: Message[];
    };
    const reply = messages.at(-1)!;
    expect(messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'We broker freight across Europe.',
    ]);
    expect(reply.status).toBe('incomplete');
    // Everything the client saw had been written to SQLite before the kill (batched every 20 ms).
    expect(reply.content.startsWith(deltaText(seen))).toBe(true);
    expect(reply.content.length).toBeLessThan(LONG_REPLY.length);
    expect(LONG_REPLY.startsWith(reply.content)).toBe(true);
    expect(reply.error).toMatch(/server stopped/);

    // After the restart the session view still offers Retry for the cut reply, with no retyping.
    const view = (await (await fetch(`${second.url}/api/sessions/${id}`)).json()) as { retryableReplyId: number };
    expect(view.retryableReplyId).toBe(reply.id);
    fake.respond = () => ({ text: 'Which lanes carry most of the margin?', chunkChars: 8 });
    const retried = await readSSE(await post(second.url, `/api/sessions/${id}/retry`));
    expect(retried.find((f) => f.event === 'message')!.data).toMatchObject({ status: 'complete' });

    fake.respond = () => ({ text: 'What would your largest customer say?', chunkChars: 8 });
    const next = await readSSE(await post(second.url, `/api/sessions/${id}/messages`, { content: 'Carry on.' }));
    expect(deltaText(next)).toBe('What would your largest customer say?');
    expect(next.find((f) => f.event === 'message')!.data).toMatchObject({ status: 'complete' });
    // The cut reply is not sent again: one answer to the first message, the retry's.
    const assistantTurns = fake.requests.at(-1)!.messages.filter((m) => m.role === 'assistant');
    expect(assistantTurns.map((m) => m.content)).toEqual([
      expect.stringMatching(/^\[m\d+ · you\] Which lanes carry most of the margin\?$/),
    ]);
    // Two server processes start through tsx: seconds alone, far more on a loaded machine.
  }, 120_000);
});
