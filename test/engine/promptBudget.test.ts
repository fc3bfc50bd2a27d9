import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { ModelFacilitator } from '../../src/facilitators/model/modelFacilitator.js';
import { PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import { createChatModel } from '../../src/providers/index.js';
import { listMessages, openDatabase } from '../../src/storage/index.js';
import { minimal } from '../support/minimal.js';
import { OPENAI_CHAT_URL, openAiStreamBody, replies, scriptedRoute } from '../support/wire.js';

const BUDGET = 3000;
const QUESTION =
  'You said the dispatchers would resist. What are you taking for granted about why they resist, and what have you actually seen that shows it? ';
const ANSWER = (i: number) =>
  `Answer ${i}: our dispatchers have run the Chicago lanes by phone for twelve years and they distrust any tool that hides the reasoning behind a rate. We tried a routing pilot in 2025 and it failed because nobody explained the exceptions. `;

describe('the prompt of a long dialogue', () => {
  const route = scriptedRoute('post', OPENAI_CHAT_URL, [
    replies.sse(openAiStreamBody([QUESTION.slice(0, 60), QUESTION.slice(60)], { input: 100, output: 40 })),
  ]);
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('levels off under the token budget over 200 turns instead of growing with the transcript', async () => {
    const db = openDatabase(':memory:');
    const model = createChatModel({
      kind: 'openai',
      apiKey: 'test-key-not-real',
      model: 'gpt-4.1-mini',
      timeoutMs: 5000,
      idleTimeoutMs: 5000,
      maxAttempts: 1,
      retryBaseMs: 1,
    });
    const engine = new Engine({
      db,
      facilitator: new ModelFacilitator(model, PromptLibrary.load(), BUDGET),
      flushIntervalMs: 1000,
    });
    const { session } = engine.createSession({
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q1',
      mode: 'quarterly',
    });
    engine.editArtifact(session.id, 'context', minimal.context());
    engine.advance(session.id);
    engine.editArtifact(session.id, 'trends', minimal.trends(2));
    engine.advance(session.id);

    for (let i = 0; i < 200; i++) {
      await engine.postMessage(session.id, { content: ANSWER(i) }).finished;
    }

    const replies = listMessages(db, session.id).filter(
      (m) => m.step === 'dialogue' && m.role === 'assistant' && m.kind === 'chat',
    );
    expect(replies).toHaveLength(200);
    expect(replies.every((m) => m.status === 'complete' && m.content === QUESTION)).toBe(true);
    const tokens = replies.map((m) => m.promptTokens!);
    const transcriptTokens = Math.ceil(listMessages(db, session.id).reduce((n, m) => n + m.content.length, 0) / 4);
    expect(Math.max(...tokens)).toBeLessThanOrEqual(BUDGET);
    expect(transcriptTokens).toBeGreaterThan(5 * BUDGET);
    // Early turns grow as the conversation fills the window; later ones stay level.
    expect(tokens[1]!).toBeLessThan(tokens[60]!);
    const late = tokens.slice(100);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(BUDGET * 0.1);
    // What reached the provider is the same bounded prompt: the newest answer is in it, the oldest is not.
    const lastRequest = route.requests.at(-1)!.body as { messages: Array<{ content: string }> };
    const sent = lastRequest.messages.map((m) => m.content).join('\n');
    expect(sent).toContain('Answer 199:');
    expect(sent).not.toContain('Answer 0:');
    expect(sent).toContain('Earlier in this step (summarised)');
  }, 60_000);
});
