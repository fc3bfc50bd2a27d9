import { html, useEffect, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { ErrorBanner } from './ErrorBanner.js';
import { NewSessionForm } from './NewSessionForm.js';
import { SearchPanel } from './SearchPanel.js';
import { ClientList } from './ClientList.js';

/** Clients and their sessions by quarter; start one, resume one, or search every transcript. */
export function HomePage() {
  const [data, setData] = useState(
    /** @type {{ clients: import('/shared/domain.mjs').Client[], sessions: import('/shared/domain.mjs').Session[] } | null} */ (
      null
    ),
  );
  const [error, setError] = useState(/** @type {import('../session/useSession.js').ShownError | null} */ (null));
  const [prefill, setPrefill] = useState(
    /** @type {import('/shared/domain.mjs').Client & { at: number } | null} */ (null),
  );

  /** @returns {void} */
  const load = () => {
    setError(null);
    Promise.all([api.clients(), api.sessions()]).then(
      ([{ clients }, { sessions }]) => setData({ clients, sessions }),
      (e) =>
        setError({
          message: e instanceof ApiError ? e.message : 'Something went wrong in the page. Retry.',
          kind: e instanceof ApiError ? e.kind : 'internal',
          retry: load,
        }),
    );
  };
  useEffect(() => {
    document.title = 'Sessions · Foresight Accelerator';
    load();
  }, []);

  return html`
    <main id="main" class="home" tabindex="-1">
      <div class="home-intro">
        <h1>Foresight sessions</h1>
        <p class="lede">Seven steps, from the client's context to a roadmap that has survived the CEO, the CFO, the board and a sceptical engineer.</p>
      </div>
      <${ErrorBanner} error=${error} onDismiss=${() => setError(null)} />
      <div class="home-grid">
        <section class="panel home-clients" aria-labelledby="clients-heading">
          <h2 id="clients-heading">Clients</h2>
          ${data === null && !error ? html`<p class="muted">Loading…</p>` : null}
          ${data && html`<${ClientList} clients=${data.clients} sessions=${data.sessions} onNewFor=${(/** @type {import('/shared/domain.mjs').Client} */ c) => setPrefill({ ...c, at: Date.now() })} />`}
        </section>
        <div class="home-side">
          <section class="panel" aria-labelledby="new-heading">
            <h2 id="new-heading">Start a new session</h2>
            <${NewSessionForm} clients=${data?.clients ?? []} prefill=${prefill} />
          </section>
          <section class="panel" aria-labelledby="search-heading">
            <h2 id="search-heading">Search transcripts</h2>
            <${SearchPanel} />
          </section>
        </div>
      </div>
    </main>`;
}
