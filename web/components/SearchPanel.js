import { html, useState } from '../lib/html.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { STEPS } from '/shared/domain.mjs';
import { Highlighted } from './SafeHtml.js';

/** Full-text search over every transcript; each hit opens its session at the message. */
export function SearchPanel() {
  const [q, setQ] = useState('');
  const [result, setResult] = useState(/** @type {Awaited<ReturnType<typeof api.search>> | null} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [busy, setBusy] = useState(false);

  /** @param {SubmitEvent} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.search(q.trim()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return html`
    <form role="search" class="search-form" onSubmit=${submit}>
      <label for="search-q" class="visually-hidden">Search transcripts</label>
      <input id="search-q" type="search" placeholder="e.g. pricing, key person, EBITDA" value=${q} onInput=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => setQ(e.currentTarget.value)} />
      <button type="submit" class="btn" disabled=${busy}>Search</button>
    </form>
    ${error && html`<p class="field-error" role="alert">${error}</p>`}
    <div aria-live="polite">
      ${
        result &&
        html`
        <p class="muted search-count">${result.hits.length === 0 ? `Nothing found for “${result.query}”.` : `${result.hits.length} ${result.hits.length === 1 ? 'match' : 'matches'} for “${result.query}”`}</p>
        <ol class="search-hits">
          ${result.hits.map(
            (hit) => html`
            <li key=${hit.messageId}>
              <${Link} href=${`/sessions/${hit.sessionId}#message-${hit.messageId}`} class="search-hit">
                <span class="hit-meta"><bdi>${hit.clientName}</bdi> · ${hit.quarter} · ${STEPS[hit.step]?.title ?? hit.step} · ${hit.role === 'user' ? 'You' : 'Facilitator'}</span>
                <${Highlighted} text=${hit.snippet} />
              <//>
            </li>`,
          )}
        </ol>`
      }
    </div>`;
}
