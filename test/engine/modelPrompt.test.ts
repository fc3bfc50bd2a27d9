import { openAiTestModel } from '../support/models.js';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STEP_IDS, type QuestionFamily, type StepId } from '../../src/domain/index.js';
import { Engine } from '../../src/engine/engine.js';
import { ModelFacilitator } from '../../src/facilitators/model/modelFacilitator.js';
import { PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import {
  getConversationState,
  insertRevision,
  listMessages,
  openDatabase,
  updateProgress,
  type Db,
} from '../../src/storage/index.js';
import { northwindArtifactsQ1, withoutMessageIds } from '../support/fixtures.js';
import { minimal } from '../support/minimal.js';
import {
  OPENAI_CHAT_URL,
  openAiJsonCompletion,
  openAiStreamBody,
  openAiToolName,
  replies,
  respondingRoute,
  type Reply,
} from '../support/wire.js';

/**
 * What the model receives, read from the request bodies the real OpenAI SDK sends (msw): labelled
 * messages, the families filed as data, the trend named, context whole, a summary of every answer.
 */

const FAMILIES: readonly QuestionFamily[] = ['clarify', 'probe_evidence', 'implications', 'other_viewpoints'];
const QUESTION = (i: number) => `You said the dispatchers resist (${i}). What have you seen that shows it?`;
const ANSWER = (i: number) =>
  `Answer ${i}: our dispatchers have run the Chicago lanes by phone for twelve years and distrust any tool that hides the reasoning behind a rate.`;

/** Streams a question for a reply, files it as the next family, and answers a draft with `artifact`. */
function fakeModel(options: { familyReply?: () => Reply; artifact?: (name: string) => unknown } = {}) {
  let asked = 0;
  let filed = 0;
  return respondingRoute('post', OPENAI_CHAT_URL, (body) => {
    const tool = openAiToolName(body);
    if (tool === 'question_family') {
      if (options.familyReply) return options.familyReply();
      const family = FAMILIES[filed++ % FAMILIES.length];
      return replies.json(openAiJsonCompletion({ toolCall: { name: tool, args: { family } } }));
    }
    if (tool) return replies.json(openAiJsonCompletion({ toolCall: { name: tool, args: options.artifact?.(tool) } }));
    return replies.sse(openAiStreamBody([QUESTION(asked++)], { input: 100, output: 20 }));
  });
}

type Sent = Array<{ role: string; content: string }>;
const sentMessages = (body: any): Sent => body.messages as Sent;
const systemOf = (body: any) => sentMessages(body).find((m) => m.role === 'system')!.content;
const everything = (body: any) =>
  sentMessages(body)
    .map((m) => m.content)
    .join('\n');

function setup(budget: number) {
  const db = openDatabase(':memory:');
  const model = openAiTestModel();
  const engine = new Engine({
    db,
    facilitator: new ModelFacilitator(model, PromptLibrary.load(), budget),
    flushIntervalMs: 1000,
  });
  const { session } = engine.createSession({
    clientName: 'Northwind Logistics',
    industry: 'Logistics',
    quarter: '2027-Q1',
    mode: 'quarterly',
  });
  return { db, engine, sessionId: session.id };
}

function toDialogue(engine: Engine, sessionId: number) {
  engine.editArtifact(sessionId, 'context', minimal.context());
  engine.advance(sessionId);
  engine.editArtifact(sessionId, 'trends', minimal.trends(2));
  engine.advance(sessionId);
}

/** Every artifact of a worked quarter stored, and the session standing at `step`. */
function workedUpTo(db: Db, sessionId: number, step: StepId) {
  const q1 = withoutMessageIds(northwindArtifactsQ1());
  for (const s of STEP_IDS) {
    if (s === step) break;
    insertRevision(db, { sessionId, step: s, data: q1[s], source: 'model' });
  }
  updateProgress(db, sessionId, { status: 'active', mode: 'quarterly', current: step, furthest: step, stale: [] });
  return q1;
}

describe('the labelled transcript', () => {
  const route = fakeModel();
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => route.requests.splice(0));
  afterAll(() => server.close());

  it('sends every message with its id, trend and family, names the trend, and files each family as data', async () => {
    const { db, engine, sessionId } = setup(6000);
    toDialogue(engine, sessionId);
    for (let i = 0; i < 4; i++) await engine.postMessage(sessionId, { content: ANSWER(i) }).finished;

    const stored = listMessages(db, sessionId).filter((m) => m.step === 'dialogue');
    const questions = stored.filter((m) => m.role === 'assistant' && m.kind === 'chat');
    // The family came back as data from the small call after each question, and was stored with it.
    expect(questions.map((m) => m.questionFamily)).toEqual(FAMILIES);
    expect(questions.every((m) => m.status === 'complete' && m.content.startsWith('You said'))).toBe(true);
    // The dialogue state knows the families asked per trend (after three answers it moved on to t2).
    const state = getConversationState(db, sessionId, 'dialogue');
    expect(questions.map((m) => m.trendId)).toEqual(['t1', 't1', 't2', 't2']);
    expect(state.familiesByTrend).toEqual({ t1: FAMILIES.slice(0, 2), t2: FAMILIES.slice(2) });

    const streamed = route.requests.filter((r) => r.body.stream === true);
    expect(streamed).toHaveLength(4);
    const last = streamed.at(-1)!.body;
    const sent = sentMessages(last).filter((m) => m.role !== 'system');
    // Each message whole, behind a label with its stored id, its trend, and (ours) the family filed.
    const shown = stored.filter((m) => m.kind !== 'opening' && m.id <= sentUpTo(sent));
    expect(sent.map((m) => m.content)).toEqual(
      shown.map((m) =>
        m.role === 'user'
          ? `[m${m.id} · ${m.trendId} · client] ${m.content}`
          : `[m${m.id} · ${m.trendId} · you · family: ${m.questionFamily}] ${m.content}`,
      ),
    );
    const system = systemOf(last);
    // The opening leads the window: sent as what the exchanges continue from, labelled, never "You opened this step with".
    const opening = stored.find((m) => m.kind === 'opening')!;
    expect(system).toContain(`The exchanges below continue from your message:\n[m${opening.id} · t1 · you · opening]`);
    expect(system).not.toContain('You opened this step with');
    // The labels are explained, the trend is named, and the families asked so far are listed from the state.
    expect(system).toContain('How to read what follows');
    expect(system).toContain('The trend under discussion now is **Trend t2**');
    expect(system).not.toContain('about **the chosen trends**');
    expect(system).toContain('- t1 · Trend t1: 3 answers; families asked: clarify, probe_evidence');
    expect(system).toContain('- t2 · Trend t2: 1 answer; families asked: implications');
    // The small call that files the family sees the question it files, nothing else of the session.
    const filing = route.requests.filter((r) => openAiToolName(r.body) === 'question_family').at(-1)!.body;
    expect(sentMessages(filing).at(-1)).toEqual({ role: 'user', content: questions.at(-1)!.content });
  });

  it('says the trend has just changed when the client moves to the next one', async () => {
    const { engine, sessionId } = setup(6000);
    toDialogue(engine, sessionId);
    await engine.postMessage(sessionId, { content: ANSWER(0) }).finished;
    await engine.act(sessionId, 'next_trend').finished;
    const system = systemOf(route.requests.filter((r) => r.body.stream === true).at(-1)!.body);
    expect(system).toContain('The trend under discussion now is **Trend t2**');
    expect(system).toContain(
      'Now: the trend under discussion is t2 · Trend t2; it has just changed from t1 · Trend t1.',
    );
  });
});

/** The id of the last labelled message sent. */
function sentUpTo(sent: Sent): number {
  return Math.max(...sent.map((m) => Number(/^\[m(\d+)/.exec(m.content)?.[1] ?? 0)));
}

describe('a model that copies a label', () => {
  it('has the label taken off the start of its reply, the rest streamed as it came', async () => {
    const route = respondingRoute('post', OPENAI_CHAT_URL, (body) =>
      openAiToolName(body)
        ? replies.json(openAiJsonCompletion({ toolCall: { name: 'question_family', args: { family: 'clarify' } } }))
        : replies.sse(openAiStreamBody(['[m9 · t1 ', '· you · family: clarify] What do ', 'you mean by [slow]?'])),
    );
    const server = setupServer(route.handler);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const { db, engine, sessionId } = setup(6000);
      toDialogue(engine, sessionId);
      await engine.postMessage(sessionId, { content: ANSWER(0) }).finished;
      expect(listMessages(db, sessionId).at(-1)).toMatchObject({
        content: 'What do you mean by [slow]?',
        questionFamily: 'clarify',
      });
    } finally {
      server.close();
    }
  });
});

describe('the family call', () => {
  it('leaves the question stored with no family when the call fails, and the turn succeeds', async () => {
    const route = fakeModel({
      familyReply: () => replies.status(500, { error: { message: 'down', type: 'server_error' } }),
    });
    const server = setupServer(route.handler);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const { db, engine, sessionId } = setup(6000);
      toDialogue(engine, sessionId);
      const turn = engine.postMessage(sessionId, { content: ANSWER(0) });
      const errors: string[] = [];
      turn.subscribe(0, (e) => {
        if (e.type === 'error') errors.push(e.data.message);
      });
      await turn.finished;
      const reply = listMessages(db, sessionId).at(-1)!;
      expect(reply).toMatchObject({
        role: 'assistant',
        status: 'complete',
        content: QUESTION(0),
        questionFamily: null,
      });
      expect(errors).toEqual([]);
      expect(route.requests.filter((r) => openAiToolName(r.body) === 'question_family')).toHaveLength(1);
      // The next question is asked as usual.
      await engine.postMessage(sessionId, { content: ANSWER(1) }).finished;
      expect(listMessages(db, sessionId).at(-1)).toMatchObject({ status: 'complete', content: QUESTION(1) });
    } finally {
      server.close();
    }
  });
});

describe('context by need', () => {
  const route = fakeModel({ artifact: (name) => (name === 'sounding_board' ? { recommendations: [] } : undefined) });
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => route.requests.splice(0));
  afterAll(() => server.close());

  it('puts the whole roadmap and risk register in the sounding board prompt, and the draft sees every id it may cite', async () => {
    const { db, engine, sessionId } = setup(6000);
    const q1 = workedUpTo(db, sessionId, 'sounding_board');
    await engine.postMessage(sessionId, { content: 'We recommend automating spot quotes by Q3 for $180k.' }).finished;
    await engine.draft(sessionId).finished;
    // The reply and the draft; the critic's own call after the draft is checked in test/server/critic.test.ts.
    const critic = (r: (typeof route.requests)[number]) => openAiToolName(r.body) === 'sounding_board_critic';
    for (const request of route.requests.filter((r) => !critic(r))) {
      const system = systemOf(request.body);
      for (const entry of q1.roadmap!.entries) {
        for (const text of stringsOf(entry)) expect(system).toContain(text);
        expect(system).toContain(`- ${entry.id} · title: ${entry.title}`);
      }
      for (const risk of q1.risks!.risks) for (const text of stringsOf(risk)) expect(system).toContain(text);
      expect(system).not.toContain('Left out');
      expect(system).not.toMatch(/[{"]\w+":/); // readable, not JSON
    }
    // The reply, the draft, then the critic (re-asked once here: this route answers it with the plain record).
    const names = route.requests.map((r) => openAiToolName(r.body) ?? null);
    expect(names.slice(0, 2)).toEqual([null, 'sounding_board']);
    expect(names.slice(2).length).toBeGreaterThan(0);
    expect(names.slice(2).every((n) => n === 'sounding_board_critic')).toBe(true);
  });

  it('over budget, leaves out the lowest-priority items whole and says which', async () => {
    const { db, engine, sessionId } = setup(2200);
    const q1 = workedUpTo(db, sessionId, 'sounding_board');
    await engine.postMessage(sessionId, { content: 'We recommend automating spot quotes by Q3 for $180k.' }).finished;
    const system = systemOf(route.requests[0]!.body);
    const leftOut = /Left out to fit this prompt[^:]*: (.*)\.$/m.exec(system)?.[1] ?? '';
    expect(leftOut).not.toBe('');
    // The roadmap comes first at the sounding board: whole. Items of lower priority are whole or named as left out.
    for (const entry of q1.roadmap!.entries) for (const text of stringsOf(entry)) expect(system).toContain(text);
    const items = [...q1.dialogue!.insights, ...q1.dialogue!.assumptions, ...q1.trends!.trends.filter((t) => t.chosen)];
    let dropped = 0;
    for (const item of items) {
      const visible = system.includes(`- ${item.id} · `);
      if (visible) for (const text of stringsOf(item)) expect(system).toContain(text);
      else {
        expect(leftOut).toMatch(new RegExp(`\\b${item.id}\\b`));
        dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(system).not.toContain('…');
  });
});

describe('the summary of a long dialogue', () => {
  const route = fakeModel({
    artifact: () => ({ insights: [], assumptions: [], trendSummaries: [] }),
  });
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('gives the draft after 160 answers a line for every answer, within the budget', async () => {
    const { db, engine, sessionId } = setup(6000);
    toDialogue(engine, sessionId);
    for (let i = 0; i < 160; i++) await engine.postMessage(sessionId, { content: ANSWER(i) }).finished;
    await engine.draft(sessionId).finished;

    const draft = route.requests.at(-1)!.body;
    expect(openAiToolName(draft)).toBe('dialogue');
    const text = everything(draft);
    const answers = listMessages(db, sessionId).filter((m) => m.step === 'dialogue' && m.role === 'user');
    expect(answers).toHaveLength(160);
    for (const [i, a] of answers.entries()) {
      expect(text).toContain(`m${a.id}`);
      expect(text).toContain(`Answer ${i}:`);
    }
    expect(systemOf(draft)).toContain('Earlier in this step: every client message');
    expect(systemOf(draft)).toMatch(/^t1 · Trend t1: ledger so far/m);
    const note = listMessages(db, sessionId).at(-1)!;
    expect(note.promptTokens).toBeLessThanOrEqual(6000);
  }, 120_000);
});

describe('the prompt of a long dialogue', () => {
  const route = fakeModel();
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  const BUDGET = 3000;
  const LONG_ANSWER = (i: number) =>
    `${ANSWER(i)} We tried a routing pilot in 2025 and it failed because nobody explained the exceptions to the night shift.`;

  it('levels off under the token budget over 200 turns instead of growing with the transcript', async () => {
    const { db, engine, sessionId } = setup(BUDGET);
    toDialogue(engine, sessionId);
    for (let i = 0; i < 200; i++) await engine.postMessage(sessionId, { content: LONG_ANSWER(i) }).finished;

    const questions = listMessages(db, sessionId).filter(
      (m) => m.step === 'dialogue' && m.role === 'assistant' && m.kind === 'chat',
    );
    expect(questions).toHaveLength(200);
    expect(questions.every((m) => m.status === 'complete' && m.content.startsWith('You said'))).toBe(true);
    const tokens = questions.map((m) => m.promptTokens!);
    const transcriptTokens = Math.ceil(listMessages(db, sessionId).reduce((n, m) => n + m.content.length, 0) / 4);
    expect(Math.max(...tokens)).toBeLessThanOrEqual(BUDGET);
    expect(transcriptTokens).toBeGreaterThan(5 * BUDGET);
    // Early turns grow as the conversation fills the window; later ones stay level.
    expect(tokens[1]!).toBeLessThan(tokens[60]!);
    const late = tokens.slice(100);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(BUDGET * 0.1);
    // A reply reads the latest messages: the newest answer whole, older ones of its window as summary lines.
    const text = everything(route.requests.filter((r) => r.body.stream === true).at(-1)!.body);
    expect(text).toContain(LONG_ANSWER(199));
    expect(text).not.toContain('Answer 0:');
    expect(text).toContain('Earlier in this step: every client message');
  }, 60_000);
});

/** Every string in an item (its text fields, nested ones too): what must reach the model unbroken. */
function stringsOf(x: unknown): string[] {
  if (typeof x === 'string') return [x.replace(/\s*\n\s*/g, ' / ')];
  if (Array.isArray(x)) return x.flatMap(stringsOf);
  if (x && typeof x === 'object') return Object.values(x).flatMap(stringsOf);
  return [];
}
