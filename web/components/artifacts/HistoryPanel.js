/**
 * Every revision of a step: who or what made it and when; view any (read only), compare any two,
 * restore one (which writes it again as the newest revision; nothing is overwritten).
 */
import { html, useEffect, useState } from '../../lib/html.js';
import { api } from '../../api.js';
import { when } from '../../format.js';
import { ChangeList } from './ChangeList.js';

/** @typedef {import('../../types.js').TracedRevision} TracedRevision */

/**
 * Who or what made a revision, in words.
 * @param {TracedRevision} r
 */
export function madeBy(r) {
  if (r.source === 'user') return r.restoredFrom ? `Revision ${r.restoredFrom} restored by you` : 'Edited by you';
  if (r.source === 'carried') return 'Carried over from the previous quarter';
  const by = r.provider === 'offline' ? 'the offline facilitator' : (r.model ?? r.provider ?? r.source);
  const prompt = r.promptVersion ? ` (${r.promptVersion})` : '';
  return r.proposalId
    ? `Draft by ${by}${prompt}, accepted by you`
    : `Updated by ${by}${prompt} during the conversation`;
}

/**
 * @param {{
 *   sessionId: number,
 *   step: import('/shared/domain.mjs').StepId,
 *   current: number,
 *   session: import('../../types.js').SessionHandle,
 *   disabled: boolean,
 *   onView: (revision: TracedRevision | null) => void,
 *   viewing: number | null,
 * }} props
 */
export function HistoryPanel({ sessionId, step, current, session, disabled, onView, viewing }) {
  const [revisions, setRevisions] = useState(/** @type {TracedRevision[] | null} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [from, setFrom] = useState(/** @type {number | null} */ (null));
  const [to, setTo] = useState(/** @type {number | null} */ (null));
  const [diff, setDiff] = useState(
    /** @type {(import('../../types.js').ArtifactDiff & { from: number, to: number }) | null} */ (null),
  );

  useEffect(() => {
    let alive = true;
    api
      .history(sessionId, step)
      .then(({ revisions: list }) => {
        if (!alive) return;
        setRevisions(list);
        setFrom(list.at(list.length > 1 ? -2 : 0)?.revision ?? null);
        setTo(list.at(-1)?.revision ?? null);
        setDiff(null);
      })
      .catch((/** @type {unknown} */ e) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [sessionId, step, current]);

  const compare = async () => {
    if (from === null || to === null) return;
    setError(null);
    try {
      setDiff({ ...(await api.diff(sessionId, step, from, to)), from, to });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (error) return html`<p class="field-error" role="alert">${error}</p>`;
  if (!revisions) return html`<p class="muted small">Loading the history…</p>`;
  const options = revisions.map(
    (r) => html`<option value=${String(r.revision)} key=${r.revision}>Revision ${r.revision}</option>`,
  );
  return html`
    <section class="history" aria-labelledby="history-heading">
      <h3 id="history-heading" class="history-title">History</h3>
      <ol class="history-list" reversed>
        ${[...revisions].reverse().map(
          (r) => html`
          <li key=${r.revision} class=${`history-item${viewing === r.revision ? ' history-viewing' : ''}`} data-history-revision=${r.revision}>
            <span class="history-what"><strong>Revision ${r.revision}</strong> · ${madeBy(r)} · <span class="muted">${when(r.createdAt)}</span>${r.revision === current ? html` <span class="badge">current</span>` : ''}</span>
            <span class="button-row">
              <button type="button" class="btn btn-small btn-ghost" aria-pressed=${viewing === r.revision}
                onClick=${() => onView(viewing === r.revision ? null : r)}>${viewing === r.revision ? 'Back to current' : 'View'}</button>
              ${
                r.revision !== current &&
                html`<button type="button" class="btn btn-small" disabled=${disabled} onClick=${() => session.restore(step, r.revision)}
                aria-label=${`Restore revision ${r.revision}`}>Restore</button>`
              }
            </span>
          </li>`,
        )}
      </ol>
      ${
        revisions.length > 1 &&
        html`<div class="history-compare">
          <label>Compare <select value=${String(from)} onChange=${(/** @type {Event & { currentTarget: HTMLSelectElement }} */ e) => setFrom(Number(e.currentTarget.value))} aria-label="Older revision">${options}</select></label>
          <label>with <select value=${String(to)} onChange=${(/** @type {Event & { currentTarget: HTMLSelectElement }} */ e) => setTo(Number(e.currentTarget.value))} aria-label="Newer revision">${options}</select></label>
          <button type="button" class="btn btn-small" onClick=${compare}>Compare</button>
        </div>`
      }
      ${
        diff &&
        html`<div class="history-diff" data-diff=${`${diff.from}-${diff.to}`}>
          <p class="small"><strong>Revision ${diff.from} → ${diff.to}</strong>: ${diff.changes.length} ${diff.changes.length === 1 ? 'change' : 'changes'}</p>
          <${ChangeList} changes=${diff.changes} />
        </div>`
      }
    </section>`;
}
