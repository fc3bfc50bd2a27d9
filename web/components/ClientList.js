import { html } from '../lib/html.js';
import { Link } from '../router.js';
import { STEP_IDS, STEPS } from '/shared/domain.mjs';
import { when } from '../format.js';

/** @param {import('/shared/domain.mjs').Session} session */
function where(session) {
  const p = session.progress;
  if (p.status === 'completed') return 'Completed';
  if (session.mode === 'quick_check') return 'Quick sounding-board check';
  return `Step ${STEPS[p.current].number} of ${STEP_IDS.length}: ${STEPS[p.current].title}`;
}

/**
 * Each client with its sessions, newest quarter first; a session link resumes where it stopped.
 * @param {{
 *   clients: readonly import('/shared/domain.mjs').Client[],
 *   sessions: readonly import('/shared/domain.mjs').Session[],
 *   onNewFor: (client: import('/shared/domain.mjs').Client) => void,
 * }} props
 */
export function ClientList({ clients, sessions, onNewFor }) {
  if (clients.length === 0) {
    return html`<p class="empty">No clients yet. Start the first session on the right: the client is created with it.</p>`;
  }
  return html`
    <ul class="client-list">
      ${clients.map((client) => {
        const own = sessions
          .filter((s) => s.clientId === client.id)
          .sort((a, b) => b.quarter.localeCompare(a.quarter) || b.id - a.id);
        return html`
          <li class="client" key=${client.id}>
            <div class="client-head">
              <div>
                <h3 class="client-name">${client.name}</h3>
                <p class="muted client-industry">${client.industry}</p>
              </div>
              <button type="button" class="btn btn-small btn-ghost" onClick=${() => onNewFor(client)}
                aria-label=${`New session for ${client.name}`}>New session</button>
            </div>
            <ul class="session-links">
              ${own.map(
                (s) => html`
                <li key=${s.id}>
                  <${Link} href=${`/sessions/${s.id}`} class="session-link" data-session-id=${s.id}>
                    <span class="quarter">${s.quarter}</span>
                    <span class="session-name">${s.title || (s.mode === 'quick_check' ? 'Quick check' : 'Quarterly session')}</span>
                    <span class=${`where ${s.progress.status === 'completed' ? 'where-done' : ''}`}>${where(s)}</span>
                    <span class="muted updated">Updated ${when(s.updatedAt)}</span>
                  <//>
                </li>`,
              )}
            </ul>
          </li>`;
      })}
    </ul>`;
}
