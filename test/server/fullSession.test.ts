import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STEP_IDS,
  chosenTrends,
  type Message,
  type StepId,
  type TrendsArtifact,
  type UnmetCode,
} from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import type { Facilitator } from '../../src/engine/facilitator.js';
import { loadConfig } from '../../src/config.js';
import { createFacilitator } from '../../src/facilitators/index.js';
import { openDatabase } from '../../src/storage/index.js';
import { northwindArtifactsQ1, withoutMessageIds } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { structuredFixture } from '../support/structuredFixtures.js';
import { deltaText, readSSE } from '../support/sse.js';
import { OPENAI_CHAT_URL, openAiJsonCompletion, openAiStreamBody } from '../support/wire.js';

/** What an advisor would type at each step; the offline facilitator builds the artifacts from it. */
const ANSWERS: Record<Exclude<StepId, 'trends' | 'dialogue'>, string[]> = {
  context: [
    'Northwind Logistics is a Midwest 3PL with a freight brokerage arm. ARR $8M, 14 engineers, churn 9%.',
    'Services: warehousing; freight brokerage; last-mile delivery',
    'The CEO wants to grow brokerage margin by 3 points this year without adding headcount.',
  ],
  // In the bank's order: per scope, what changes, the signpost, the reasoning.
  impact: [
    'For the company: brokerage margin goes up by about 2 points within 6 months if pricing is automated.',
    'Quote-to-book rate on spot lanes; confidence medium.',
    'The pricing pilot on two lanes showed it.',
    'For the industry: margins go down for smaller brokers without data over the next 2-3 years.',
    'Broker consolidation announcements.',
    'Data-poor brokers lose on price.',
    'For the market: demand for instant quotes goes up within a year.',
    'RFPs that ask for API quotes.',
    'Two RFPs this quarter asked for it.',
  ],
  risks: [
    'The one engineer who knows the WMS integration leaves; likelihood 4; impact 5; owner: CTO; mitigation: pair and document.',
    'Shippers leave over missing emissions data; likelihood 3, impact 3; owner: Head of Sales.',
  ],
  roadmap: [
    'Automate spot pricing: 6 weeks, owner Head of Data, by 2027-03-31, cost $60k.',
    'Quote time from 4 hours to 5 minutes; EBITDA +$400k a year, multiple 8x.',
  ],
  sounding_board: [
    'Recommendation: fund the automated pricing model this quarter.',
    // Objections are still open, so "ready" is recorded only with its reason.
    'The CFO will ask for payback; it is under 3 months. Verdict: ready, because it pays back within the quarter.',
  ],
};

type Harness = ReturnType<typeof harness>;

async function say(h: Harness, id: number, content: string) {
  const res = await h.json('POST', `/api/sessions/${id}/messages`, { content });
  expect(res.status).toBe(200);
  const frames = await readSSE(res);
  const message = frames.find((f) => f.event === 'message')!.data as Message;
  expect(message.status).toBe('complete');
  expect(message.content).toBe(deltaText(frames));
  return message;
}

/** Drafts the step (a proposal), then accepts all of it: the scripted path, as the page's *Accept all*. */
async function draft(h: Harness, id: number) {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  const error = frames.find((f) => f.event === 'error');
  expect(error?.data).toBeUndefined();
  const proposal = frames.find((f) => f.event === 'proposal')!.data as { step: StepId };
  const res = await h.acceptDraft(id, proposal.step);
  const body = (await res.json()) as { revision: { step: StepId; revision: number }; error?: { message: string } };
  expect(res.status, body.error?.message).toBe(200);
  return body.revision;
}

async function view(h: Harness, id: number) {
  return (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;
}

async function advance(h: Harness, id: number, request: unknown = {}) {
  const res = await h.json('POST', `/api/sessions/${id}/advance`, request);
  const body = (await res.json()) as SessionView & { error?: { message: string } };
  expect(res.status, body.error?.message).toBe(200);
  return body;
}

/**
 * Runs a whole quarterly session through the HTTP API; restarts the server (a new engine on the same
 * SQLite file) after the dialogue and checks that nothing was lost.
 */
async function runSession(
  makeFacilitator: () => Facilitator,
  /** What each step is expected to still lack when its work is done: the run moves on past it with an override. */
  expectUnmet: Partial<Record<StepId, UnmetCode[]>> = {},
) {
  const path = join(mkdtempSync(join(tmpdir(), 'foresight-')), 'session.db');
  let h = harness(makeFacilitator(), { db: openDatabase(path) });
  const { session } = await h.createSession();
  const id = session.id;

  for (const step of STEP_IDS) {
    expect((await view(h, id)).current).toBe(step);
    if (step === 'trends') {
      await draft(h, id);
      const proposed = (await view(h, id)).artifacts.trends!.data as TrendsArtifact;
      const picked = { trends: proposed.trends.map((t, i) => ({ ...t, chosen: i < 2 })) };
      const edit = await h.json('PUT', `/api/sessions/${id}/artifacts/trends`, { data: picked });
      expect(edit.status).toBe(200);
    } else if (step === 'dialogue') {
      const trends = chosenTrends((await view(h, id)).artifacts.trends!.data as TrendsArtifact);
      // A question asked back is a message, not one of a trend's three answers.
      await say(h, id, 'What do you mean by that?');
      for (let i = 0; i < trends.length * 3; i++) {
        await say(
          h,
          id,
          `Answer ${i}: our dispatchers distrust tools that hide the reasoning; we saw a pilot fail in 2025 because nobody explained exceptions.`,
        );
      }
      const counts = (await view(h, id)).answersByTrend;
      expect(trends.map((t) => counts[t.id])).toEqual(trends.map(() => 3));
      await draft(h, id);
      // Restart: a new process would open the same file; replies are all finished, so nothing changes.
      const before = await (await h.app.request(`/api/sessions/${id}/messages`)).json();
      h.db.close();
      h = harness(makeFacilitator(), { db: openDatabase(path) });
      expect(await (await h.app.request(`/api/sessions/${id}/messages`)).json()).toEqual(before);
    } else {
      for (const answer of ANSWERS[step]) await say(h, id, answer);
      await draft(h, id);
    }
    const unmet = (await view(h, id)).unmet.map((c) => c.code);
    expect(unmet, step).toEqual(expectUnmet[step] ?? []);
    const after = await advance(h, id, unmet.length > 0 ? { override: { reason: `${step}: known gap` } } : {});
    if (step !== 'sounding_board') expect(after.current).toBe(STEP_IDS[STEP_IDS.indexOf(step) + 1]);
  }
  const done = await view(h, id);
  expect(done.session.progress.status).toBe('completed');
  expect(Object.keys(done.artifacts).sort()).toEqual([...STEP_IDS].sort());
  return { h, id, done };
}

describe('a complete quarterly session through the HTTP API', () => {
  it("runs all seven steps with the offline facilitator, across a restart, from the user's own answers", async () => {
    const { h, id, done } = await runSession(() => createFacilitator(loadConfig({})));
    expect(done.overrides).toEqual([]);
    const messages = (await (await h.app.request(`/api/sessions/${id}/messages`)).json()) as { messages: Message[] };
    expect(messages.messages.every((m) => m.role === 'user' || m.provider === 'offline')).toBe(true);
    const memo = await (await h.app.request(`/api/sessions/${id}/export/memo.md`)).text();
    expect(memo).toMatch(/offline facilitator/i);
    const risks = await (await h.app.request(`/api/sessions/${id}/export/risks.csv`)).text();
    expect(risks).toMatch(/WMS integration.*Critical/);
  });

  describe('with a mocked OpenAI model', () => {
    const fixtures = withoutMessageIds(northwindArtifactsQ1());
    const requests: Array<{ stream: boolean; tool: string | null }> = [];
    const server = setupServer(
      http.post(OPENAI_CHAT_URL, async ({ request }) => {
        const body = (await request.json()) as { stream?: boolean; tools?: Array<{ function: { name: string } }> };
        const tool = body.tools?.[0]?.function.name ?? null;
        requests.push({ stream: Boolean(body.stream), tool });
        if (tool === 'question_family')
          return HttpResponse.json(
            openAiJsonCompletion({ toolCall: { name: tool, args: { family: 'implications' } } }),
          );
        if (tool)
          return HttpResponse.json(
            openAiJsonCompletion({ toolCall: { name: tool, args: structuredFixture(tool, fixtures) } }),
          );
        const body2 = openAiStreamBody(['What would your ', 'largest shipper ', 'say about that?']);
        return new HttpResponse(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(body2));
              c.close();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());

    it('runs all seven steps, each artifact drafted by the model and validated, across a restart', async () => {
      // The worked quarter leaves one forecast without a signpost and a study without owner or metric.
      const { done } = await runSession(
        () => createFacilitator(loadConfig({ OPENAI_API_KEY: 'test-key-not-real', MODEL_RETRY_BASE_MS: '1' })),
        { impact: ['forecasts_without_signpost'], roadmap: ['entries_without_owner', 'entries_without_metric'] },
      );
      expect(done.overrides.map((o) => [o.step, o.reason, o.unmet.map((c) => c.code)])).toEqual([
        ['impact', 'impact: known gap', ['forecasts_without_signpost']],
        ['roadmap', 'roadmap: known gap', ['entries_without_owner', 'entries_without_metric']],
      ]);
      expect(done.artifacts.risks!.data).toEqual(fixtures.risks);
      expect(done.artifacts.roadmap!.source).toBe('model');
      // The roadmap and the sounding board are pressure-tested by a critic call after their draft.
      const drafts = requests.filter((r) => r.tool && r.tool !== 'question_family');
      expect(drafts.map((r) => r.tool)).toEqual([
        ...STEP_IDS.slice(0, STEP_IDS.indexOf('roadmap')),
        'roadmap',
        'roadmap_critic',
        'sounding_board',
        'sounding_board_critic',
      ]);
      // Each question of the dialogue is filed by family in a small call after it streams.
      expect(requests.filter((r) => r.tool === 'question_family').length).toBeGreaterThan(0);
      expect(requests.filter((r) => r.stream).length).toBe(
        Object.values(ANSWERS).flat().length + 3 * 2 + 1, // the dialogue's question asked back is answered too
      );
    });
  });
});
