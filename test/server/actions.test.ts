import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseArtifact, type Message, type TrendsArtifact } from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { createOfflineFacilitator } from '../../src/facilitators/offline/index.js';
import * as store from '../../src/storage/index.js';
import { minimal } from '../support/minimal.js';
import { harness } from '../support/harness.js';
import { readSSE } from '../support/sse.js';

type Harness = ReturnType<typeof harness>;

/** A session at the dialogue step, with two chosen trends, through the API. */
async function atDialogue(h: Harness) {
  const { session } = await h.createSession();
  const id = session.id;
  h.engine.editArtifact(id, 'context', minimal.context());
  h.engine.advance(id);
  const trends: TrendsArtifact = parseArtifact('trends', minimal.trends(2));
  h.engine.editArtifact(id, 'trends', trends);
  h.engine.advance(id);
  return id;
}

async function turn(h: Harness, path: string, body: unknown) {
  const res = await h.json('POST', path, body);
  expect(res.status, await res.clone().text()).toBe(200);
  const frames = await readSSE(res);
  const user = frames.find((f) => f.event === 'turn')!.data as { userMessage: Message };
  return { user: user.userMessage, reply: frames.find((f) => f.event === 'message')!.data as Message };
}

const view = async (h: Harness, id: number) =>
  (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;

describe('explicit actions: next trend, enough, skip', () => {
  it('moves to the next trend on POST /actions, stored as a command and recorded as an event', async () => {
    const h = harness(createOfflineFacilitator());
    const id = await atDialogue(h);
    expect((await view(h, id)).dialogueTrendId).toBe('t1');
    const { user, reply } = await turn(h, `/api/sessions/${id}/actions`, { action: 'next_trend' });
    expect(user).toMatchObject({ content: 'Next trend', intent: 'command', action: 'next_trend', trendId: 't1' });
    expect(reply.trendId).toBe('t2');
    expect(reply.questionId).not.toBeNull();
    expect(reply.questionFamily).toBe('clarify');
    const v = await view(h, id);
    expect(v.dialogueTrendId).toBe('t2');
    expect(v.answersByTrend).toEqual({});
    expect(h.engine.conversationEvents(id).map((e) => e.event)).toEqual([
      { type: 'action', action: 'next_trend', to: 't2' },
    ]);
  });

  it('lets the dialogue be left after "That\'s enough", from the persisted state, not the words', async () => {
    const h = harness(createOfflineFacilitator());
    const id = await atDialogue(h);
    await turn(h, `/api/sessions/${id}/messages`, { content: 'Stop hiring is the key lever' });
    let v = await view(h, id);
    expect(v.answersByTrend).toEqual({ t1: 1 });
    expect(v.dialogueEnough).toBe(false);
    expect(v.advanceBlockedBy).toMatch(/fewer than 3 answers/);
    await turn(h, `/api/sessions/${id}/actions`, { action: 'enough' });
    v = await view(h, id);
    expect(v.dialogueEnough).toBe(true);
    expect(v.advanceBlockedBy).toBeNull();
    expect(v.answersByTrend).toEqual({ t1: 1 });
  });

  it('takes typed words through the same event path', async () => {
    const h = harness(createOfflineFacilitator());
    const id = await atDialogue(h);
    const { user } = await turn(h, `/api/sessions/${id}/messages`, { content: "OK, that's enough." });
    expect(user).toMatchObject({ intent: 'command', action: 'enough' });
    expect(h.engine.conversationEvents(id).map((e) => e.event.type)).toEqual(['action']);
    expect((await view(h, id)).dialogueEnough).toBe(true);
  });

  it('refuses an action the step does not know, and an unknown action, with a message', async () => {
    const h = harness(createOfflineFacilitator());
    const { session } = await h.createSession();
    const wrongStep = await h.json('POST', `/api/sessions/${session.id}/actions`, { action: 'next_trend' });
    expect(wrongStep.status).toBe(422);
    expect(((await wrongStep.json()) as { error: { message: string } }).error.message).toMatch(
      /belongs to the dialogue/,
    );
    const unknown = await h.json('POST', `/api/sessions/${session.id}/actions`, { action: 'jump' });
    expect(unknown.status).toBe(422);
    const skipped = await turn(h, `/api/sessions/${session.id}/actions`, { action: 'skip' });
    expect(skipped.user).toMatchObject({ intent: 'command', action: 'skip', questionId: 'context.services' });
    expect(skipped.reply.questionId).toBe('context.products');
  });
});

describe('the transcript in pages', () => {
  it('pages the messages newest first with a before cursor, each page oldest first', async () => {
    const h = harness(createOfflineFacilitator());
    const { session } = await h.createSession();
    const id = session.id;
    for (let i = 0; i < 4; i++) await turn(h, `/api/sessions/${id}/messages`, { content: `Answer ${i}` });
    const all = ((await (await h.app.request(`/api/sessions/${id}/messages`)).json()) as { messages: Message[] })
      .messages;
    expect(all).toHaveLength(9);
    const page = async (q: string) =>
      (await (await h.app.request(`/api/sessions/${id}/messages?${q}`)).json()) as {
        messages: Message[];
        hasOlder: boolean;
      };
    const latest = await page('limit=4');
    expect(latest.messages.map((m) => m.id)).toEqual(all.slice(-4).map((m) => m.id));
    expect(latest.hasOlder).toBe(true);
    const older = await page(`limit=4&before=${latest.messages[0]!.id}`);
    expect(older.messages.map((m) => m.id)).toEqual(all.slice(1, 5).map((m) => m.id));
    const oldest = await page(`limit=4&before=${older.messages[0]!.id}`);
    expect(oldest).toEqual({ messages: [all[0]], hasOlder: false });
    expect((await h.app.request(`/api/sessions/${id}/messages?limit=0`)).status).toBe(422);
  });
});

describe('migration 8', () => {
  it('files old messages and builds each step state from them, on a database made by the previous schema', () => {
    const db = new Database(':memory:');
    store.migrate(db, store.MIGRATIONS.slice(0, 7));
    db.prepare(
      "INSERT INTO clients (id, name, industry, created_at) VALUES (1, 'Northwind', 'Logistics', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO sessions (id, client_id, quarter, mode, progress, created_at, updated_at) VALUES (1, 1, '2027-Q1', 'quarterly', '{}', 'now', 'now')",
    ).run();
    const insert = db.prepare(
      "INSERT INTO messages (session_id, step, trend_id, role, kind, content, status, created_at, updated_at) VALUES (1, 'dialogue', ?, ?, ?, ?, 'complete', 'now', 'now')",
    );
    insert.run('t1', 'assistant', 'opening', '**Clarify.** What do you mean by agentic AI?');
    insert.run('t1', 'user', 'chat', 'Dispatch exceptions first.');
    insert.run('t1', 'assistant', 'chat', '**Implications.** What follows?');
    insert.run('t1', 'user', 'chat', 'Stop hiring is the key lever');
    insert.run('t1', 'user', 'chat', 'What do you mean by lever?');
    insert.run('t1', 'user', 'chat', 'next trend');
    insert.run('t2', 'assistant', 'chat', '**Clarify.** What does the AI Act change?');
    insert.run('t2', 'user', 'chat', "that's enough");
    store.migrate(db);
    const messages = store.listMessages(db, 1);
    expect(messages.map((m) => [m.role, m.intent, m.action, m.questionId])).toEqual([
      ['assistant', null, null, null],
      ['user', 'answer', null, null],
      ['assistant', null, null, null],
      ['user', 'answer', null, null],
      ['user', 'question_back', null, null],
      ['user', 'command', 'next_trend', null],
      ['assistant', null, null, null],
      ['user', 'command', 'enough', null],
    ]);
    const state = store.getConversationState(db, 1, 'dialogue');
    expect(state).toMatchObject({ trendId: 't2', answersByTrend: { t1: 2 }, enough: true });
    expect(store.getConversationState(db, 1, 'context')).toEqual(store.getConversationState(db, 2, 'context'));
  });
});
