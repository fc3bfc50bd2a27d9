import { html, useEffect, useId, useRef, useState } from '../lib/html.js';
import { OVERRIDE_REASON_MAX } from '/shared/domain.mjs';

/**
 * What the step still lacks, shown when Next was refused, and the way past it: "Move on anyway…"
 * asks for the reason, which is recorded with what was missing and named in the memo. Esc or Cancel
 * closes the question; a reason the server will not take stays beside the field.
 * @param {{
 *   title: string,
 *   unmet: import('/shared/domain.mjs').UnmetCondition[],
 *   draftWaiting: boolean,
 *   busy: boolean,
 *   onMoveOn: (reason: string) => Promise<string | null>,
 *   onClose: () => void,
 * }} props
 */
export function MoveOn({ title, unmet, draftWaiting, busy, onMoveOn, onClose }) {
  const headingId = useId();
  const reasonId = useId();
  const errorId = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const field = useRef(/** @type {HTMLTextAreaElement | null} */ (null));
  const opener = useRef(/** @type {HTMLButtonElement | null} */ (null));
  useEffect(() => {
    if (asking) field.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    setError(null);
    // Back to the button that opened the question, so the keyboard stays where it was.
    setTimeout(() => opener.current?.focus(), 0);
  };

  /** @param {Event} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Say why you move on anyway: the reason is recorded and the memo shows it.');
      field.current?.focus();
      return;
    }
    setSending(true);
    const refused = await onMoveOn(reason.trim());
    setSending(false);
    if (refused) setError(refused);
  };

  return html`
    <section class="move-on" aria-labelledby=${headingId} data-role="unmet">
      <h3 class="move-on-heading" id=${headingId}>Not ready to move on from ${title} yet</h3>
      ${draftWaiting && html`<p class="blocked">A draft is waiting for review: accept it (all of it, or item by item) first, it may meet these.</p>`}
      <p class="muted">The method asks for these before moving on:</p>
      <ul class="unmet-list">
        ${unmet.map((c) => html`<li key=${c.code} data-code=${c.code}>${c.message}</li>`)}
      </ul>
      ${
        asking
          ? html`
        <form class="move-on-form" onSubmit=${submit}
          onKeyDown=${(/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && cancel()}>
          <label for=${reasonId}>Why move on anyway?
            <span class="muted">Recorded with what is missing; the memo lists it.</span></label>
          <textarea id=${reasonId} ref=${field} rows="2" maxLength=${OVERRIDE_REASON_MAX} value=${reason}
            data-field="override-reason" disabled=${sending}
            placeholder="e.g. The CFO scores these risks on Monday."
            aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? errorId : undefined}
            onInput=${(/** @type {InputEvent} */ e) => {
              setReason(/** @type {HTMLTextAreaElement} */ (e.currentTarget).value);
              setError(null);
            }}></textarea>
          ${error && html`<p class="field-error" id=${errorId} role="alert">${error}</p>`}
          <div class="move-on-actions">
            <button type="submit" class="btn btn-primary" disabled=${busy || sending} data-action="confirm-move-on">
              ${sending ? 'Moving on…' : 'Move on anyway'}</button>
            <button type="button" class="btn btn-ghost" onClick=${cancel} disabled=${sending}>Cancel</button>
          </div>
        </form>`
          : html`
        <div class="move-on-actions">
          <button type="button" class="btn" ref=${opener} disabled=${busy} data-action="move-on"
            onClick=${() => setAsking(true)}>Move on anyway…</button>
          <button type="button" class="btn btn-ghost" onClick=${onClose}>Keep working on it</button>
        </div>`
      }
    </section>`;
}

/**
 * The times the advisor moved on anyway, with the date, the reason and what was missing then.
 * @param {{ overrides: readonly import('/shared/domain.mjs').StepOverride[], titleOf: (step: import('/shared/domain.mjs').StepId) => string }} props
 */
export function OverrideList({ overrides, titleOf }) {
  return html`
    <ul class="override-list">
      ${overrides.map(
        (o) => html`
        <li key=${o.id} data-override-step=${o.step}>
          <span class="override-head"><strong>${titleOf(o.step)}</strong> · moved on anyway on ${o.createdAt.slice(0, 10)}:</span>${' '}
          <q class="override-reason">${o.reason}</q>
          <details>
            <summary>What was missing then (${o.unmet.length})</summary>
            <ul>${o.unmet.map((c) => html`<li key=${c.code}>${c.message}</li>`)}</ul>
          </details>
        </li>`,
      )}
    </ul>`;
}
