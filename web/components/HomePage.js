import { html, useEffect, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { BackupPanel } from './BackupPanel.js';
import { ErrorBanner } from './ErrorBanner.js';
import { NewSessionForm } from './NewSessionForm.js';
import { SearchPanel } from './SearchPanel.js';
import { ClientList } from './ClientList.js';
import { TrashPanel } from './TrashPanel.js';
import { UndoBar } from './UndoBar.js';

/** @typedef {import('/shared/domain.mjs').Client} Client */
/** @typedef {import('/shared/domain.mjs').Session} Session */

/** A failure in words for the banner, whether the server refused or the page itself failed. @param {unknown} e */
const shown = (e) => ({
  message: e instanceof ApiError ? e.message : 'Something went wrong in the page. Retry.',
  kind: e instanceof ApiError ? e.kind : 'internal',
});

/** Clients and their sessions by quarter; start one, resume one, manage them, or search every transcript. */
export function HomePage() {
  const [data, setData] = useState(/** @type {{ clients: Client[], sessions: Session[] } | null} */ (null));
  const [archived, setArchived] = useState(/** @type {Client[] | null} */ (null));
  const [showArchived, setShowArchived] = useState(false);
  const [error, setError] = useState(/** @type {import('../session/useSession.js').ShownError | null} */ (null));
  const [prefill, setPrefill] = useState(/** @type {Client & { at: number } | null} */ (null));
  const [renaming, setRenaming] = useState(/** @type {import('./ClientList.js').Renaming} */ (null));
  const [notice, setNotice] = useState(/** @type {{ message: string, undo: () => Promise<unknown> } | null} */ (null));
  // Changes whenever the library changes, so the trash panel reads it again.
  const [version, setVersion] = useState(0);

  /** @returns {void} */
  const load = () => {
    setError(null);
    Promise.all([api.clients(), api.sessions()]).then(
      ([{ clients }, { sessions }]) => setData({ clients, sessions }),
      (e) => setError({ ...shown(e), retry: load }),
    );
    api.archivedClients().then(
      ({ clients }) => setArchived(clients),
      () => setArchived(null),
    );
  };
  const changed = () => {
    load();
    setVersion((v) => v + 1);
  };
  /** @param {unknown} e */
  const failed = (e) => setError({ ...shown(e), retry: null });
  useEffect(() => {
    document.title = 'Sessions · Foresight Accelerator';
    load();
  }, []);

  /**
   * Moves something to the trash and offers to undo it: a delete is never silent.
   * @param {() => Promise<unknown>} remove
   * @param {string} message
   * @param {() => Promise<unknown>} restore
   */
  const trash = async (remove, message, restore) => {
    try {
      await remove();
    } catch (e) {
      failed(e);
      return;
    }
    setNotice({
      message,
      undo: async () => {
        try {
          await restore();
          setNotice(null);
        } catch (e) {
          failed(e);
        }
        changed();
      },
    });
    changed();
  };

  /** @type {import('./ClientList.js').LibraryActions} */
  const actions = {
    renameClient: async (client, name) => {
      await api.updateClient(client.id, { name });
      changed();
    },
    archiveClient: (client, archive) =>
      api.updateClient(client.id, { archived: archive }).then(() => {
        setNotice(
          archive
            ? {
                message: `${client.name} is archived: off this list, still searchable, under “Archived clients”.`,
                undo: () =>
                  api.updateClient(client.id, { archived: false }).then(() => {
                    setNotice(null);
                    changed();
                  }, failed),
              }
            : null,
        );
        changed();
      }, failed),
    trashClient: (client) =>
      trash(
        () => api.trashClient(client.id),
        `${client.name} and its sessions are in the trash.`,
        () => api.restoreClient(client.id),
      ),
    renameSession: async (session, title) => {
      await api.renameSession(session.id, title || null);
      changed();
    },
    trashSession: (session, client) =>
      trash(
        () => api.trashSession(session.id),
        `${client.name} ${session.quarter} is in the trash.`,
        () => api.restoreSession(session.id),
      ),
  };
  const listProps = {
    actions,
    renaming,
    onRename: setRenaming,
    onNewFor: (/** @type {Client} */ c) => setPrefill({ ...c, at: Date.now() }),
  };

  return html`
    <main id="main" class="home" tabindex="-1">
      <div class="home-intro">
        <h1>Foresight sessions</h1>
        <p class="lede">Seven steps, from the client's context to a roadmap that has survived the CEO, the CFO, the board and a sceptical engineer.</p>
      </div>
      <${ErrorBanner} error=${error} onDismiss=${() => setError(null)} />
      <${UndoBar} notice=${notice} onClose=${() => setNotice(null)} />
      <div class="home-grid">
        <section class="panel home-clients" aria-labelledby="clients-heading">
          <h2 id="clients-heading">Clients</h2>
          ${data === null && !error ? html`<p class="muted">Loading…</p>` : null}
          ${data && html`<${ClientList} clients=${data.clients} sessions=${data.sessions} ...${listProps} />`}
          ${
            archived &&
            archived.length > 0 &&
            html`<div class="archived-clients">
              <button type="button" class="btn btn-small btn-ghost" aria-expanded=${showArchived ? 'true' : 'false'}
                onClick=${() => setShowArchived((v) => !v)}>${showArchived ? 'Hide' : 'Show'} archived clients (${archived.length})</button>
              ${showArchived && data && html`<${ClientList} clients=${archived} sessions=${data.sessions} archived=${true} ...${listProps} />`}
            </div>`
          }
        </section>
        <div class="home-side">
          <section class="panel" aria-labelledby="new-heading">
            <h2 id="new-heading">Start a new session</h2>
            <${NewSessionForm} clients=${[...(data?.clients ?? []), ...(archived ?? [])]} prefill=${prefill} />
          </section>
          <section class="panel" aria-labelledby="search-heading">
            <h2 id="search-heading">Search transcripts</h2>
            <${SearchPanel} />
          </section>
          <${BackupPanel} onRestored=${changed} />
          <${TrashPanel} version=${version} onChanged=${changed} onError=${failed} />
        </div>
      </div>
    </main>`;
}
