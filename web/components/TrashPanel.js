import { html, useEffect, useState } from '../lib/html.js';
import { api } from '../api.js';
import { when } from '../format.js';

/**
 * What is in the trash, each with Restore; kept `keepsDays` days, or until the trash is emptied
 * (asked twice: it cannot be undone). `version` changes whenever something is trashed or restored.
 * @param {{ version: number, onChanged: () => void, onError: (e: Error) => void }} props
 */
export function TrashPanel({ version, onChanged, onError }) {
  const [trash, setTrash] = useState(/** @type {import('../types.js').TrashView | null} */ (null));
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    api.trash().then(setTrash, onError);
  }, [version]);
  if (!trash) return null;
  const count = trash.clients.length + trash.sessions.length;
  /** @param {() => Promise<unknown>} act */
  const run = (act) => act().then(onChanged, onError);
  return html`
    <section class="panel trash" aria-labelledby="trash-heading">
      <h2 id="trash-heading">Trash <span class="muted trash-count">${count === 0 ? 'empty' : `${count} ${count === 1 ? 'item' : 'items'}`}</span></h2>
      <p class="hint">Kept ${trash.keepsDays} days, then deleted for good.</p>
      ${
        count > 0 &&
        html`<ul class="trash-list">
          ${trash.clients.map(
            (t) => html`<li key=${`c${t.client.id}`}>
              <span><strong>${t.client.name}</strong> <span class="muted">client, with ${t.sessions} ${t.sessions === 1 ? 'session' : 'sessions'} · deleted ${when(t.deletedAt)}</span></span>
              <button type="button" class="btn btn-small" onClick=${() => run(() => api.restoreClient(t.client.id))}
                aria-label=${`Restore ${t.client.name}`}>Restore</button>
            </li>`,
          )}
          ${trash.sessions.map(
            (t) => html`<li key=${`s${t.session.id}`}>
              <span><strong>${t.clientName} ${t.session.quarter}</strong> <span class="muted">${t.session.title || (t.session.mode === 'quick_check' ? 'quick check' : 'quarterly session')} · deleted ${when(t.deletedAt)}</span></span>
              <button type="button" class="btn btn-small" onClick=${() => run(() => api.restoreSession(t.session.id))}
                aria-label=${`Restore ${t.clientName} ${t.session.quarter}`}>Restore</button>
            </li>`,
          )}
        </ul>
        ${
          confirming
            ? html`<div class="confirm-row" role="group" aria-label="Empty the trash">
                <span>Delete ${count === 1 ? 'this item' : `these ${count} items`} for good? This cannot be undone.</span>
                <button type="button" class="btn btn-small btn-danger" onClick=${() => {
                  setConfirming(false);
                  run(() => api.emptyTrash());
                }}>Delete for good</button>
                <button type="button" class="btn btn-small btn-ghost" onClick=${() => setConfirming(false)}>Cancel</button>
              </div>`
            : html`<button type="button" class="btn btn-small btn-ghost" onClick=${() => setConfirming(true)}>Empty trash…</button>`
        }`
      }
    </section>`;
}
