/**
 * The shapes the page receives from the server, named once for the page's JSDoc, from their sources
 * in src/ (type imports only: nothing here runs). Import them as `import('./types.js').SessionView`.
 */

/** @typedef {import('../src/engine/engine.js').StepView} StepView */
/** @typedef {import('/shared/domain.mjs').StepId} StepId */

/**
 * A step's latest artifact as the session view gives it. The server validates every revision
 * against the step's schema when it is written and when it is read back, so `data` is that step's
 * artifact (src/domain/artifacts/).
 * @template {StepId} S
 * @typedef {Omit<import('../src/engine/engine.js').ArtifactView, 'data'> & { data: import('/shared/domain.mjs').ArtifactOf<S> }} ArtifactView
 */

/** @typedef {{ [S in StepId]?: ArtifactView<S> }} ArtifactsByStep */

/**
 * GET /api/sessions/:id: everything the page needs to draw a session (src/engine/engine.ts).
 * @typedef {Omit<import('../src/engine/engine.js').SessionView, 'artifacts'> & { artifacts: ArtifactsByStep }} SessionView
 */

/**
 * What a session page works with: the state from the server and the actions on it (session/useSession.js).
 * @typedef {ReturnType<typeof import('./session/useSession.js').useSession>} SessionHandle
 */

/** @typedef {import('../src/engine/liveTurn.js').TurnEvent} TurnEvent */
/** A draft waiting for review, with its changes against the current revision (src/engine/artifactReview.ts). */
/** @typedef {import('../src/engine/artifactReview.js').ProposalView} ProposalView */
/** A revision as the history lists it, with its provenance. */
/** @typedef {import('../src/engine/artifactReview.js').TracedRevision} TracedRevision */
/** @typedef {import('../src/domain/proposals/diff.js').ItemChange} ItemChange */
/** @typedef {import('../src/domain/proposals/diff.js').ArtifactDiff} ArtifactDiff */
/** @typedef {import('../src/domain/proposals/provenance.js').ItemProvenance} ItemProvenance */
/** @typedef {import('../src/domain/proposals/provenance.js').Origin} Origin */
/** @typedef {import('../src/engine/liveTurn.js').TurnKind} TurnKind */
/** @typedef {import('../src/engine/modelStatus.js').LastModelCall} LastModelCall */
/** @typedef {import('../src/storage/search.js').SearchHit} SearchHit */
/** @typedef {import('../src/server/errors.js').ErrorBody} ErrorBody */

/**
 * GET /api/health.
 * @typedef {{
 *   ok: boolean,
 *   version: string,
 *   provider: import('/shared/domain.mjs').ModelIdentity,
 *   lastModelCall: LastModelCall | null,
 * }} Health
 */

/**
 * One frame of a turn's SSE stream, as the page reads it: a turn event with its id, or one of the two
 * the page knows besides (`idle`: nothing is being written; `reconnecting`: the page is reattaching).
 * @typedef {(
 *   | { [K in TurnEvent['type']]: { event: K, data: Extract<TurnEvent, { type: K }>['data'], id: string | null } }[TurnEvent['type']]
 *   | { event: 'idle', data: {}, id: string | null }
 *   | { event: 'reconnecting', data: { attempt: number }, id: string | null }
 * )} Frame
 */

/** A field of an artifact as a form shows it, described from the artifact's schema (src/domain/forms/). */
/** @typedef {import('../src/domain/forms/fields.js').FieldSpec} FieldSpec */
/** @typedef {import('../src/domain/forms/answers.js').AnswerForm} AnswerForm */
/** @typedef {import('../src/domain/forms/answers.js').AnswerField} AnswerField */
/** POST /api/sessions/:id/prefill: what a pasted text pre-fills, with the words each value came from. */
/** @typedef {import('../src/engine/facilitator.js').Prefill & { form: AnswerForm }} Prefill */

/** @typedef {import('../src/engine/engine.js').SessionPlan} SessionPlan */
/** @typedef {import('../src/engine/engine.js').SessionChoice} SessionChoice */
/** @typedef {import('../src/engine/library.js').TrashView} TrashView */
/** @typedef {import('../src/storage/archive.js').RestoreReport} RestoreReport */

/**
 * DELETE /api/clients/:id and /api/sessions/:id: what went to the trash, and the request that undoes it.
 * @typedef {{ trashed: import('../src/engine/library.js').Trashed, undo: { method: 'POST', path: string } }} TrashedAnswer
 */

export {};
