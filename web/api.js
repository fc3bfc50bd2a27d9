/**
 * Everything the page asks the server: JSON calls, and the SSE streams of a turn read from
 * fetch's ReadableStream (POST bodies can't go through EventSource), with reconnect by Last-Event-ID.
 */

/** @typedef {import('./types.js').SessionView} SessionView */
/** @typedef {import('./types.js').Frame} Frame */
/** @typedef {import('./types.js').ProposalView} ProposalView */
/** @typedef {import('./types.js').TracedRevision} TracedRevision */
/** @typedef {import('/shared/domain.mjs').StepId} StepId */

/**
 * What went wrong, beside the message: the HTTP status (0 when the server was not reached), the
 * server's error kind (or `network`, `rate_limited`), the field at fault, whether a retry may help,
 * and for a 409 what is in the way.
 * @typedef {{
 *   status?: number,
 *   kind?: string,
 *   field?: string | null,
 *   retryable?: boolean,
 *   details?: {
 *     liveTurn?: { turnId: number, kind: import('./types.js').TurnKind },
 *     unmet?: import('/shared/domain.mjs').UnmetCondition[],
 *   } | null,
 *   cause?: unknown,
 * }} ApiErrorFacts
 */

/** A failed call, in words a person can act on: the server's message, its kind, the field at fault. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {ApiErrorFacts} [facts]
   */
  constructor(message, { status = 0, kind = 'internal', field = null, retryable = false, details = null, cause } = {}) {
    super(message, { cause });
    this.name = 'ApiError';
    this.status = status;
    this.kind = kind;
    this.field = field;
    this.retryable = retryable;
    /** For a 409: what is in the way, e.g. { liveTurn: { turnId, kind } }, or what a step still lacks ({ unmet }). */
    this.details = details;
  }
}

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/**
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
async function errorFrom(response) {
  // The server wants its access token again (the session ended, or the token was replaced): reloading
  // brings up its sign-in page, which returns here once signed in.
  if (response.status === 401 && typeof location !== 'undefined') location.reload();
  /** @type {Partial<import('./types.js').ErrorBody> | null} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const e = body?.error;
  const fallback =
    response.status === 429
      ? 'Too many requests right now. Wait a moment and retry.'
      : `${`The server answered ${response.status} ${response.statusText || ''}`.trim()}.`;
  return new ApiError(e?.message ?? fallback, {
    status: response.status,
    kind: e?.kind ?? (response.status === 429 ? 'rate_limited' : 'internal'),
    field: e?.field ?? null,
    retryable: RETRYABLE_STATUS.has(response.status),
    details: /** @type {ApiErrorFacts['details']} */ (e?.details) ?? null,
  });
}

/** @param {unknown} e */
function networkError(e) {
  return new ApiError('Cannot reach the Foresight server. Check that it is running, then retry.', {
    kind: 'network',
    retryable: true,
    cause: e,
  });
}

/**
 * One JSON call. The answer's type is the route's, named by the caller (see `api` below).
 * @template T
 * @param {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body] sent as JSON; `{ raw: text }` is sent as it is (a backup file, already JSON)
 * @returns {Promise<T>}
 */
async function call(method, path, body, fetchImpl = fetch) {
  let response;
  const text =
    body === undefined
      ? undefined
      : typeof body === 'object' && body !== null && 'raw' in body && typeof body.raw === 'string'
        ? body.raw
        : JSON.stringify(body);
  try {
    response = await fetchImpl(path, {
      method,
      headers:
        text === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: text,
    });
  } catch (e) {
    throw networkError(e);
  }
  if (!response.ok) throw await errorFrom(response);
  // No route answers 204 today; a body-less answer is null, whatever the caller expected.
  return response.status === 204 ? /** @type {T} */ (null) : response.json();
}

/**
 * @param {number} id
 * @param {string} [rest]
 */
const sessionPath = (id, rest = '') => `/api/sessions/${encodeURIComponent(id)}${rest}`;

/**
 * A request body as the server's schema takes it (src/server/schemas.ts), before its defaults.
 * @template {import('zod').ZodType} Schema
 * @typedef {import('zod').input<Schema>} BodyOf
 */
/** @typedef {BodyOf<typeof import('../src/server/schemas.js').CreateSessionBody>} NewSessionBody */
/** @typedef {BodyOf<typeof import('../src/server/schemas.js').PostMessageBody>} MessageBody */

export const api = {
  /** @returns {Promise<import('./types.js').Health>} */
  health: () => call('GET', '/api/health'),
  /**
   * Every artifact's fields, described from its schema, for the page's forms.
   * @returns {Promise<{ forms: Record<StepId, readonly import('./types.js').FieldSpec[]> }>}
   */
  forms: () => call('GET', '/api/forms'),
  /** @returns {Promise<{ clients: import('/shared/domain.mjs').Client[] }>} */
  clients: () => call('GET', '/api/clients'),
  /** Archived clients only: the home list leaves them out. @returns {Promise<{ clients: import('/shared/domain.mjs').Client[] }>} */
  archivedClients: () => call('GET', '/api/clients?archived=only'),
  /**
   * @param {number} id
   * @param {{ name?: string, industry?: string, archived?: boolean, currency?: string | null, profile?: import('/shared/domain.mjs').BankProfile | null }} change
   * @returns {Promise<{ client: import('/shared/domain.mjs').Client }>}
   */
  updateClient: (id, change) => call('PATCH', `/api/clients/${encodeURIComponent(id)}`, change),
  /**
   * @param {number} id
   * @returns {Promise<import('./types.js').TrashedAnswer>}
   */
  trashClient: (id) => call('DELETE', `/api/clients/${encodeURIComponent(id)}`),
  /**
   * @param {number} id
   * @returns {Promise<{ client: import('/shared/domain.mjs').Client }>}
   */
  restoreClient: (id) => call('POST', `/api/clients/${encodeURIComponent(id)}/restore`, {}),
  /**
   * @param {number} id
   * @param {string | null} title
   * @returns {Promise<{ session: import('/shared/domain.mjs').Session }>}
   */
  renameSession: (id, title) => call('PATCH', sessionPath(id), { title }),
  /**
   * @param {number} id
   * @returns {Promise<import('./types.js').TrashedAnswer>}
   */
  trashSession: (id) => call('DELETE', sessionPath(id)),
  /**
   * @param {number} id
   * @returns {Promise<{ session: import('/shared/domain.mjs').Session }>}
   */
  restoreSession: (id) => call('POST', sessionPath(id, '/restore'), {}),
  /** @returns {Promise<import('./types.js').TrashView>} */
  trash: () => call('GET', '/api/trash'),
  /** @returns {Promise<{ purged: { clients: number, sessions: number } }>} */
  emptyTrash: () => call('DELETE', '/api/trash'),
  /**
   * Before creating: the client's session of that quarter, if any, and what a new one can carry from.
   * @param {string} clientName
   * @param {string} quarter
   * @returns {Promise<import('./types.js').SessionPlan>}
   */
  plan: (clientName, quarter) =>
    call(
      'GET',
      `/api/sessions/plan?clientName=${encodeURIComponent(clientName)}&quarter=${encodeURIComponent(quarter)}`,
    ),
  /**
   * Restores a backup file's text as new rows; `merge` joins clients of the same name.
   * @param {string} text
   * @param {boolean} merge
   * @returns {Promise<{ restored: import('./types.js').RestoreReport }>}
   */
  restoreBackup: (text, merge) => call('POST', `/api/restore?merge=${merge ? 'true' : 'false'}`, { raw: text }),
  /**
   * @param {number} [clientId]
   * @returns {Promise<{ sessions: import('/shared/domain.mjs').Session[] }>}
   */
  sessions: (clientId) => call('GET', `/api/sessions${clientId ? `?clientId=${encodeURIComponent(clientId)}` : ''}`),
  /**
   * @param {NewSessionBody} body
   * @returns {Promise<SessionView>}
   */
  createSession: (body) => call('POST', '/api/sessions', body),
  /**
   * @param {number} id
   * @returns {Promise<SessionView>}
   */
  view: (id) => call('GET', sessionPath(id)),
  /**
   * The latest `limit` messages before message `before` (or the latest), oldest first; every message
   * without a limit. `hasOlder` comes with a limit.
   * @param {number} id
   * @param {{ limit?: number, before?: number }} [page]
   * @returns {Promise<{ messages: import('/shared/domain.mjs').Message[], hasOlder?: boolean }>}
   */
  messages: (id, { limit, before } = {}) =>
    call('GET', sessionPath(id, `/messages${limit ? `?limit=${limit}${before ? `&before=${before}` : ''}` : ''}`)),
  /**
   * @param {string} q
   * @returns {Promise<{ query: string, hits: import('./types.js').SearchHit[] }>}
   */
  search: (q) => call('GET', `/api/search?q=${encodeURIComponent(q)}`),
  /**
   * @param {number} id
   * @returns {Promise<{ stopping: boolean }>}
   */
  stop: (id) => call('POST', sessionPath(id, '/stop'), {}),
  /**
   * Next step; with `override`, move on although the step lacks what the method needs (the reason is recorded).
   * @param {number} id
   * @param {{ reason: string }} [override]
   * @returns {Promise<SessionView>}
   */
  advance: (id, override) => call('POST', sessionPath(id, '/advance'), override ? { override } : {}),
  /**
   * @param {number} id
   * @param {StepId} to
   * @returns {Promise<SessionView>}
   */
  back: (id, to) => call('POST', sessionPath(id, '/back'), { to }),
  /**
   * @param {number} id
   * @param {StepId} step
   * @returns {Promise<SessionView>}
   */
  confirm: (id, step) => call('POST', sessionPath(id, '/confirm'), { step }),
  /**
   * Reads a pasted text into a question's form (offline): the values read and the words each came from; nothing is stored.
   * @param {number} id
   * @param {string} questionId
   * @param {string} text
   * @returns {Promise<import('./types.js').Prefill>}
   */
  prefill: (id, questionId, text) => call('POST', sessionPath(id, '/prefill'), { questionId, text }),
  /**
   * @param {number} id
   * @param {StepId} step
   * @param {unknown} data
   * @returns {Promise<{ revision: import('/shared/domain.mjs').ArtifactRevision, session: SessionView }>}
   */
  editArtifact: (id, step, data) => call('PUT', sessionPath(id, `/artifacts/${encodeURIComponent(step)}`), { data }),
  /**
   * The advisor's edit of the step's draft, before it is accepted.
   * @param {number} id
   * @param {StepId} step
   * @param {unknown} data
   * @returns {Promise<{ proposal: ProposalView | null, session: SessionView }>}
   */
  editProposal: (id, step, data) =>
    call('PUT', sessionPath(id, `/artifacts/${encodeURIComponent(step)}/proposal`), { data }),
  /**
   * Accepts the step's draft: all of it, or the item keys named. The page lists the values the draft
   * read from the chat beside its accept buttons, so pressing one confirms them (`confirmReadings`).
   * @param {number} id
   * @param {StepId} step
   * @param {string[]} [items]
   * @returns {Promise<{ revision: unknown, held: string[], proposal: ProposalView | null, session: SessionView }>}
   */
  accept: (id, step, items) =>
    call('POST', sessionPath(id, `/artifacts/${encodeURIComponent(step)}/accept`), {
      ...(items ? { items } : {}),
      confirmReadings: true,
    }),
  /**
   * Rejects the item keys named, or discards the whole draft.
   * @param {number} id
   * @param {StepId} step
   * @param {string[]} [items]
   * @returns {Promise<{ proposal: ProposalView | null, session: SessionView }>}
   */
  reject: (id, step, items) =>
    call('POST', sessionPath(id, `/artifacts/${encodeURIComponent(step)}/reject`), items ? { items } : {}),
  /**
   * @param {number} id
   * @param {StepId} step
   * @returns {Promise<{ step: StepId, revisions: TracedRevision[] }>}
   */
  history: (id, step) => call('GET', sessionPath(id, `/artifacts/${encodeURIComponent(step)}`)),
  /**
   * @param {number} id
   * @param {StepId} step
   * @param {number} from
   * @param {number} to
   * @returns {Promise<import('./types.js').ArtifactDiff & { from: number, to: number }>}
   */
  diff: (id, step, from, to) =>
    call('GET', sessionPath(id, `/artifacts/${encodeURIComponent(step)}/diff?from=${from}&to=${to}`)),
  /**
   * @param {number} id
   * @param {StepId} step
   * @param {number} revision
   * @returns {Promise<{ revision: TracedRevision, session: SessionView }>}
   */
  restore: (id, step, revision) =>
    call('POST', sessionPath(id, `/artifacts/${encodeURIComponent(step)}/restore`), { revision }),
};

/** Fired on window when a turn's stream has ended, however it ended: the header checks the model again. */
export const TURN_ENDED = 'foresight:turn-ended';

/**
 * The files for the client. A quick check has a sounding board and nothing else, so the memo (as
 * Markdown, HTML, PDF and Word) and the board deck; a quarterly session also has its roadmap, risk
 * register and State of the Tech (for `month`, "YYYY-MM", when the advisor chose one; else the
 * current month), and, with an earlier quarter of the same client, the Radar Review against it.
 * @param {Pick<import('/shared/domain.mjs').Session, 'id' | 'mode'>} session
 * @param {SessionView['previousSession']} [previous]
 * @param {string} [month]
 * @returns {{ href: string, label: string }[]}
 */
export const exportLinks = (session, previous = null, month = '') => [
  { href: sessionPath(session.id, '/export/memo.md'), label: 'Memo (Markdown)' },
  { href: sessionPath(session.id, '/export/memo.html'), label: 'Memo (HTML)' },
  { href: sessionPath(session.id, '/export/memo.pdf'), label: 'Memo (PDF)' },
  { href: sessionPath(session.id, '/export/memo.docx'), label: 'Memo (Word)' },
  { href: sessionPath(session.id, '/export/deck.pptx'), label: 'Board deck (PowerPoint)' },
  ...(session.mode === 'quick_check'
    ? []
    : [
        { href: sessionPath(session.id, '/export/roadmap.csv'), label: 'Roadmap (CSV)' },
        { href: sessionPath(session.id, '/export/risks.csv'), label: 'Risks (CSV)' },
        {
          href: sessionPath(
            session.id,
            `/export/state-of-the-tech.md${month ? `?month=${encodeURIComponent(month)}` : ''}`,
          ),
          label: 'State of the Tech',
        },
        ...(previous
          ? [
              {
                href: sessionPath(session.id, `/compare?with=${previous.id}&format=html`),
                label: `Radar Review vs ${previous.quarter}`,
              },
              {
                href: sessionPath(session.id, `/compare?with=${previous.id}&format=pdf`),
                label: 'Radar Review (PDF)',
              },
              {
                href: sessionPath(session.id, `/compare?with=${previous.id}&format=md`),
                label: 'Radar Review (Markdown)',
              },
            ]
          : []),
      ]),
];

// ---------- SSE ----------

/**
 * Parses one SSE block ("id: …\nevent: …\ndata: …"); data is JSON in our streams. The frame is
 * taken to be what the server sends (src/engine/liveTurn.ts): the server and the page ship together.
 * @param {string} block
 * @returns {Frame | null}
 */
export function parseFrame(block) {
  /** @type {{ id: string | null, event: string, data: unknown }} */
  const frame = { id: null, event: 'message', data: null };
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'id') frame.id = value;
    else if (field === 'event') frame.event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0 && frame.id === null) return null;
  const text = data.join('\n');
  try {
    frame.data = text === '' ? {} : JSON.parse(text);
  } catch {
    frame.data = text;
  }
  return /** @type {Frame} */ (frame);
}

/**
 * Yields the frames of an SSE body as they arrive; throws if the connection breaks.
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<Frame>}
 */
export async function* readFrames(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame) yield frame;
      }
    }
    buffer += decoder.decode();
    const rest = buffer.trim() === '' ? null : parseFrame(buffer);
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

/** @param {string | null} id */
const seqOf = (id) => {
  const m = /^(\d+)\.(\d+)$/.exec(id ?? '');
  return m ? { turnId: Number(m[1]), seq: Number(m[2]) } : null;
};

/**
 * @param {number} ms
 * @param {AbortSignal} [signal]
 * @returns {Promise<void>}
 */
const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal?.reason);
      },
      { once: true },
    );
  });

/**
 * Follows one turn to its end. `open(lastEventId)` makes the first request (POST message, POST draft
 * or GET stream); when the connection breaks before `done`, it reattaches with GET /stream and the
 * last event id seen, so nothing is shown twice and nothing is missed. Events are handed to
 * `onEvent({ event, data, id })`; the turn ends at `done` or `idle`.
 *
 * Resolves with the last event id; rejects with an ApiError when the first request is refused
 * (409 busy, 422, …) or the reply cannot be reached again after `maxReconnects` tries.
 * @param {{
 *   sessionId: number,
 *   open: OpenTurn,
 *   onEvent: (frame: Frame) => void,
 *   signal?: AbortSignal,
 *   lastEventId?: string | null,
 *   maxReconnects?: number,
 *   retryDelayMs?: number,
 *   fetchImpl?: typeof fetch,
 * }} options
 * @returns {Promise<string | null>}
 */
export async function followTurn({
  sessionId,
  open,
  onEvent,
  signal,
  lastEventId = null,
  maxReconnects = 5,
  retryDelayMs = 400,
  fetchImpl = fetch,
}) {
  let lastId = lastEventId;
  let seen = seqOf(lastId);
  let attempt = 0;
  let request = open;
  for (;;) {
    let response;
    try {
      response = await request(lastId);
    } catch (e) {
      if (signal?.aborted) throw e;
      // The first request never arrived: nothing was started, so say so rather than reattach.
      if (request === open) throw networkError(e);
      response = null;
    }
    if (response && !response.ok) throw await errorFrom(response);
    let ended = false;
    // A response without a body is a broken connection like any other: reattach.
    if (response?.body) {
      try {
        for await (const frame of readFrames(response.body)) {
          const s = seqOf(frame.id);
          if (s) {
            // Already shown (a replay overlapping what we had): skip it.
            if (seen && s.turnId === seen.turnId && s.seq <= seen.seq) continue;
            seen = s;
            lastId = frame.id;
          }
          onEvent(frame);
          if (frame.event === 'done' || frame.event === 'idle') ended = true;
        }
      } catch (e) {
        if (signal?.aborted) throw e;
      }
    }
    if (ended) return lastId;
    if (signal?.aborted) throw signal.reason;
    attempt += 1;
    if (attempt > maxReconnects) {
      throw new ApiError(
        'Lost the connection to the reply. It is still being written on the server; retry to see it.',
        { kind: 'network', retryable: true },
      );
    }
    onEvent({ event: 'reconnecting', data: { attempt }, id: null });
    await sleep(retryDelayMs * attempt, signal);
    request = (id) =>
      fetchImpl(sessionPath(sessionId, '/stream'), {
        headers: id ? { 'last-event-id': id, accept: 'text/event-stream' } : { accept: 'text/event-stream' },
        signal,
      });
  }
}

/**
 * Makes a turn's request; a reattach passes the last event id it saw.
 * @typedef {(lastEventId: string | null) => Promise<Response>} OpenTurn
 */

/** The ways a turn's stream starts. */
export const turnRequests = {
  /**
   * @param {number} id
   * @param {MessageBody} body
   * @param {AbortSignal} signal
   * @returns {OpenTurn}
   */
  message:
    (id, body, signal, fetchImpl = fetch) =>
    () =>
      fetchImpl(sessionPath(id, '/messages'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal,
      }),
  /**
   * Answers the last message again after a failed, cut or stopped reply (the message is not stored twice).
   * @param {number} id
   * @param {AbortSignal} signal
   * @returns {OpenTurn}
   */
  retry:
    (id, signal, fetchImpl = fetch) =>
    () =>
      fetchImpl(sessionPath(id, '/retry'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: '{}',
        signal,
      }),
  /**
   * @param {number} id
   * @param {AbortSignal} signal
   * @returns {OpenTurn}
   */
  draft:
    (id, signal, fetchImpl = fetch) =>
    () =>
      fetchImpl(sessionPath(id, '/draft'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: '{}',
        signal,
      }),
  /**
   * An explicit action: next_trend, enough or skip, answered like a message.
   * @param {number} id
   * @param {import('/shared/domain.mjs').ConversationAction} action
   * @param {AbortSignal} signal
   * @returns {OpenTurn}
   */
  action:
    (id, action, signal, fetchImpl = fetch) =>
    () =>
      fetchImpl(sessionPath(id, '/actions'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ action }),
        signal,
      }),
  /**
   * @param {number} id
   * @param {AbortSignal} signal
   * @returns {OpenTurn}
   */
  attach:
    (id, signal, fetchImpl = fetch) =>
    (lastId) =>
      fetchImpl(sessionPath(id, '/stream'), {
        headers: lastId ? { 'last-event-id': lastId, accept: 'text/event-stream' } : { accept: 'text/event-stream' },
        signal,
      }),
};
