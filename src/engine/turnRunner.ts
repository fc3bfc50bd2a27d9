import {
  applyConversationEvents,
  callsOf,
  isAppError,
  isProviderError,
  type CallRecord,
  type ConversationEvent,
  type Message,
  type ModelIdentity,
  type StepId,
  type Usage,
} from '../domain/index.js';
import {
  finishMessage,
  getConversationState,
  recordConversationEvent,
  recordModelCall,
  saveConversationState,
  savePartialContent,
  setMessageIntent,
  type Db,
  type FinishedReply,
} from '../storage/index.js';
import type { DraftResult, Facilitator, ReplyPart, TurnInput } from './facilitator.js';
import type { LiveTurn, TurnError, TurnEvent } from './liveTurn.js';
import { modelCallOutcome, type LastModelCall } from './modelStatus.js';

export interface TurnDeps {
  readonly db: Db;
  readonly facilitator: Facilitator;
  /** How often partial text is written while it streams: batched, never one write per token. */
  readonly flushIntervalMs: number;
  /** Told how each finished turn's model call went (see modelStatus.ts). */
  readonly onModelCall?: (outcome: LastModelCall) => void;
  /**
   * Validates what the turn produced and stores it: a draft as a proposal for the advisor to review,
   * a reply's running update as a revision. Returns the event that tells the page.
   */
  readonly storeArtifact: (
    sessionId: number,
    step: StepId,
    data: unknown,
    meta: {
      messageId: number;
      promptVersion: string;
      kind: 'reply' | 'draft';
      author?: DraftResult['author'];
      readings?: DraftResult['readings'];
    },
  ) => ArtifactEvent;
}

/** `artifact`: a new revision was stored; `proposal`: a draft waits for review. */
export type ArtifactEvent = Extract<TurnEvent, { type: 'artifact' | 'proposal' }>;

interface Outcome {
  usage: Usage;
  promptVersion: string | null;
  promptTokens: number | null;
  calls: readonly CallRecord[];
  trendId?: string | null;
  artifact?: unknown;
  question?: Extract<ReplyPart, { type: 'finish' }>['question'];
  filed?: Extract<ReplyPart, { type: 'finish' }>['filed'];
  userIntent?: Extract<ReplyPart, { type: 'finish' }>['userIntent'];
  author?: DraftResult['author'];
  readings?: DraftResult['readings'];
}

/**
 * Streams the facilitator's answer into the turn and the transcript; never throws. The facilitator
 * starts before `stored` settles (its request overlaps the rows' write); nothing of its answer is
 * read, emitted or written until then.
 */
export async function runReplyTurn(
  deps: TurnDeps,
  turn: LiveTurn,
  input: TurnInput,
  reply: Message,
  stored: Promise<void>,
): Promise<void> {
  const started = performance.now();
  const parts = startReply(deps, input, turn);
  const first = parts.next();
  if (!(await whenStored(turn, stored, first))) return;
  let text = '';
  let outcome: Outcome | null = null;
  let failure: unknown = null;
  const flusher = batchedFlush(deps, reply.id, () => text);
  try {
    for (let next = first; ; next = parts.next()) {
      const step = await next;
      if (step.done) break;
      const part = step.value;
      if (part.type === 'text-delta') {
        if (part.text === '') continue;
        text += part.text;
        turn.emit({ type: 'delta', data: { text: part.text } });
        flusher.schedule();
      } else {
        outcome = part;
      }
    }
    if (turn.signal.aborted) throw turn.signal.reason;
  } catch (e) {
    failure = e;
  } finally {
    flusher.cancel();
  }
  finish(deps, turn, input, reply, text, outcome, failure, performance.now() - started);
}

/** Builds the step's artifact; the note beside it is the turn's text. Never throws. */
export async function runDraftTurn(
  deps: TurnDeps,
  turn: LiveTurn,
  input: TurnInput,
  note: Message,
  stored: Promise<void>,
): Promise<void> {
  const started = performance.now();
  const drafting = Promise.resolve().then(() => deps.facilitator.draft(input, turn.signal));
  if (!(await whenStored(turn, stored, drafting))) return;
  let text = '';
  let outcome: Outcome | null = null;
  let failure: unknown = null;
  try {
    const result = await drafting;
    if (turn.signal.aborted) throw turn.signal.reason;
    text = result.note;
    turn.emit({ type: 'delta', data: { text } });
    outcome = { ...result };
  } catch (e) {
    failure = e;
  }
  finish(deps, turn, input, note, text, outcome, failure, performance.now() - started);
}

/** The facilitator's reply as an iterator; a facilitator that throws at once fails on the first step, like any other. */
function startReply(deps: TurnDeps, input: TurnInput, turn: LiveTurn): AsyncIterator<ReplyPart> {
  try {
    return deps.facilitator.reply(input, turn.signal)[Symbol.asyncIterator]();
  } catch (e) {
    return { next: () => Promise.reject(e) };
  }
}

/**
 * Waits for the turn's rows to be written. If that failed, the facilitator's work (`started`) is
 * aborted and left unread, the turn ends with the error, and false is returned. `started` is read
 * later when all is well; marked handled now, so a facilitator that fails before the rows are
 * written is a failed turn, not an unhandled rejection that would stop the process.
 */
async function whenStored(turn: LiveTurn, stored: Promise<void>, started: Promise<unknown>): Promise<boolean> {
  started.catch(() => undefined);
  try {
    await stored;
    return true;
  } catch (e) {
    turn.abort('not_stored');
    console.error('A turn could not be stored:', e instanceof Error ? e.message : e);
    turn.emit({
      type: 'error',
      data: {
        kind: 'internal',
        message: 'Your message could not be saved, so it was not answered. Nothing else changed; send it again.',
        retryable: false,
      },
    });
    turn.emit({ type: 'done', data: { status: 'failed' } });
    turn.close();
    return false;
  }
}

function finish(
  deps: TurnDeps,
  turn: LiveTurn,
  input: TurnInput,
  message: Message,
  text: string,
  outcome: Outcome | null,
  failure: unknown,
  latencyMs: number,
): void {
  const identity = deps.facilitator.identity;
  let artifactFailure: unknown = null;
  let artifact: ArtifactEvent | null = null;
  if (!failure && outcome?.artifact !== undefined) {
    try {
      artifact = deps.storeArtifact(input.session.id, input.step, outcome.artifact, {
        messageId: message.id,
        promptVersion: outcome.promptVersion ?? '',
        kind: turn.kind,
        ...(outcome.author ? { author: outcome.author } : {}),
        ...(outcome.readings ? { readings: outcome.readings } : {}),
      });
    } catch (e) {
      artifactFailure = e;
    }
  }
  const error = failure ?? artifactFailure;
  const status = statusOf(turn, failure, text);
  let stored: Message;
  try {
    // The stored reply and its call records in one transaction: one commit on the hot path, not two.
    stored = deps.db.transaction(() => {
      const finished = finishMessage(deps.db, message.id, {
        content: text,
        status,
        provider: identity.provider,
        model: identity.model,
        promptVersion: outcome?.promptVersion ?? null,
        tokensIn: outcome?.usage.tokensIn ?? null,
        tokensOut: outcome?.usage.tokensOut ?? null,
        promptTokens: outcome?.promptTokens ?? null,
        latencyMs: Math.round(latencyMs),
        error: error ? describe(error, turn).message : null,
        trendId: outcome?.trendId ?? null,
        questionId: outcome?.question?.id ?? null,
        questionFamily: outcome?.question?.family ?? null,
      } satisfies FinishedReply);
      if (turn.kind === 'reply' && status === 'complete' && outcome) recordReply(deps.db, input, finished, outcome);
      // A failed structured call still cost tokens: its draft and repair calls ride on the error.
      recordCalls(
        deps.db,
        input.session.id,
        message.id,
        identity,
        outcome?.calls ?? callsOf(failure),
        failure,
        turn,
        latencyMs,
      );
      return finished;
    })();
  } catch (e) {
    // The message and the reply so far were stored as the turn began and as it streamed; only its end
    // could not be written (the row stays `streaming`, marked incomplete on the next start).
    console.error('A reply could not be stored:', e instanceof Error ? e.message : e);
    turn.emit({
      type: 'error',
      data: {
        kind: 'internal',
        message: 'The reply could not be saved. Your message is kept; retry.',
        retryable: true,
      },
    });
    turn.emit({ type: 'done', data: { status: 'failed' } });
    turn.close();
    return;
  }
  const call = modelCallOutcome(identity, failure, stored.updatedAt);
  if (call) deps.onModelCall?.(call);
  if (artifact) turn.emit(artifact);
  turn.emit({ type: 'message', data: stored });
  if (error && status !== 'stopped') {
    const said = describe(error, turn);
    if (said.details) console.warn(`A model's output was unusable (${said.kind}): ${said.details.join('; ')}`);
    turn.emit({ type: 'error', data: said });
  }
  turn.emit({ type: 'done', data: { status } });
  turn.close();
}

/**
 * What a complete reply adds to the step's state: the facilitator's reading of the user's message
 * (the bank questions it filled, how it was meant) and the question the reply asked.
 */
function recordReply(db: Db, input: TurnInput, reply: Message, outcome: Outcome): void {
  const user = input.transcript.findLast((m) => m.role === 'user');
  const events: ConversationEvent[] = [];
  if (user && outcome.userIntent && outcome.userIntent !== user.intent) {
    setMessageIntent(db, user.id, outcome.userIntent);
    events.push({ type: 'user_message', messageId: user.id, trendId: user.trendId, intent: outcome.userIntent });
  }
  if (user && outcome.filed && outcome.filed.length > 0) {
    const filed: ConversationEvent = { type: 'filed', entries: outcome.filed };
    recordConversationEvent(db, input.session.id, input.step, user.id, filed);
    events.push(filed);
  }
  if (outcome.question !== undefined)
    events.push({ type: 'asked', messageId: reply.id, trendId: reply.trendId, question: outcome.question });
  if (events.length === 0) return;
  const state = getConversationState(db, input.session.id, input.step);
  saveConversationState(db, input.session.id, input.step, applyConversationEvents(state, events));
}

function statusOf(turn: LiveTurn, failure: unknown, text: string): FinishedReply['status'] {
  if (!failure) return 'complete';
  if (turn.abortedBecause === 'stopped') return 'stopped';
  return text === '' ? 'failed' : 'incomplete';
}

/**
 * Our words for what went wrong; a provider's own message is already ours (see providers/errors).
 * A validator's findings on a model's output are `details` (the event and the server log), never the
 * message people read.
 */
function describe(error: unknown, turn: LiveTurn): TurnError {
  if (turn.abortedBecause === 'shutdown') {
    return {
      kind: 'interrupted',
      message: 'The server is shutting down; the partial reply is kept. Retry after it restarts.',
      retryable: true,
    };
  }
  if (isProviderError(error)) {
    return {
      kind: error.kind,
      message: error.message,
      // Not retried automatically (a silent stream, an unusable draft), but worth the person's Retry.
      retryable: error.retryable || error.kind === 'invalid_output' || error.kind === 'timeout',
      ...(error.issues.length > 0 ? { details: error.issues.slice(0, 20) } : {}),
    };
  }
  if (isAppError(error)) return { kind: error.kind, message: error.message, retryable: false };
  return {
    kind: 'internal',
    message: 'Something went wrong while writing this reply; what was written so far is kept. Retry.',
    retryable: true,
  };
}

function recordCalls(
  db: Db,
  sessionId: number,
  messageId: number,
  identity: ModelIdentity,
  calls: readonly CallRecord[],
  failure: unknown,
  turn: LiveTurn,
  latencyMs: number,
): void {
  if (identity.provider === 'offline') return;
  const made =
    calls.length > 0
      ? calls
      : [
          {
            purpose: turn.kind === 'draft' ? 'draft' : 'reply',
            usage: { tokensIn: null, tokensOut: null },
            latencyMs,
            outcome: turn.signal.aborted
              ? 'aborted'
              : isProviderError(failure) && failure.kind === 'invalid_output'
                ? 'invalid_output'
                : 'error',
          } satisfies CallRecord,
        ];
  for (const c of made) {
    recordModelCall(db, {
      sessionId,
      messageId,
      purpose: c.purpose,
      // The critic may have run on the other provider: the call names who took it.
      provider: c.provider ?? identity.provider,
      model: c.provider ? (c.model ?? null) : identity.model,
      tokensIn: c.usage.tokensIn,
      tokensOut: c.usage.tokensOut,
      latencyMs: c.latencyMs,
      outcome: c.outcome,
    });
  }
}

/** Writes the partial text at most once per interval while a reply streams. */
function batchedFlush(deps: TurnDeps, messageId: number, current: () => string) {
  let timer: NodeJS.Timeout | null = null;
  return {
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        savePartialContent(deps.db, messageId, current());
      }, deps.flushIntervalMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
