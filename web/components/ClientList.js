import { html } from '../lib/html.js';
import { Link } from '../router.js';
import { STEP_IDS, STEPS } from '/shared/domain.mjs';
import { when } from '../format.js';
import { InlineRename } from './InlineRename.js';
import { ManageMenu } from './ManageMenu.js';

/** @param {import('/shared/domain.mjs').Session} session */
function where(session) {
  const p = session.progress;
  if (p.status === 'completed') return 'Completed';
  if (session.mode === 'quick_check') return 'Quick sounding-board check';
  return `Step ${STEPS[p.current].number} of ${STEP_IDS.length}: ${STEPS[p.current].title}`;
}

/** @param {import('/shared/domain.mjs').Session} s */
const sessionName = (s) => s.title || (s.mode === 'quick_check' ? 'Quick check' : 'Quarterly session');

/**
 * What the client list can do to clients and sessions (HomePage.js holds the requests and the undo).
 * @typedef {{
 *   renameClient: (client: import('/shared/domain.mjs').Client, name: string) => Promise<unknown>,
 *   archiveClient: (client: import('/shared/domain.mjs').Client, archive: boolean) => Promise<unknown>,
 *   trashClient: (client: import('/shared/domain.mjs').Client) => Promise<unknown>,
 *   renameSession: (session: import('/shared/domain.mjs').Session, title: string) => Promise<unknown>,
 *   trashSession: (session: import('/shared/domain.mjs').Session, client: import('/shared/domain.mjs').Client) => Promise<unknown>,
 * }} LibraryActions
 */
/** The name being edited in place, if any: only one at a time. @typedef {{ kind: 'client' | 'session', id: number } | null} Renaming */

/**
 * Each client with its sessions, newest quarter first; a session link resumes where it stopped.
 * Each client and session has a menu: rename, archive, move to the trash.
 * @param {{
 *   clients: readonly import('/shared/domain.mjs').Client[],
 *   sessions: readonly import('/shared/domain.mjs').Session[],
 *   onNewFor: (client: import('/shared/domain.mjs').Client) => void,
 *   actions: LibraryActions,
 *   renaming: Renaming,
 *   onRename: (renaming: Renaming) => void,
 *   archived?: boolean,
 * }} props
 */
export function ClientList({ clients, sessions, onNewFor, actions, renaming, onRename, archived = false }) {
  if (clients.length === 0) {
    return archived
      ? html`<p class="empty">No archived clients.</p>`
      : html`<p class="empty">No clients yet. Start the first session with the form “Start a new session”: the client is created with it.</p>`;
  }
  /** @param {'client' | 'session'} kind @param {number} id */
  const editing = (kind, id) => renaming?.kind === kind && renaming.id === id;
  return html`
    <ul class=${`client-list ${archived ? 'client-list-archived' : ''}`}>
      ${clients.map((client) => {
        const own = sessions
          .filter((s) => s.clientId === client.id)
          .sort((a, b) => b.quarter.localeCompare(a.quarter) || b.id - a.id);
        return html`
          <li class="client" key=${client.id} data-client-id=${client.id}>
            <div class="client-head">
              ${
                editing('client', client.id)
                  ? html`<${InlineRename} label=${`New name for ${client.name}`} value=${client.name}
                      onSave=${(/** @type {string} */ name) => actions.renameClient(client, name)} onDone=${() => onRename(null)} />`
                  : html`<div>
                      <h3 class="client-name">${client.name}${archived ? html` <span class="tag">archived</span>` : null}</h3>
                      <p class="muted client-industry">${client.industry}</p>
                    </div>`
              }
              <div class="client-actions">
                ${
                  !archived &&
                  html`<button type="button" class="btn btn-small btn-ghost" onClick=${() => onNewFor(client)}
                    aria-label=${`New session for ${client.name}`}>New session</button>`
                }
                <${ManageMenu} label=${`Manage ${client.name}`} items=${[
                  { text: 'Rename client', onSelect: () => onRename({ kind: 'client', id: client.id }) },
                  archived
                    ? { text: 'Unarchive', onSelect: () => actions.archiveClient(client, false) }
                    : { text: 'Archive', onSelect: () => actions.archiveClient(client, true) },
                  {
                    text: 'Move to trash, with its sessions',
                    onSelect: () => actions.trashClient(client),
                    danger: true,
                  },
                ]} />
              </div>
            </div>
            ${own.length === 0 && html`<p class="muted client-empty">No sessions: any it had are in the trash.</p>`}
            <ul class="session-links">
              ${own.map(
                (s) => html`
                <li key=${s.id} class="session-row">
                  ${
                    editing('session', s.id)
                      ? html`<${InlineRename} label=${`Title of the ${s.quarter} session`} value=${s.title ?? ''} allowEmpty=${true}
                          onSave=${(/** @type {string} */ title) => actions.renameSession(s, title)} onDone=${() => onRename(null)} />`
                      : html`<${Link} href=${`/sessions/${s.id}`} class="session-link" data-session-id=${s.id}>
                          <span class="quarter">${s.quarter}</span>
                          <span class="session-name">${sessionName(s)}</span>
                          <span class=${`where ${s.progress.status === 'completed' ? 'where-done' : ''}`}>${where(s)}</span>
                          <span class="muted updated">Updated ${when(s.updatedAt)}</span>
                        <//>`
                  }
                  <${ManageMenu} label=${`Manage the ${s.quarter} ${sessionName(s).toLowerCase()}`} items=${[
                    { text: 'Rename session', onSelect: () => onRename({ kind: 'session', id: s.id }) },
                    { text: 'Move to trash', onSelect: () => actions.trashSession(s, client), danger: true },
                  ]} />
                </li>`,
              )}
            </ul>
          </li>`;
      })}
    </ul>`;
}
