/**
 * A session as the server says it is: the view (steps, artifacts, what blocks advancing), the
 * transcript, and the reply being written right now. The page renders this and nothing else;
 * every change goes to the server and comes back from it.
 */
import { useCallback, useEffect, useReducer, useRef } from '../lib/html.js';
import { ApiError, TURN_ENDED, api, followTurn, turnRequests } from '../api.js';

/** @typedef {import('../types.js').SessionView} SessionView */
/** @typedef {import('../types.js').Frame} Frame */
/** @typedef {import('/shared/domain.mjs').Message} Message */
/** @typedef {import('/shared/domain.mjs').StepId} StepId */
/** @typedef {import('/shared/domain.mjs').ConversationAction} ConversationAction */
/** @typedef {import('/shared/domain.mjs').UnmetCondition} UnmetCondition */

/**
 * An error as the page shows it: the message, its kind, the field at fault, and what Retry does.
 * @typedef {{
 *   message: string,
 *   kind: string,
 *   status?: number,
 *   field?: string | null,
 *   retryable?: boolean,
 *   retry: (() => unknown) | null,
 * }} ShownError
 */

/**
 * The reply being written now, as far as it has come.
 * @typedef {{ turnId: number, kind: import('../types.js').TurnKind, step: string, text: string, reconnecting: boolean }} LiveReply
 */

/**
 * What the page is waiting for (a reply or a draft), and how to ask again if it fails.
 * @typedef {{ label: 'reply' | 'draft' | undefined, retry: (() => unknown) | undefined }} Pending
 */

/**
 * @typedef {{
 *   view: SessionView | null,
 *   messages: Message[],
 *   hasOlder: boolean,
 *   loadingOlder: boolean,
 *   live: LiveReply | null,
 *   error: ShownError | null,
 *   loadError: ShownError | null,
 *   pending: Pending | null,
 * }} SessionState
 */

/**
 * @typedef {(
 *   | { type: 'reset' }
 *   | { type: 'loaded', view: SessionView, messages: Message[], hasOlder: boolean }
 *   | { type: 'older', messages: Message[], hasOlder: boolean }
 *   | { type: 'loading_older', value: boolean }
 *   | { type: 'load_failed', error: ShownError }
 *   | { type: 'view', view: SessionView }
 *   | { type: 'messages', messages: Message[] }
 *   | { type: 'pending', value: Pending | null }
 *   | { type: 'error', error: ShownError }
 *   | { type: 'clear_error' }
 *   | { type: 'frame', frame: Frame }
 * )} SessionAction
 */

/** @type {SessionState} */
const initial = {
  view: null,
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  live: null,
  error: null,
  loadError: null,
  pending: null,
};

/** The page loads the latest messages and older ones on request: a long session opens as fast as a short one. */
export const MESSAGES_PAGE = 100;

/**
 * Messages merged by id, oldest first: a newer page and the older pages already loaded.
 * @param {Message[]} messages
 * @param {Message[]} page
 * @returns {Message[]}
 */
function merge(messages, page) {
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const m of page) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * @param {Message[]} messages
 * @param {Message | null | undefined} message
 */
function upsert(messages, message) {
  if (!message) return messages;
  const i = messages.findIndex((m) => m.id === message.id);
  if (i < 0) return [...messages, message].sort((a, b) => a.id - b.id);
  const copy = [...messages];
  copy[i] = message;
  return copy;
}

/**
 * @param {SessionState} state
 * @param {SessionAction} action
 * @returns {SessionState}
 */
function reduce(state, action) {
  switch (action.type) {
    case 'reset':
      return initial;
    case 'loaded':
      return {
        ...state,
        view: action.view,
        messages: merge(state.messages, action.messages),
        // Only the first load says whether older messages exist; later refreshes bring newer ones.
        hasOlder: state.messages.length === 0 ? action.hasOlder : state.hasOlder,
        loadError: null,
      };
    case 'older':
      return {
        ...state,
        messages: merge(state.messages, action.messages),
        hasOlder: action.hasOlder,
        loadingOlder: false,
      };
    case 'loading_older':
      return { ...state, loadingOlder: action.value };
    case 'load_failed':
      return { ...state, loadError: action.error };
    case 'view':
      return { ...state, view: action.view };
    case 'messages':
      return { ...state, messages: merge(state.messages, action.messages) };
    case 'pending':
      return { ...state, pending: action.value };
    case 'error':
      return { ...state, error: action.error };
    case 'clear_error':
      return { ...state, error: null };
    case 'frame':
      return applyFrame(state, action.frame);
    default:
      return state;
  }
}

/**
 * One SSE event of a turn applied to the page's state.
 * @param {SessionState} state
 * @param {Frame} frame
 * @returns {SessionState}
 */
function applyFrame(state, { event, data }) {
  switch (event) {
    case 'turn':
      return {
        ...state,
        messages: upsert(state.messages, data.userMessage),
        live: { turnId: data.turnId, kind: data.kind, step: data.step, text: '', reconnecting: false },
      };
    case 'delta':
      return state.live
        ? { ...state, live: { ...state.live, text: state.live.text + data.text, reconnecting: false } }
        : state;
    case 'artifact': {
      if (!state.view) return state;
      const artifacts = {
        ...state.view.artifacts,
        [data.step]: {
          revision: data.revision,
          source: data.source,
          createdAt: data.createdAt,
          stale: false,
          data: data.data,
        },
      };
      return { ...state, view: { ...state.view, artifacts } };
    }
    case 'proposal':
      return state.view
        ? { ...state, view: { ...state.view, proposals: { ...state.view.proposals, [data.step]: data } } }
        : state;
    case 'message':
      return { ...state, messages: upsert(state.messages, data) };
    case 'error':
      return {
        ...state,
        error: {
          message: data.message,
          kind: data.kind,
          retryable: data.retryable,
          retry: state.pending?.retry ?? null,
        },
      };
    case 'reconnecting':
      return state.live ? { ...state, live: { ...state.live, reconnecting: true } } : state;
    case 'done':
    case 'idle':
      return { ...state, live: null };
    default:
      return state;
  }
}

/**
 * @param {unknown} e
 * @param {(() => unknown) | null | undefined} retry
 * @returns {ShownError}
 */
const asError = (e, retry) => ({
  message: e instanceof ApiError ? e.message : 'Something went wrong in the page. Retry.',
  kind: e instanceof ApiError ? e.kind : 'internal',
  status: e instanceof ApiError ? e.status : 0,
  field: e instanceof ApiError ? e.field : null,
  retry: retry ?? null,
});

/** @param {number} sessionId */
export function useSession(sessionId) {
  const [state, dispatch] = useReducer(reduce, initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** @type {import('/vendor/preact.mjs').RefObject<AbortController | null>} */
  const streamRef = useRef(null);
  /** @type {import('/vendor/preact.mjs').RefObject<string | null>} */
  const lastEventId = useRef(null);
  const mounted = useRef(true);

  const refresh = useCallback(async () => {
    const [view, { messages, hasOlder }] = await Promise.all([
      api.view(sessionId),
      api.messages(sessionId, { limit: MESSAGES_PAGE }),
    ]);
    if (mounted.current) dispatch({ type: 'loaded', view, messages, hasOlder: hasOlder ?? false });
    return view;
  }, [sessionId]);

  /** The page of messages before the oldest one shown. */
  const loadOlder = useCallback(
    /** @returns {Promise<void>} */
    async () => {
      const oldest = stateRef.current.messages[0];
      if (!oldest || stateRef.current.loadingOlder) return;
      dispatch({ type: 'loading_older', value: true });
      try {
        const { messages, hasOlder } = await api.messages(sessionId, { limit: MESSAGES_PAGE, before: oldest.id });
        if (mounted.current) dispatch({ type: 'older', messages, hasOlder: hasOlder ?? false });
      } catch (e) {
        dispatch({ type: 'loading_older', value: false });
        dispatch({ type: 'error', error: asError(e, () => loadOlder()) });
      }
    },
    [sessionId],
  );

  /**
   * Runs one turn's stream to its end. `accepted` is called when the server has taken the turn
   * (its first event); before that, a refusal leaves everything the user typed where it was.
   */
  const runTurn = useCallback(
    /**
     * @param {(signal: AbortSignal) => import('../api.js').OpenTurn} request
     * @param {{ retry?: () => unknown, accepted?: () => void, label?: 'reply' | 'draft' }} [options]
     */
    async (request, { retry, accepted, label } = {}) => {
      streamRef.current?.abort();
      const controller = new AbortController();
      streamRef.current = controller;
      dispatch({ type: 'pending', value: { label, retry } });
      dispatch({ type: 'clear_error' });
      let started = false;
      try {
        lastEventId.current = await followTurn({
          sessionId,
          open: request(controller.signal),
          signal: controller.signal,
          lastEventId: null,
          onEvent: (frame) => {
            if (!mounted.current) return;
            if (frame.id) lastEventId.current = frame.id;
            if (frame.event === 'turn' && !started) {
              started = true;
              accepted?.();
            }
            dispatch({ type: 'frame', frame });
          },
        });
      } catch (e) {
        if (controller.signal.aborted || !mounted.current) return;
        dispatch({ type: 'error', error: asError(e, retry) });
      } finally {
        window.dispatchEvent(new Event(TURN_ENDED));
        if (streamRef.current === controller) streamRef.current = null;
        if (mounted.current && !controller.signal.aborted) {
          dispatch({ type: 'pending', value: null });
          // Steps, artifacts and what blocks advancing may all have moved with this turn.
          refresh().catch(() => {});
        }
      }
    },
    [sessionId, refresh],
  );

  const attach = useCallback(
    /** @returns {Promise<void>} */
    () => runTurn((signal) => turnRequests.attach(sessionId, signal), { retry: () => attach(), label: 'reply' }),
    [sessionId, runTurn],
  );

  // Load, and reattach to a reply that is still being written (a reload, a second tab).
  useEffect(() => {
    mounted.current = true;
    dispatch({ type: 'reset' });
    lastEventId.current = null;
    refresh()
      .then((view) => {
        if (view.liveTurn && mounted.current) attach();
      })
      .catch((e) => mounted.current && dispatch({ type: 'load_failed', error: asError(e, null) }));
    return () => {
      mounted.current = false;
      // Leaving the page only stops listening: the server keeps writing.
      streamRef.current?.abort();
    };
  }, [sessionId]);

  /** Once the server has stored the message, Retry answers it again instead of sending it twice. */
  const send = useCallback(
    /**
     * @param {string} content
     * @param {string | null | undefined} trendId
     * @param {() => void} [accepted]
     * @param {{ questionId: string, values: Record<string, unknown> } | null} [answer] the values confirmed in the question's form
     * @returns {Promise<void>}
     */
    (content, trendId, accepted, answer = null) => {
      const body = { content, ...(trendId ? { trendId } : {}), ...(answer ? { answer } : {}) };
      const turn = { stored: false };
      return runTurn((signal) => turnRequests.message(sessionId, body, signal), {
        accepted: () => {
          turn.stored = true;
          accepted?.();
        },
        label: 'reply',
        retry: () => (turn.stored ? answerAgain() : send(content, trendId, accepted, answer)),
      });
    },
    [sessionId, runTurn],
  );

  const answerAgain = useCallback(
    /** @returns {Promise<void>} */
    () =>
      runTurn((signal) => turnRequests.retry(sessionId, signal), {
        label: 'reply',
        retry: () => answerAgain(),
      }),
    [sessionId, runTurn],
  );

  const draft = useCallback(
    /** @returns {Promise<void>} */
    () =>
      runTurn((signal) => turnRequests.draft(sessionId, signal), {
        label: 'draft',
        retry: () => draft(),
      }),
    [sessionId, runTurn],
  );

  /** An explicit action (next trend, enough, skip): recorded by the server, answered like a message. */
  const takeAction = useCallback(
    /**
     * @param {ConversationAction} action
     * @returns {Promise<void>}
     */
    (action) => {
      const turn = { stored: false };
      return runTurn((signal) => turnRequests.action(sessionId, action, signal), {
        accepted: () => {
          turn.stored = true;
        },
        label: 'reply',
        // Once stored, the command is answered again, not taken twice.
        retry: () => (turn.stored ? answerAgain() : takeAction(action)),
      });
    },
    [sessionId, runTurn, answerAgain],
  );

  /** A plain request that returns the new view (advance, back, confirm, stop). */
  const act = useCallback(
    /**
     * @param {() => Promise<SessionView>} fn
     * @returns {Promise<boolean>}
     */
    async (fn) => {
      dispatch({ type: 'clear_error' });
      try {
        const result = await fn();
        if (result?.session && result.steps) dispatch({ type: 'view', view: result });
        const { messages } = await api.messages(sessionId, { limit: MESSAGES_PAGE });
        dispatch({ type: 'messages', messages });
        return true;
      } catch (e) {
        dispatch({ type: 'error', error: asError(e, () => act(fn)) });
        return false;
      }
    },
    [sessionId],
  );

  const stop = useCallback(async () => {
    try {
      await api.stop(sessionId);
    } catch (e) {
      // Already finished: nothing to stop.
      if (!(e instanceof ApiError && e.status === 409)) dispatch({ type: 'error', error: asError(e, () => stop()) });
    }
  }, [sessionId]);

  /** Stores a hand edit as a new revision; returns the error (with its field) for the editor to show. */
  const saveArtifact = useCallback(
    /**
     * @param {StepId} step
     * @param {unknown} data
     * @returns {Promise<ShownError | null>}
     */
    async (step, data) => {
      try {
        const { session } = await api.editArtifact(sessionId, step, data);
        dispatch({ type: 'view', view: session });
        return null;
      } catch (e) {
        return asError(e, null);
      }
    },
    [sessionId],
  );

  /** Saves the advisor's edit of a draft before it is accepted; returns the error for the editor to show. */
  const saveProposal = useCallback(
    /**
     * @param {StepId} step
     * @param {unknown} data
     * @returns {Promise<ShownError | null>}
     */
    async (step, data) => {
      try {
        const { session } = await api.editProposal(sessionId, step, data);
        dispatch({ type: 'view', view: session });
        return null;
      } catch (e) {
        return asError(e, null);
      }
    },
    [sessionId],
  );

  /** Accepts or rejects a draft (all of it, or the item keys named); the view comes back with the result. */
  const decide = useCallback(
    /**
     * @param {'accept' | 'reject'} decision
     * @param {StepId} step
     * @param {string[]} [items]
     */
    (decision, step, items) =>
      act(async () => {
        const result = await (decision === 'accept' ? api.accept : api.reject)(sessionId, step, items);
        return result.session;
      }),
    [sessionId, act],
  );

  /**
   * Next step, or past what the step still lacks with an override and its reason. A refusal that
   * lists the unmet conditions, and a reason the server will not take, come back to the caller to
   * show beside the button; anything else goes to the error banner.
   */
  const advance = useCallback(
    /**
     * @param {{ reason: string }} [override]
     * @returns {Promise<{ ok: true } | { ok: false, message: string, unmet: UnmetCondition[], field: string | null }>}
     */
    async (override) => {
      dispatch({ type: 'clear_error' });
      try {
        dispatch({ type: 'view', view: await api.advance(sessionId, override) });
        const { messages } = await api.messages(sessionId, { limit: MESSAGES_PAGE });
        dispatch({ type: 'messages', messages });
        return { ok: true };
      } catch (e) {
        if (e instanceof ApiError && (e.details?.unmet || (override && e.status === 422))) {
          return { ok: false, message: e.message, unmet: e.details?.unmet ?? [], field: e.field ?? null };
        }
        dispatch({ type: 'error', error: asError(e, () => advance(override)) });
        return { ok: false, message: e instanceof Error ? e.message : String(e), unmet: [], field: null };
      }
    },
    [sessionId],
  );

  const restore = useCallback(
    /**
     * @param {StepId} step
     * @param {number} revision
     */
    (step, revision) => act(async () => (await api.restore(sessionId, step, revision)).session),
    [sessionId, act],
  );

  return {
    ...state,
    streaming: state.live !== null || state.pending !== null,
    refresh,
    send,
    draft,
    /** Writes the reply to the user's last message again (the view's retryableReplyId says when it can). */
    retry: answerAgain,
    takeAction,
    loadOlder,
    stop,
    attach,
    advance,
    /** @param {StepId} to */
    back: (to) => act(() => api.back(sessionId, to)),
    /** @param {StepId} step */
    confirm: (step) => act(() => api.confirm(sessionId, step)),
    saveArtifact,
    saveProposal,
    /** @param {StepId} step @param {string[]} [items] */
    accept: (step, items) => decide('accept', step, items),
    /** @param {StepId} step @param {string[]} [items] */
    reject: (step, items) => decide('reject', step, items),
    restore,
    clearError: () => dispatch({ type: 'clear_error' }),
  };
}
