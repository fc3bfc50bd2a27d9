import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  factLines,
  parseArtifact,
  roadmapFacts,
  type Message,
  type Recommendation,
  type SoundingBoardArtifact,
} from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { createFacilitator } from '../../src/facilitators/index.js';
import * as store from '../../src/storage/index.js';
import { harness } from '../support/harness.js';
import { minimal } from '../support/minimal.js';
import { readSSE } from '../support/sse.js';
import {
  ANTHROPIC_MESSAGES_URL,
  OPENAI_CHAT_URL,
  anthropicJsonMessage,
  anthropicStreamBody,
  openAiJsonCompletion,
  openAiStreamBody,
} from '../support/wire.js';

/*
 * The critic through the whole server, on the real SDKs against msw: what its request carries, what
 * is stored from its answer, and which provider it goes to.
 */

interface Seen {
  readonly provider: 'openai' | 'anthropic';
  /** The structured output's name (tool), or null for a streamed reply. */
  readonly tool: string | null;
  /** Every message's text, joined. */
  readonly text: string;
}

const seen: Seen[] = [];
/** What the extractor and the critic answer, by tool name; set per test. */
let answers: Record<string, unknown> = {};

const sse = (body: string) =>
  new HttpResponse(
    new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(body));
        c.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );

type Body = {
  tools?: Array<{ function?: { name: string }; name?: string }>;
  messages: Array<{ content: unknown }>;
  system?: unknown;
};
const textOf = (b: Body) => JSON.stringify([b.system ?? null, b.messages.map((m) => m.content)]);

const server = setupServer(
  http.post(OPENAI_CHAT_URL, async ({ request }) => {
    const body = (await request.json()) as Body;
    const tool = body.tools?.[0]?.function?.name ?? null;
    seen.push({ provider: 'openai', tool, text: textOf(body) });
    if (tool) return HttpResponse.json(openAiJsonCompletion({ toolCall: { name: tool, args: answers[tool] } }));
    return sse(openAiStreamBody(['What would your CFO ', 'ask first?']));
  }),
  http.post(ANTHROPIC_MESSAGES_URL, async ({ request }) => {
    const body = (await request.json()) as Body;
    const tool = body.tools?.[0]?.name ?? null;
    seen.push({ provider: 'anthropic', tool, text: textOf(body) });
    if (tool) return HttpResponse.json(anthropicJsonMessage({ toolUse: { name: tool, args: answers[tool] } }));
    return sse(anthropicStreamBody(['What would your board ', 'ask first?']));
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen.length = 0;
});
afterAll(() => server.close());

const OPENAI = { OPENAI_API_KEY: 'test-key-not-real', MODEL_RETRY_BASE_MS: '1' };

/** The roadmap the recommendation rests on, and a context whose constraints give the facts their numbers. */
const roadmap = parseArtifact('roadmap', {
  entries: [
    {
      ...minimal.roadmap().entries[0]!,
      id: 'e1',
      title: 'Automate spot pricing',
      effortWeeks: 30,
      deadline: '2027-11-30',
      financial: { oneOffCost: 450_000, annualEbitdaEffect: 150_000, evMultiple: 8, capexOpex: null, assumption: null },
    },
  ],
});
const context = {
  ...minimal.context(),
  constraints: {
    ...minimal.context().constraints,
    budgetAmount: 400_000,
    teamWeeksPerQuarter: 13,
    freezes: [{ what: 'peak season', from: '2027-Q4', to: '2027-Q4' }],
  },
};

const objection = (
  o: Partial<Recommendation['objections'][number]> & Pick<Recommendation['objections'][number], 'lens' | 'objection'>,
) => ({
  basis: null,
  response: null,
  status: 'open' as const,
  closedByMessageId: null,
  ...o,
});

function recommendation(objections: Recommendation['objections']): SoundingBoardArtifact {
  return {
    recommendations: [
      {
        ...minimal.sounding_board().recommendations[0]!,
        claim: 'Fund the spot-pricing automation this quarter',
        roadmapEntryIds: ['e1'],
        objections,
        verdict: 'ready',
      },
    ],
  };
}

/** A session at the sounding board with a roadmap and a context, and the client's three messages. */
async function sessionWithTalk(h: ReturnType<typeof harness>) {
  const { session } = await h.createSession({ mode: 'quick_check', currency: 'EUR' });
  for (const [step, data] of [
    ['context', context],
    ['roadmap', roadmap],
  ] as const) {
    store.insertRevision(h.db, { sessionId: session.id, step, data, source: 'user', provenance: {} });
  }
  const said: Message[] = [];
  for (const content of [
    'Recommendation: fund the spot-pricing automation (e1) this quarter.',
    'The payback worry is not a real concern, trust me.',
    'On capacity: the two-lane pilot ran with two engineers in six weeks, so 30 weeks fits.',
  ]) {
    const frames = await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content }));
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
    said.push(
      store
        .listMessages(h.db, session.id)
        .filter((m) => m.role === 'user')
        .at(-1)!,
    );
  }
  return { id: session.id, said };
}

async function draft(h: ReturnType<typeof harness>, id: number) {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  expect(frames.find((f) => f.event === 'error')?.data).toBeUndefined();
  const view = (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;
  return { frames, proposal: view.proposals.sounding_board! };
}

describe('the critic after the sounding-board draft', () => {
  it('gets the computed facts, the whole recommendation and the messages by id, and its revision is the proposal, named as its', async () => {
    const h = harness(createFacilitator(loadConfig(OPENAI)));
    const { id, said } = await sessionWithTalk(h);
    const extracted = recommendation([
      objection({
        lens: 'cfo',
        objection: 'What is the payback?',
        response: 'Not a real concern',
        status: 'answered_with_reason',
      }),
    ]);
    const critique = recommendation([
      objection({
        lens: 'cfo',
        objection: 'What is the payback?',
        basis: 'payback 3 years; one-off cost over budget by 50,000',
        response: 'Not a real concern',
      }),
      objection({
        lens: 'engineer',
        objection: 'Can 30 weeks of work fit 26 weeks of capacity in the next six months?',
        basis: 'near term 30 weeks against 26 weeks of capacity',
        response: 'The two-lane pilot ran with two engineers in six weeks',
        status: 'answered_with_evidence',
        closedByMessageId: said[2]!.id,
      }),
    ]);
    answers = {
      sounding_board: extracted,
      sounding_board_critic: { reasoning: 'CFO: over budget.', revised: critique },
    };

    const { frames, proposal } = await draft(h, id);

    expect(seen.filter((s) => s.tool).map((s) => [s.provider, s.tool])).toEqual([
      ['openai', 'sounding_board'],
      ['openai', 'sounding_board_critic'],
    ]);
    const request = seen.find((s) => s.tool === 'sounding_board_critic')!.text;
    // The facts as computed in code, each line whole, the amounts in the client's currency as the memo prints them.
    const facts = factLines(roadmapFacts(roadmap.entries, context.constraints), 'EUR');
    expect(facts.join('\n').replace(/\u00a0/g, ' ')).toContain(
      'against a budget of EUR 400,000: over budget by EUR 50,000',
    );
    expect(facts).toContain(
      'Freeze: e1 Automate spot pricing: the deadline 2027-11-30 falls inside peak season (2027-Q4).',
    );
    for (const line of facts) expect(request).toContain(JSON.stringify(line).slice(1, -1));
    // The whole recommendation as drafted, and each client message with its id.
    const whole = JSON.stringify(parseArtifact('sounding_board', extracted));
    expect(request).toContain(JSON.stringify(whole).slice(1, -1));
    for (const m of said) expect(request).toContain(`[m${m.id} · client]`);

    expect(proposal.data).toEqual(critique);
    expect(proposal).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-mini',
      promptVersion: 'sounding_board/extractor@4+common/transcript@1+sounding_board/critic@4',
    });
    expect(proposal.provenance['recommendations/c1']!.origin).toMatchObject({
      kind: 'drafted',
      provider: 'openai',
      model: 'gpt-4.1-mini',
      promptVersion: 'sounding_board/extractor@4+common/transcript@1+sounding_board/critic@4',
    });
    const note = frames.find((f) => f.event === 'message')!.data as Message;
    expect(note.content).toContain('1 objection open');
    expect(note.content).toContain('Pressure-tested by OpenAI gpt-4.1-mini against the computed facts.');
    const calls = h.db
      .prepare('SELECT purpose, provider FROM model_calls WHERE message_id = ? ORDER BY id')
      .all(note.id);
    expect(calls).toEqual([
      { purpose: 'draft', provider: 'openai' },
      { purpose: 'critic', provider: 'openai' },
    ]);
  });

  it('keeps an objection answered only by pushback open, and reopens one the model closes without the client message that answered it', async () => {
    const h = harness(createFacilitator(loadConfig(OPENAI)));
    const { id, said } = await sessionWithTalk(h);
    const facilitatorMessage = store.listMessages(h.db, id).find((m) => m.role === 'assistant')!;
    answers = {
      sounding_board: recommendation([
        objection({
          lens: 'cfo',
          objection: 'What is the payback?',
          response: 'Not a real concern',
          status: 'answered_with_reason',
        }),
      ]),
      sounding_board_critic: {
        reasoning: 'The CFO got pushback, not an answer.',
        revised: recommendation([
          // The critic keeps the pushback open.
          objection({ lens: 'cfo', objection: 'What is the payback?', response: 'Not a real concern, trust me' }),
          // Marked answered, naming no message.
          objection({ lens: 'ceo', objection: 'Why now?', response: 'Because', status: 'answered_with_reason' }),
          // Marked answered by the facilitator's own question.
          objection({
            lens: 'board',
            objection: 'Who owns it?',
            response: 'The CFO',
            status: 'answered_with_evidence',
            closedByMessageId: facilitatorMessage.id,
          }),
          // Answered by the client's evidence: closed, with the message.
          objection({
            lens: 'engineer',
            objection: 'Does the effort fit?',
            response: 'The pilot ran in six weeks',
            status: 'answered_with_evidence',
            closedByMessageId: said[2]!.id,
          }),
        ]),
      },
    };

    const { proposal } = await draft(h, id);

    const objections = (proposal.data as SoundingBoardArtifact).recommendations[0]!.objections;
    expect(objections.map((o) => [o.lens, o.status, o.closedByMessageId])).toEqual([
      ['cfo', 'open', null],
      ['ceo', 'open', null],
      ['board', 'open', null],
      ['engineer', 'answered_with_evidence', said[2]!.id],
    ]);
  });

  it('goes to the other provider when both keys are configured, and names that model in the provenance', async () => {
    const h = harness(
      createFacilitator(loadConfig({ ...OPENAI, ANTHROPIC_API_KEY: 'test-key-not-real', PROVIDER: 'openai' })),
    );
    const { id } = await sessionWithTalk(h);
    const critique = recommendation([objection({ lens: 'cfo', objection: 'What is the payback?' })]);
    answers = {
      sounding_board: recommendation([]),
      sounding_board_critic: { reasoning: 'No CFO objection was raised: raising it.', revised: critique },
    };

    const { frames, proposal } = await draft(h, id);

    // The replies and the draft on OpenAI; the critic on Anthropic's endpoint, with the facts.
    expect(seen.filter((s) => s.provider === 'anthropic').map((s) => s.tool)).toEqual(['sounding_board_critic']);
    expect(seen.filter((s) => s.provider === 'openai' && s.tool).map((s) => s.tool)).toEqual(['sounding_board']);
    expect(seen.find((s) => s.provider === 'anthropic')!.text).toMatch(/over budget by EUR\u00a050,000/);
    expect(proposal.data).toEqual(critique);
    expect(proposal).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(proposal.provenance['recommendations/c1']!.origin).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      promptVersion: 'sounding_board/extractor@4+common/transcript@1+sounding_board/critic@4',
    });
    const note = frames.find((f) => f.event === 'message')!.data as Message;
    expect(
      h.db.prepare('SELECT purpose, provider, model FROM model_calls WHERE message_id = ? ORDER BY id').all(note.id),
    ).toEqual([
      { purpose: 'draft', provider: 'openai', model: 'gpt-4.1-mini' },
      { purpose: 'critic', provider: 'anthropic', model: 'claude-sonnet-4-5' },
    ]);
  });
});
