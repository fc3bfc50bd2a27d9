import { Hono } from 'hono';
import { notFound } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { parseEventId } from '../../engine/liveTurn.js';
import { readJson } from '../body.js';
import { validate } from '../errors.js';
import {
  AcceptBody,
  ActionBody,
  AdvanceBody,
  ConfirmBody,
  CreateSessionBody,
  DiffQuery,
  EditArtifactBody,
  GoBackBody,
  ListSessionsQuery,
  MessagesQuery,
  PostMessageBody,
  PrefillBody,
  ProposalDecisionBody,
  RestoreBody,
  SessionIdParam,
  SessionPlanQuery,
  StepParam,
} from '../schemas.js';
import { startedTurnResponse, staticEventStream, turnEventResponse } from '../sse.js';

export function sessionRoutes(engine: Engine): Hono {
  const app = new Hono();
  const sessionId = (raw: string) => {
    const parsed = SessionIdParam.safeParse(raw);
    if (!parsed.success) throw notFound(`Session "${raw}"`);
    return parsed.data;
  };

  app.get('/', (c) => {
    const { clientId } = validate(ListSessionsQuery, c.req.query());
    return c.json({ sessions: engine.listSessions(clientId) });
  });

  app.post('/', async (c) => {
    const body = await readJson(c, CreateSessionBody);
    return c.json(engine.createSession(body), 201);
  });

  /** Before creating: the client's session of that quarter, if any, and what the new one can carry from. */
  app.get('/plan', (c) => {
    const { clientName, quarter } = validate(SessionPlanQuery, c.req.query());
    return c.json(engine.planSession(clientName, quarter));
  });

  app.get('/:id', (c) => c.json(engine.view(sessionId(c.req.param('id')))));

  /** The transcript; `?limit=&before=` pages it, newest first: `hasOlder` says whether to ask for the page before. */
  app.get('/:id/messages', (c) => {
    const id = sessionId(c.req.param('id'));
    const { limit, before } = validate(MessagesQuery, c.req.query());
    if (limit === undefined) return c.json({ messages: engine.messages(id) });
    const page = engine.messages(id, { limit: limit + 1, before });
    return c.json({ messages: page.slice(page.length > limit ? 1 : 0), hasOlder: page.length > limit });
  });

  /** Posts the user's message; the answer streams back as SSE, and runs on if this connection drops. */
  app.post('/:id/messages', async (c) => {
    const id = sessionId(c.req.param('id'));
    const body = await readJson(c, PostMessageBody);
    return startedTurnResponse(c, engine.postMessage(id, body));
  });

  /**
   * Reads a pasted text into a question's form: the values read, and the words each came from, for
   * the advisor to correct and confirm (POST /messages with `answer`). Nothing is stored.
   */
  app.post('/:id/prefill', async (c) => {
    const id = sessionId(c.req.param('id'));
    const body = await readJson(c, PrefillBody);
    return c.json(engine.prefill(id, body));
  });

  /**
   * An explicit action: "next_trend" and "enough" in the dialogue, "skip" (the question standing) in
   * any step. Stored as the user's command, recorded as an event, and answered as SSE like /messages.
   */
  app.post('/:id/actions', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { action } = await readJson(c, ActionBody);
    return startedTurnResponse(c, engine.act(id, action));
  });

  /** Answers the user's last message again after a failed, cut or stopped reply (SSE, like /messages). */
  app.post('/:id/retry', async (c) => {
    const id = sessionId(c.req.param('id'));
    return startedTurnResponse(c, engine.retry(id));
  });

  app.post('/:id/draft', async (c) => {
    const id = sessionId(c.req.param('id'));
    return startedTurnResponse(c, engine.draft(id));
  });

  /**
   * Reattach to the session's reply: the rest of a live one after Last-Event-ID (no duplicates, no gaps),
   * or, when it has ended, the stored message; "idle" when nothing is being written.
   */
  app.get('/:id/stream', (c) => {
    const id = sessionId(c.req.param('id'));
    engine.session(id);
    const last = parseEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    const turn = engine.turns.attachable(id);
    if (turn) return turnEventResponse(c, turn, last?.turnId === turn.turnId ? last.seq : 0);
    const finished = last ? engine.message(id, last.turnId) : undefined;
    if (finished) {
      return staticEventStream([
        { event: 'message', data: finished },
        { event: 'done', data: { status: finished.status } },
      ]);
    }
    return staticEventStream([{ event: 'idle', data: {} }]);
  });

  app.post('/:id/stop', (c) => {
    engine.stop(sessionId(c.req.param('id')));
    return c.json({ stopping: true }, 202);
  });

  app.post('/:id/advance', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { override } = await readJson(c, AdvanceBody);
    return c.json(engine.advance(id, override));
  });

  app.post('/:id/back', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { to } = await readJson(c, GoBackBody);
    return c.json(engine.goBack(id, to));
  });

  app.post('/:id/confirm', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { step } = await readJson(c, ConfirmBody);
    return c.json(engine.confirm(id, step));
  });

  app.get('/:id/artifacts', (c) => c.json({ artifacts: engine.view(sessionId(c.req.param('id'))).artifacts }));

  app.get('/:id/artifacts/:step', (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    return c.json({ step, revisions: engine.artifactHistory(id, step) });
  });

  app.put('/:id/artifacts/:step', async (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { data } = await readJson(c, EditArtifactBody);
    const revision = engine.editArtifact(id, step, data);
    return c.json({ revision, session: engine.view(id) });
  });

  /** The step's draft waiting for review, with its changes against the current revision (null when none). */
  app.get('/:id/artifacts/:step/proposal', (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    return c.json({ proposal: engine.proposal(id, step) });
  });

  /** Edits the draft before accepting it (the whole draft, validated like an artifact). */
  app.put('/:id/artifacts/:step/proposal', async (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { data } = await readJson(c, EditArtifactBody);
    return c.json({ proposal: engine.editProposal(id, step, data), session: engine.view(id) });
  });

  /** Accepts the draft: every change except edited or carried fields, or exactly the `items` named. */
  app.post('/:id/artifacts/:step/accept', async (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { items, confirmReadings } = await readJson(c, AcceptBody);
    const { revision, held } = engine.acceptProposal(id, step, items, confirmReadings);
    return c.json({ revision, held, proposal: engine.proposal(id, step), session: engine.view(id) });
  });

  /** Rejects the `items` named, or discards the whole draft. */
  app.post('/:id/artifacts/:step/reject', async (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { items } = await readJson(c, ProposalDecisionBody);
    engine.rejectProposal(id, step, items);
    return c.json({ proposal: engine.proposal(id, step), session: engine.view(id) });
  });

  /** Writes an earlier revision again as the newest one. */
  app.post('/:id/artifacts/:step/restore', async (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { revision } = await readJson(c, RestoreBody);
    return c.json({ revision: engine.restoreRevision(id, step, revision), session: engine.view(id) });
  });

  /** What revision `to` changed in revision `from`, item by item and field by field. */
  app.get('/:id/artifacts/:step/diff', (c) => {
    const id = sessionId(c.req.param('id'));
    const step = validate(StepParam, c.req.param('step'));
    const { from, to } = validate(DiffQuery, c.req.query());
    return c.json({ step, from, to, ...engine.diffRevisions(id, step, from, to) });
  });

  return app;
}
