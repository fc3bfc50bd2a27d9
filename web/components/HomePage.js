import { html, useEffect, useState } from '../lib/html.js';
import { api } from '../api.js';
import { ErrorBanner } from './ErrorBanner.js';
import { NewSessionForm } from './NewSessionForm.js';
import { SearchPanel } from './SearchPanel.js';
import { ClientList } from './ClientList.js';

/** Clients and their sessions by quarter; start one, resume one, or search every transcript. */
export function HomePage() {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [prefill, setPrefill] = useState(null);

  const load = () => {
    setError(null);
    Promise.all([api.clients(), api.sessions()]).then(
      ([{ clients }, { sessions }]) => setData({ clients, sessions }),
      (e) => setError({ message: e.message, kind: e.kind, retry: load }),
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
          ${data && html`<${ClientList} clients=${data.clients} sessions=${data.sessions} onNewFor=${(c) => setPrefill({ ...c, at: Date.now() })} />`}
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
