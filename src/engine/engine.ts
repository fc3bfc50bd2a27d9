import {
  AppError,
  STEPS,
  checkAnswer,
  type AnswerForm,
  type TypedAnswer,
  STEP_IDS,
  chosenTrends,
  ACTION_LABELS,
  actionsOf,
  applyConversationEvents,
  classifyUserMessage,
  conflict,
  danglingReferences,
  OverrideReason,
  initialProgress,
  openGapsOf,
  stepsLeft,
  unmetText,
  unmetToLeave,
  invalid,
  nextDialogueTrend,
  notFound,
  quarterAfter,
  refused,
  stepStatuses,
  stepsOf,
  transition,
  editedProvenance,
  itemKeysByPath,
  uniformProvenance,
  type ArtifactDiff,
  trendAfterMoveOn,
  type ArtifactOf,
  type ArtifactRevision,
  type ArtifactSet,
  type ArtifactSource,
  type DanglingReference,
  type Client,
  type ConversationAction,
  type ConversationState,
  type ConversationEvent,
  type Message,
  type Progress,
  type ProvenanceMap,
  type Session,
  type SessionMode,
  type StepEvent,
  type StepFacts,
  type StepId,
  type StepOverride,
  type StepStatus,
  type TranscriptMessage,
  type UnmetCondition,
  attemptsToReplace,
  retryableReply,
  inferProfile,
  type Region,
} from '../domain/index.js';
import * as store from '../storage/index.js';
import type { Db } from '../storage/index.js';
import { RECENT_MESSAGES, type Facilitator, type Prefill, type TurnInput } from './facilitator.js';
import { Library } from './library.js';
import type { LiveTurn } from './liveTurn.js';
import type { LastModelCall } from './modelStatus.js';
import {
  ArtifactReview,
  validated,
  type ProposalView,
  type RevisionMeta,
  type TracedRevision,
} from './artifactReview.js';
import { knownIds, refuseDanglingReferences } from './references.js';
import { TurnRegistry } from './turnRegistry.js';
import { runDraftTurn, runReplyTurn, type TurnDeps } from './turnRunner.js';

export interface EngineOptions {
  readonly db: Db;
  readonly facilitator: Facilitator;
  readonly flushIntervalMs?: number;
}

export interface StepView {
  readonly step: StepId;
  readonly number: number;
  readonly title: string;
  readonly produces: string;
  readonly status: StepStatus;
  readonly hasArtifact: boolean;
}

export interface ArtifactView {
  readonly revision: number;
  readonly source: ArtifactSource;
  readonly createdAt: string;
  readonly stale: boolean;
  readonly data: unknown;
  /** Where each item came from, by item key ("risks/r2", "summary"). */
  readonly provenance: ProvenanceMap;
  /** Each item's place in `data` ("risks.1") → its key in `provenance` ("risks/r2"). */
  readonly itemKeys: Readonly<Record<string, string>>;
  /** The revision this one restored, if it is a restore. */
  readonly restoredFrom: number | null;
  /** Ids the artifact cites that name nothing in the session (a trend since removed, say): flagged, not fatal. */
  readonly danglingReferences: readonly DanglingReference[];
}

/** Everything the page needs to draw a session, in one answer. */
export interface SessionView {
  readonly session: Session;
  readonly client: Client;
  readonly steps: readonly StepView[];
  readonly current: StepId | null;
  /** Null when the current step may be left; otherwise why not, in words a user can act on. */
  readonly advanceBlockedBy: string | null;
  /** What the current step still needs before it is left without an override (empty: nothing). */
  readonly unmet: readonly UnmetCondition[];
  /** Every time the advisor moved on anyway, with the conditions then unmet and the reason, oldest first. */
  readonly overrides: readonly StepOverride[];
  readonly artifacts: Partial<Record<StepId, ArtifactView>>;
  /** Drafts waiting for review, by step, with their changes against the current revision. */
  readonly proposals: Partial<Record<StepId, ProposalView>>;
  readonly answersByTrend: Readonly<Record<string, number>>;
  /** Dialogue: the trend the conversation is on now. */
  readonly dialogueTrendId: string | null;
  /** Dialogue: the user pressed "That's enough" (or typed it). */
  readonly dialogueEnough: boolean;
  readonly liveTurn: { readonly turnId: number; readonly kind: 'reply' | 'draft' } | null;
  /**
   * The reply that POST /retry would write again: the current step's answer to the user's last
   * message, when it failed or was cut short (after a reload or a restart too); null while a turn runs.
   */
  readonly retryableReplyId: number | null;
  /**
   * The form of the question standing in the current step (offline): typed answers beside the chat.
   * Null when none stands, the question fills no fields, or the facilitator asks no such questions.
   */
  readonly answerForm: AnswerForm | null;
  /** The same client's latest earlier quarter, for the Radar Review; null for a first quarter. */
  readonly previousSession: { readonly id: number; readonly quarter: string } | null;
  /** Every earlier quarterly session with work of its own, latest first: what a Radar Review can compare with. */
  readonly earlierSessions: readonly SessionChoice[];
}

/** A session as offered for choosing: to carry from, or to open instead of starting a duplicate. */
export interface SessionChoice {
  readonly id: number;
  readonly quarter: string;
  readonly title: string | null;
  readonly current: StepId | null;
}

/** What the new-session form shows before anything is created, for a client name and a quarter. */
export interface SessionPlan {
  /** The client of that name, when there is one in use. */
  readonly client: Client | null;
  /** The client's quarterly sessions of that quarter: a second one is refused unless asked for. */
  readonly existing: readonly SessionChoice[];
  /** What the new quarter can start from, the default first (see earlierQuarterlySessions). */
  readonly carryFrom: readonly SessionChoice[];
  /** The quarter after the client's latest quarterly session, for a form that has not been typed in. */
  readonly suggestedQuarter: string | null;
}

export interface SessionSnapshot {
  readonly client: Client;
  readonly session: Session;
  readonly artifacts: ArtifactSet;
  readonly stale: StepId[];
  /** Where each item of the latest artifacts came from (drafted, carried over, added by hand). */
  readonly provenance: Partial<Record<StepId, ProvenanceMap>>;
  /** Every time the advisor moved on past unmet conditions, oldest first. */
  readonly overrides: readonly StepOverride[];
  /** What the steps the session has moved on from still lack, by step (steps lacking nothing left out). */
  readonly openGaps: Partial<Record<StepId, readonly UnmetCondition[]>>;
}

export interface NewSession {
  readonly clientName: string;
  readonly industry: string;
  readonly quarter: string;
  readonly mode: SessionMode;
  readonly title?: string | null;
  /** Start from the client's previous quarter: its context, trends, risks and roadmap, as revision 1. */
  readonly carryOver?: boolean;
  /** The session to carry over from, instead of the default (the latest earlier quarter with work). */
  readonly carryFrom?: number | null;
  /** Start a second quarterly session for a quarter that already has one. */
  readonly allowDuplicate?: boolean;
  /** Where the client works, for a new client's question banks (with the profile its industry suggests). */
  readonly region?: Region | null;
  /** The client's currency (ISO 4217, checked at the boundary): set on the client when given. */
  readonly currency?: string | null;
}

/** What a new quarter inherits; the dialogue, the forecast and the pressure tests are redone each quarter. */
export const CARRIED_STEPS = ['context', 'trends', 'risks', 'roadmap'] as const satisfies readonly StepId[];

/**
 * The foresight engine: sessions move through the step machine; turns run on the server,
 * independent of the HTTP connection that asked for them, and everything lands in SQLite.
 */
export class Engine {
  readonly turns = new TurnRegistry();
  /** Clients and sessions to rename, archive, trash and restore. */
  readonly library: Library;
  private readonly db: Db;
  private readonly facilitator: Facilitator;
  private readonly turnDeps: TurnDeps;
  private readonly review: ArtifactReview;
  private lastCall: LastModelCall | null = null;

  constructor(options: EngineOptions) {
    this.db = options.db;
    this.facilitator = options.facilitator;
    this.turnDeps = {
      db: options.db,
      facilitator: options.facilitator,
      flushIntervalMs: options.flushIntervalMs ?? 200,
      onModelCall: (outcome) => (this.lastCall = outcome),
      storeArtifact: (sessionId, step, data, meta) =>
        meta.kind === 'draft'
          ? { type: 'proposal', data: this.review.propose(sessionId, step, data, meta) }
          : { type: 'artifact', data: artifactEvent(this.review.applyRunningDraft(sessionId, step, data, meta)) },
    };
    this.review = new ArtifactReview({
      db: options.db,
      identity: () => this.facilitator.identity,
      storeRevision: (sessionId, step, data, meta) =>
        this.storeRevision(this.requireSession(sessionId), step, data, meta),
    });
    // Replies that were streaming when the last process died are kept, marked incomplete.
    store.markInterruptedReplies(this.db);
    this.library = new Library(this.db, this.turns);
  }

  get identity() {
    return this.facilitator.identity;
  }

  /** How the model's last call went since the server started; null before the first, and offline. */
  get lastModelCall(): LastModelCall | null {
    return this.lastCall;
  }

  createSession(input: NewSession): SessionView {
    const session = this.db.transaction(() => {
      const client = this.clientForNewSession(input);
      if (input.mode === 'quarterly' && !input.allowDuplicate) {
        const existing = store.quarterlySessionsOf(this.db, client.id, input.quarter)[0];
        if (existing) {
          throw new AppError(
            'conflict',
            `${client.name} already has a quarterly session for ${input.quarter} (session ${existing.id}${existing.title ? `, "${existing.title}"` : ''}). Open it, or ask for a second one on purpose (allowDuplicate).`,
            { details: { existingSession: choiceOf(existing) } },
          );
        }
      }
      const created = store.insertSession(this.db, {
        clientId: client.id,
        quarter: input.quarter,
        mode: input.mode,
        title: input.title ?? null,
        progress: initialProgress(input.mode),
      });
      const carried = input.carryOver ? this.carryOver(created, input.carryFrom ?? null) : null;
      this.postOpening(created, client, stepsOf(input.mode)[0]!);
      if (carried) {
        // Said by the product, not by a model or the question bank: no provider, no prompt version.
        store.insertMessage(this.db, {
          sessionId: created.id,
          step: 'context',
          trendId: null,
          role: 'assistant',
          kind: 'opening',
          status: 'complete',
          content: `Carried over from ${carried.quarter}: ${carried.steps.map((s) => STEPS[s].produces.toLowerCase()).join(', ')}. Each is revision 1 of its step here: confirm it as it stands, or revise it, as you reach the step. The dialogue, the impact forecast and the sounding board start afresh this quarter.`,
        });
      }
      return created;
    })();
    return this.view(session.id);
  }

  /** What the new-session form needs to know about a client name and a quarter before creating anything. */
  planSession(clientName: string, quarter: string): SessionPlan {
    const client = store.findClientByName(this.db, clientName);
    if (!client) return { client: null, existing: [], carryFrom: [], suggestedQuarter: null };
    const latest = store.listSessions(this.db, client.id).find((s) => s.mode === 'quarterly');
    return {
      client,
      existing: store.quarterlySessionsOf(this.db, client.id, quarter).map(choiceOf),
      carryFrom: store.earlierQuarterlySessions(this.db, client.id, quarter).map(choiceOf),
      suggestedQuarter: latest ? quarterAfter(latest.quarter) : null,
    };
  }

  /** The client a new session is for: found by name (an archived one comes back to the list), or created. */
  private clientForNewSession(input: NewSession): Client {
    const record = store.findClientRecordByName(this.db, input.clientName);
    const currency = input.currency ?? null;
    if (!record) {
      const profile = input.region ? { ...inferProfile(input.industry), region: input.region } : null;
      return store.insertClient(this.db, input.clientName, input.industry, { currency, profile });
    }
    if (record.deletedAt) {
      throw conflict(
        `A client named "${record.client.name}" is in the trash. Restore it to add a session, or choose another name.`,
      );
    }
    if (currency !== null && currency !== record.client.currency)
      store.setClientCurrency(this.db, record.client.id, currency);
    const client = store.getClient(this.db, record.client.id)!;
    return client.archivedAt ? store.setClientArchived(this.db, client.id, false) : client;
  }

  /** Copies the previous quarter's lasting artifacts into a new session; null when there is nothing to carry. */
  private carryOver(session: Session, from: number | null): { quarter: string; steps: StepId[] } | null {
    if (session.mode !== 'quarterly')
      throw invalid('Only a quarterly session can start from the previous quarter.', 'carryOver');
    const candidates = store.earlierQuarterlySessions(this.db, session.clientId, session.quarter);
    const previous = from === null ? candidates[0] : candidates.find((c) => c.id === from);
    if (from !== null && !previous) {
      throw invalid(
        `Session ${from} cannot be carried from: choose an earlier quarterly session of the same client that has work in it${candidates.length ? ` (${candidates.map((c) => `${c.id}: ${c.quarter}`).join(', ')})` : ''}.`,
        'carryFrom',
      );
    }
    if (!previous) return null;
    const artifacts = store.latestArtifacts(this.db, previous.id);
    const steps = CARRIED_STEPS.filter((step) => artifacts[step] !== undefined);
    for (const step of steps) {
      store.insertRevision(this.db, {
        sessionId: session.id,
        step,
        data: artifacts[step],
        source: 'carried',
        carriedFrom: previous.id,
        provenance: uniformProvenance(step, artifacts[step], {
          kind: 'carried',
          fromSessionId: previous.id,
          quarter: previous.quarter,
        }),
      });
    }
    return steps.length > 0 ? { quarter: previous.quarter, steps } : null;
  }

  /** The session, or a not-found error: for callers that only need to know it exists. */
  session(sessionId: number): Session {
    return this.requireSession(sessionId);
  }

  listSessions(clientId?: number): Session[] {
    return store.listSessions(this.db, clientId);
  }

  /** The transcript: all of it, or a page of the latest `limit` messages before message `before`. */
  messages(sessionId: number, page?: { limit: number; before?: number }): Message[] {
    this.requireSession(sessionId);
    return page
      ? store.listMessagesPage(this.db, sessionId, page.limit, page.before)
      : store.listMessages(this.db, sessionId);
  }

  /** The explicit actions recorded in a session (next trend, enough, skip, and the offline facilitator's filings). */
  conversationEvents(sessionId: number): store.StoredConversationEvent[] {
    this.requireSession(sessionId);
    return store.listConversationEvents(this.db, sessionId);
  }

  /** One stored message of the session (a reply a reconnecting page missed); undefined if it is another session's. */
  message(sessionId: number, messageId: number): Message | undefined {
    const found = store.getMessage(this.db, messageId);
    return found?.sessionId === sessionId ? found : undefined;
  }

  view(sessionId: number): SessionView {
    const session = this.requireSession(sessionId);
    const client = store.getClient(this.db, session.clientId)!;
    const revisions = store.latestRevisions(this.db, sessionId);
    const facts = this.facts(sessionId);
    const progress = session.progress;
    const current = progress.status === 'active' ? progress.current : null;
    const live = this.turns.inFlight(sessionId);
    const known = knownIds(this.db, sessionId, facts.artifacts, revisions);
    const earlier = store.earlierQuarterlySessions(this.db, session.clientId, session.quarter);
    return {
      session,
      client,
      steps: stepStatuses(progress).map(({ step, status }) => ({
        ...STEPS[step],
        step,
        status,
        hasArtifact: facts.artifacts[step] !== undefined,
      })),
      current,
      advanceBlockedBy: current
        ? this.advanceBlockedBy(sessionId, progress, current, facts)
        : 'The session is complete.',
      unmet: current ? unmetToLeave(current, facts) : [],
      overrides: store.listOverrides(this.db, sessionId),
      artifacts: Object.fromEntries(
        revisions.map((r) => [
          r.step,
          {
            revision: r.revision,
            source: r.source,
            createdAt: r.createdAt,
            stale: progress.stale.includes(r.step),
            data: r.data,
            provenance: (r.provenance ?? this.review.current(sessionId, r.step)!.provenance) as ProvenanceMap,
            itemKeys: itemKeysByPath(r.step, r.data),
            restoredFrom: r.restoredFrom,
            danglingReferences: danglingReferences(r.step, r.data as ArtifactOf<StepId>, known),
          } satisfies ArtifactView,
        ]),
      ),
      answersByTrend: facts.exchangesByTrend,
      dialogueTrendId: this.dialogueTrend(sessionId, facts),
      dialogueEnough: facts.dialogueEnough ?? false,
      proposals: this.review.proposals(sessionId),
      liveTurn: live ? { turnId: live.turnId, kind: live.kind } : null,
      retryableReplyId:
        current && !live ? (retryableReply(store.listStepTranscript(this.db, sessionId, current))?.id ?? null) : null,
      answerForm: current ? this.standingForm(session, current) : null,
      previousSession: earlier[0] ? { id: earlier[0].id, quarter: earlier[0].quarter } : null,
      earlierSessions: earlier.map(choiceOf),
    };
  }

  /**
   * Stores the user's message and starts the reply; the reply runs on whether or not anyone listens.
   * `answer`: the values confirmed in a question's form, checked against the fields it fills and
   * stored with the message as data.
   */
  postMessage(
    sessionId: number,
    body: { content: string; trendId?: string | null; answer?: TypedAnswer | null },
  ): LiveTurn {
    return this.startUserTurn(sessionId, body.content, body.trendId ?? null, null, body.answer ?? null);
  }

  /**
   * Reads a pasted text or a free answer into a question's form, to PRE-FILL it: nothing is stored;
   * the advisor corrects what was read and confirms it by sending the form.
   */
  prefill(sessionId: number, body: { questionId: string; text: string }): Prefill & { form: AnswerForm } {
    const session = this.requireSession(sessionId);
    const step = this.requireActiveStep(session);
    const { input, form } = this.formOf(session, step, body.questionId);
    return { ...this.facilitator.forms!.prefill(input, body.questionId, body.text), form };
  }

  /** The input a typed-answer form is built from: the step's state and artifacts, no transcript. */
  private formInput(session: Session, step: StepId): TurnInput {
    return {
      session: this.turnSession(session),
      step,
      trendId: null,
      artifacts: store.latestArtifacts(this.db, session.id),
      transcript: [],
      state: store.getConversationState(this.db, session.id, step),
    };
  }

  private standingForm(session: Session, step: StepId): AnswerForm | null {
    return this.facilitator.forms?.standing(this.formInput(session, step)) ?? null;
  }

  /** A question of the step with a form, or a 422 that says why there is none. */
  private formOf(session: Session, step: StepId, questionId: string): { input: TurnInput; form: AnswerForm } {
    if (!this.facilitator.forms)
      throw invalid(
        'Typed answers are for the offline facilitator’s questions; with a model, write in the chat or edit the artifact.',
        'questionId',
      );
    const input = this.formInput(session, step);
    const form = this.facilitator.forms.form(input, questionId);
    if (!form) throw invalid(`"${questionId}" is not a question of this step that a form answers.`, 'questionId');
    return { input, form };
  }

  /**
   * An explicit action ("Next trend", "That's enough", "Skip this question"): stored as the user's
   * command in the transcript, recorded as an event, and answered like a message. Typed words that
   * stand for an action take this same path (postMessage).
   */
  act(sessionId: number, action: ConversationAction): LiveTurn {
    return this.startUserTurn(sessionId, ACTION_LABELS[action], null, action);
  }

  private startUserTurn(
    sessionId: number,
    content: string,
    askedTrendId: string | null,
    action: ConversationAction | null,
    typed: TypedAnswer | null = null,
  ): LiveTurn {
    return store.inOneRead(this.db, () => {
      const session = this.requireSession(sessionId);
      const step = this.requireActiveStep(session);
      this.refuseIfBusy(sessionId);
      if (action && !actionsOf(step).includes(action))
        throw invalid(
          `"${ACTION_LABELS[action]}" belongs to the dialogue; in this step you can only skip a question.`,
          'action',
        );
      const artifacts = store.latestArtifacts(this.db, sessionId);
      const state = store.getConversationState(this.db, sessionId, step);
      let trendId: string | null = null;
      if (step === 'dialogue') {
        const chosen = artifacts.trends ? chosenTrends(artifacts.trends) : [];
        if (askedTrendId && !chosen.some((t) => t.id === askedTrendId)) {
          throw invalid(
            `"${askedTrendId}" is not one of the chosen trends (${chosen.map((t) => t.id).join(', ') || 'none chosen'}).`,
            'trendId',
          );
        }
        trendId = askedTrendId ?? this.dialogueTrend(sessionId, { artifacts, exchangesByTrend: state.answersByTrend });
      }
      const answer = typed && {
        questionId: typed.questionId,
        values: checkAnswer(
          step,
          this.formOf(session, step, typed.questionId).form.fields.map((f) => f.path),
          typed.values,
        ),
      };
      // A form's answer is an answer, whatever its text says ("skip" in a note is not a command).
      const filed = answer ? { intent: 'answer' as const, action: null } : classifyUserMessage(content, step, action);
      const [userId, replyId] = store.reserveMessageIds(this.db, 2) as [number, number];
      const userMessage = store.draftMessage(
        this.db,
        {
          sessionId,
          step,
          trendId,
          role: 'user',
          kind: 'chat',
          content,
          status: 'complete',
          questionId: answer?.questionId ?? state.lastQuestion?.id ?? null,
          questionFamily: state.lastQuestion?.family ?? null,
          answer,
          ...filed,
        },
        userId,
      );
      const events: ConversationEvent[] = [
        { type: 'user_message', messageId: userId, trendId, intent: filed.intent },
        ...(filed.action
          ? [
              {
                type: 'action' as const,
                action: filed.action,
                ...(filed.action === 'next_trend'
                  ? { to: trendAfterMoveOn(artifacts.trends, state.answersByTrend, trendId) }
                  : {}),
              },
            ]
          : []),
      ];
      const reply = this.draftPendingReply(sessionId, step, trendId, 'chat', replyId);
      return this.startTurn(session, step, trendId, reply, userMessage, 'reply', artifacts, {
        state: applyConversationEvents(state, events),
        actions: events.filter((e) => e.type === 'action'),
      });
    });
  }

  /**
   * Writes the reply to the user's last message again, after it failed, was cut or was stopped. The
   * message is not stored twice; the earlier attempt stays in the transcript with its status.
   */
  retry(sessionId: number): LiveTurn {
    return store.inOneRead(this.db, () => {
      const session = this.requireSession(sessionId);
      const step = this.requireActiveStep(session);
      this.refuseIfBusy(sessionId);
      const messages = store.listRecentStepTranscript(this.db, sessionId, step, RECENT_MESSAGES);
      const lastUser = messages.filter((m) => m.role === 'user').at(-1);
      if (!lastUser) throw refused('There is no message of yours in this step to answer again.');
      const after = messages.filter((m) => m.id > lastUser.id);
      if (after.some((m) => m.role === 'assistant' && m.status === 'complete')) {
        throw refused('Your last message already has a complete reply; write a new message instead.');
      }
      const reply = this.draftPendingReply(sessionId, step, lastUser.trendId, 'chat');
      return this.startTurn(
        session,
        step,
        lastUser.trendId,
        reply,
        null,
        'reply',
        store.latestArtifacts(this.db, sessionId),
        {
          state: store.getConversationState(this.db, sessionId, step),
          retry: { answering: lastUser.id, replaces: attemptsToReplace(messages).map((m) => m.id) },
        },
      );
    });
  }

  /** Asks the facilitator to build the current step's artifact from the conversation so far. */
  draft(sessionId: number): LiveTurn {
    return store.inOneRead(this.db, () => {
      const session = this.requireSession(sessionId);
      const step = this.requireActiveStep(session);
      this.refuseIfBusy(sessionId);
      const reply = this.draftPendingReply(sessionId, step, null, 'draft');
      return this.startTurn(session, step, null, reply, null, 'draft', store.latestArtifacts(this.db, sessionId), {
        state: store.getConversationState(this.db, sessionId, step),
      });
    });
  }

  stop(sessionId: number): void {
    this.requireSession(sessionId);
    const turn = this.turns.inFlight(sessionId);
    if (!turn) throw conflict('No reply is being written in this session, so there is nothing to stop.');
    turn.abort('stopped');
  }

  /**
   * Moves to the next step when the current one meets its conditions. `override`: move on anyway,
   * past the unmet conditions, for the reason given: recorded with them, and named in the memo.
   */
  advance(sessionId: number, override?: { reason: string }): SessionView {
    if (override === undefined) return this.applyEvent(sessionId, { type: 'advance' });
    const reason = OverrideReason.safeParse(override.reason);
    if (!reason.success) throw invalid(`"override.reason": ${reason.error.issues[0]!.message}`, 'override.reason');
    return this.applyEvent(sessionId, { type: 'advance', override: { reason: reason.data } });
  }

  goBack(sessionId: number, to: StepId): SessionView {
    return this.applyEvent(sessionId, { type: 'go_back', to });
  }

  /** Keeps a stale artifact as it is. */
  confirm(sessionId: number, step: StepId): SessionView {
    return this.applyEvent(sessionId, { type: 'confirm', step });
  }

  /** A hand edit: validated like any artifact, stored as a new revision, never overwriting history. */
  editArtifact(sessionId: number, step: StepId, data: unknown): ArtifactRevision {
    const session = this.requireSession(sessionId);
    const live = this.turns.inFlight(sessionId);
    if (live?.kind === 'draft')
      throw conflict('An artifact is being drafted right now; edit it when the draft is done.');
    const current = this.review.current(sessionId, step);
    return this.storeRevision(session, step, data, {
      source: 'user',
      promptVersion: null,
      messageId: null,
      provenance: (parsed) =>
        current
          ? editedProvenance(step, current.data, current.provenance, parsed)
          : uniformProvenance(step, parsed, { kind: 'advisor' }),
    });
  }

  /** Every revision of a step, oldest first, with where each item came from. */
  artifactHistory(sessionId: number, step: StepId): TracedRevision[] {
    this.requireSession(sessionId);
    return this.review.history(sessionId, step);
  }

  /** The step's draft waiting for review, or null. */
  proposal(sessionId: number, step: StepId): ProposalView | null {
    this.requireSession(sessionId);
    return this.review.proposal(sessionId, step);
  }

  /**
   * Accepts the step's draft: all of it (`items` undefined) or the named items. A draft holding values
   * read from chat answers needs `confirmReadings`: the advisor's word that they checked them.
   */
  acceptProposal(sessionId: number, step: StepId, items?: readonly string[], confirmReadings = false) {
    this.refuseWhileDrafting(sessionId);
    return this.review.accept(sessionId, step, items, confirmReadings);
  }

  /** Edits the step's draft before it is accepted. */
  editProposal(sessionId: number, step: StepId, data: unknown): ProposalView | null {
    this.refuseWhileDrafting(sessionId);
    this.review.editProposal(sessionId, step, data);
    return this.review.proposal(sessionId, step);
  }

  /** Rejects the named items of the step's draft, or discards it whole. */
  rejectProposal(sessionId: number, step: StepId, items?: readonly string[]): void {
    this.refuseWhileDrafting(sessionId);
    this.review.reject(sessionId, step, items);
  }

  /** Writes an earlier revision of a step again, as its newest. */
  restoreRevision(sessionId: number, step: StepId, revision: number): ArtifactRevision {
    this.refuseWhileDrafting(sessionId);
    return this.review.restore(sessionId, step, revision);
  }

  /** What revision `to` of a step changed in revision `from`. */
  diffRevisions(sessionId: number, step: StepId, from: number, to: number): ArtifactDiff {
    this.requireSession(sessionId);
    return this.review.diff(sessionId, step, from, to);
  }

  /** What an export needs of a session: its client, latest artifacts and which of them are stale. */
  snapshot(sessionId: number): SessionSnapshot {
    const session = this.requireSession(sessionId);
    return {
      client: store.getClient(this.db, session.clientId)!,
      session,
      artifacts: store.latestArtifacts(this.db, sessionId),
      stale: [...session.progress.stale],
      provenance: Object.fromEntries(
        STEP_IDS.flatMap((step) => {
          const current = this.review.current(sessionId, step);
          return current ? [[step, current.provenance]] : [];
        }),
      ),
      overrides: store.listOverrides(this.db, sessionId),
      openGaps: this.openGaps(session),
    };
  }

  /** What the steps the session has moved on from still lack: the gaps its memo names. */
  private openGaps(session: Session): Partial<Record<StepId, readonly UnmetCondition[]>> {
    const facts = this.facts(session.id);
    return Object.fromEntries(
      stepsLeft(session.progress).flatMap((step) => {
        const unmet = openGapsOf(step, facts);
        return unmet.length > 0 ? [[step, unmet]] : [];
      }),
    );
  }

  /** The same client's session of the latest quarter before this one's: what a Radar Review compares with. */
  previousSession(sessionId: number): Session | undefined {
    const session = this.requireSession(sessionId);
    const previous = previousOf(this.db, session);
    return previous ? store.getSession(this.db, previous.id) : undefined;
  }

  search(text: string, clientId?: number): store.SearchHit[] {
    return store.searchMessages(this.db, text, { clientId });
  }

  /** Stops every turn in flight (their partial text is stored as incomplete) and waits for them. */
  async shutdown(): Promise<void> {
    await this.turns.abortAll('shutdown');
  }

  // --- internals ---

  /**
   * Starts a turn whose rows (`reply`, and the user's message if any) are drafted but not written.
   * The facilitator starts at once, so a model request is built and sent in this event-loop turn; the
   * rows are written in the next (`setImmediate`), while the request is in flight, instead of on the
   * critical path ahead of it (bench/: the transaction is ~0.2 ms of a turn's overhead). The turn
   * reads nothing of its answer and writes nothing of it until the rows are stored, and announces
   * itself (`turn`) only then. A write that fails ends the turn with an error and aborts the request.
   */
  private startTurn(
    session: Session,
    step: StepId,
    trendId: string | null,
    reply: Message,
    userMessage: Message | null,
    kind: 'reply' | 'draft',
    artifacts: ArtifactSet,
    conversation: {
      /** The step's state with the user's message applied: stored with it. */
      state: ConversationState;
      /** The explicit actions the message took, recorded as events. */
      actions?: readonly ConversationEvent[];
      /** A retry: the message it answers again, and the attempts it replaces. */
      retry?: RetryOf;
    },
  ): LiveTurn {
    const turn = this.turns.start(reply.id, session.id, kind);
    const input = this.turnInput(session, step, trendId, artifacts, conversation.state, {
      whole: kind === 'draft',
      answering: conversation.retry?.answering,
      unstored: userMessage,
    });
    const stored = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          const written = this.db.transaction(() => {
            const user = userMessage && store.storeMessage(this.db, userMessage);
            store.storeMessage(this.db, reply);
            if (user) {
              store.saveConversationState(this.db, session.id, step, conversation.state);
              for (const e of conversation.actions ?? [])
                store.recordConversationEvent(this.db, session.id, step, user.id, e);
            }
            if (conversation.retry) store.supersedeReplies(this.db, conversation.retry.replaces, reply.id);
            store.touchSession(this.db, session.id);
            return user;
          })();
          turn.emit({
            type: 'turn',
            data: { turnId: reply.id, kind, step, userMessage: written, assistantMessageId: reply.id },
          });
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
    void (kind === 'reply'
      ? runReplyTurn(this.turnDeps, turn, input, reply, stored)
      : runDraftTurn(this.turnDeps, turn, input, reply, stored));
    return turn;
  }

  private draftPendingReply(
    sessionId: number,
    step: StepId,
    trendId: string | null,
    kind: 'chat' | 'draft',
    id?: number,
  ): Message {
    const { provider, model } = this.facilitator.identity;
    return store.draftMessage(
      this.db,
      { sessionId, step, trendId, role: 'assistant', kind, content: '', status: 'streaming', provider, model },
      id,
    );
  }

  /**
   * What a facilitator reads: the step's persisted state, and its latest messages (a reply: at most
   * RECENT_MESSAGES; a draft: `whole`, every one), without the attempts a Retry replaced (shown, never
   * sent again). `answering`: a retry reads the conversation up to the message it answers, not the
   * attempts after it. `unstored`: the user's message, not written yet.
   */
  private turnInput(
    session: Session,
    step: StepId,
    trendId: string | null,
    artifacts: ArtifactSet,
    state: ConversationState,
    read: { whole?: boolean; answering?: number | undefined; unstored?: TranscriptMessage | null } = {},
  ): TurnInput {
    const stored = read.whole
      ? store.listStepTranscript(this.db, session.id, step)
      : store.listRecentStepTranscript(
          this.db,
          session.id,
          step,
          RECENT_MESSAGES - (read.unstored ? 1 : 0),
          read.answering,
        );
    return {
      session: this.turnSession(session),
      step,
      trendId,
      artifacts,
      // The pending reply is not part of what the facilitator reads.
      transcript: [
        ...stored.filter((m) => m.status !== 'streaming' && m.supersededBy === null),
        ...(read.unstored ? [read.unstored] : []),
      ],
      state,
    };
  }

  /** Who the session is for, as a facilitator reads it: the client's name, industry, currency and question banks. */
  private turnSession(session: Session): TurnInput['session'] {
    const client = store.getClient(this.db, session.clientId)!;
    return {
      id: session.id,
      clientName: client.name,
      industry: client.industry,
      currency: client.currency,
      quarter: session.quarter,
      mode: session.mode,
      profile: client.profile,
    };
  }

  private applyEvent(sessionId: number, event: StepEvent): SessionView {
    const session = this.requireSession(sessionId);
    if (event.type === 'advance' || event.type === 'go_back') this.refuseIfBusy(sessionId);
    this.db.transaction(() => {
      const result = transition(session.progress, event, this.facts(sessionId));
      if (!result.ok) {
        const current = session.progress.status === 'active' ? session.progress.current : null;
        const { code, message, unmet } = result.refusal;
        throw new AppError(
          code === 'guard' || code === 'stale' ? 'refused' : 'conflict',
          code === 'guard' && current ? this.withWaitingDraft(sessionId, current, message) : message,
          unmet ? { details: { unmet } } : {},
        );
      }
      store.updateProgress(this.db, sessionId, result.progress);
      for (const effect of result.effects) {
        if (effect.type === 'entered_step')
          this.postOpeningOnce({ ...session, progress: result.progress }, effect.step);
        if (effect.type === 'overridden') store.recordOverride(this.db, { sessionId, ...effect });
      }
    })();
    return this.view(sessionId);
  }

  private storeRevision(session: Session, step: StepId, data: unknown, meta: RevisionMeta): ArtifactRevision {
    const parsed = { data: validated(step, data) };
    return this.db.transaction(() => {
      const fresh = this.requireSession(session.id);
      const facts = this.facts(session.id);
      const result = transition(fresh.progress, { type: 'artifact_revised', step }, facts);
      if (!result.ok) throw new AppError('conflict', result.refusal.message);
      refuseDanglingReferences(this.db, session.id, step, parsed.data, facts.artifacts);
      const revision = store.insertRevision(this.db, {
        sessionId: session.id,
        step,
        data: parsed.data,
        source: meta.source,
        provider: meta.source === 'user' ? null : (meta.provider ?? this.facilitator.identity.provider),
        model: meta.source === 'user' ? null : (meta.model ?? this.facilitator.identity.model),
        promptVersion: meta.promptVersion,
        messageId: meta.messageId,
        provenance: meta.provenance(parsed.data),
        proposalId: meta.proposalId ?? null,
        restoredFrom: meta.restoredFrom ?? null,
      });
      store.updateProgress(this.db, session.id, result.progress);
      return revision;
    })();
  }

  private postOpeningOnce(session: Session, step: StepId): void {
    const already = store.listStepMessages(this.db, session.id, step).length > 0;
    if (!already) this.postOpening(session, store.getClient(this.db, session.clientId)!, step);
  }

  private postOpening(session: Session, client: Client, step: StepId): void {
    const state = store.getConversationState(this.db, session.id, step);
    const input = this.turnInput(session, step, null, store.latestArtifacts(this.db, session.id), state);
    const opening = this.facilitator.opening({
      ...input,
      session: { ...input.session, clientName: client.name, industry: client.industry },
    });
    const { provider, model } = this.facilitator.identity;
    const stored = store.insertMessage(this.db, {
      sessionId: session.id,
      step,
      trendId: opening.trendId,
      role: 'assistant',
      kind: 'opening',
      content: opening.text,
      status: 'complete',
      questionId: opening.question?.id ?? null,
      questionFamily: opening.question?.family ?? null,
      provider,
      model,
      promptVersion: opening.promptVersion,
    });
    store.saveConversationState(
      this.db,
      session.id,
      step,
      applyConversationEvents(state, [
        { type: 'asked', messageId: stored.id, trendId: opening.trendId, question: opening.question },
      ]),
    );
  }

  /** What the guards read: the artifacts, and the dialogue's answers and "enough" as persisted, never counted from text. */
  private facts(sessionId: number): StepFacts {
    const dialogue = store.getConversationState(this.db, sessionId, 'dialogue');
    return {
      artifacts: store.latestArtifacts(this.db, sessionId),
      exchangesByTrend: dialogue.answersByTrend,
      dialogueEnough: dialogue.enough,
    };
  }

  private advanceBlockedBy(sessionId: number, progress: Progress, current: StepId, facts: StepFacts): string | null {
    if (progress.stale.includes(current)) return `This step's artifact is stale: revise it, or keep it as it is.`;
    const blocked = unmetText(unmetToLeave(current, facts));
    return blocked && this.withWaitingDraft(sessionId, current, blocked);
  }

  /** A guard's reason, with the draft that would meet it named first when one is waiting for review. */
  private withWaitingDraft(sessionId: number, step: StepId, reason: string): string {
    if (!store.openProposal(this.db, sessionId, step)) return reason;
    return `A draft of the ${STEPS[step].produces.toLowerCase()} is waiting for review: accept it (all of it, or item by item) to make it the step's artifact. ${reason}`;
  }

  /** The trend the dialogue is on, as persisted; the domain's choice when it is not one of the chosen trends. */
  private dialogueTrend(sessionId: number, facts: StepFacts): string | null {
    const current = store.getConversationState(this.db, sessionId, 'dialogue').trendId;
    const chosen = facts.artifacts.trends ? chosenTrends(facts.artifacts.trends) : [];
    if (current && chosen.some((t) => t.id === current)) return current;
    return nextDialogueTrend(facts.artifacts.trends, facts.exchangesByTrend, null);
  }

  private requireSession(id: number): Session {
    const s = store.getSession(this.db, id);
    if (s) return s;
    if (store.getSessionRecord(this.db, id)?.trashed)
      throw new AppError('not_found', `Session ${id} is in the trash: restore it to open it.`);
    throw notFound(`Session ${id}`);
  }

  private requireActiveStep(session: Session): StepId {
    if (session.progress.status !== 'active')
      throw refused('The session is complete. Go back to a step to revise it before writing more.');
    return session.progress.current;
  }

  private refuseWhileDrafting(sessionId: number): void {
    this.requireSession(sessionId);
    if (this.turns.inFlight(sessionId)?.kind === 'draft')
      throw conflict('A draft is being written right now; review it when it is done.');
  }

  private refuseIfBusy(sessionId: number): void {
    const live = this.turns.inFlight(sessionId);
    if (live) {
      throw new AppError(
        'conflict',
        'A reply is still being written in this session. Wait for it to finish, or stop it, then try again.',
        {
          details: { liveTurn: { turnId: live.turnId, kind: live.kind } },
        },
      );
    }
  }
}

/** What the `artifact` event of a turn says about a new revision. */
function artifactEvent(revision: ArtifactRevision) {
  return {
    step: revision.step,
    revision: revision.revision,
    source: revision.source,
    createdAt: revision.createdAt,
    data: revision.data,
  };
}

/** A Retry: the user's message it answers again, and the earlier attempts its reply replaces. */
interface RetryOf {
  readonly answering: number;
  readonly replaces: readonly number[];
}

/** The session a Radar Review compares with by default: the latest earlier quarter with work in it. */
function previousOf(db: Db, session: Session): { id: number; quarter: string } | null {
  const earlier = store.earlierQuarterlySessions(db, session.clientId, session.quarter)[0];
  return earlier ? { id: earlier.id, quarter: earlier.quarter } : null;
}

function choiceOf(s: Session): SessionChoice {
  return {
    id: s.id,
    quarter: s.quarter,
    title: s.title,
    current: s.progress.status === 'active' ? s.progress.current : null,
  };
}
