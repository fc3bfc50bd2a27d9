import { html, useState } from '../lib/html.js';
import { api } from '../api.js';

/** @type {Record<string, string>} */
const TABLE_WORDS = {
  clients: 'clients',
  sessions: 'sessions',
  messages: 'messages',
  artifacts: 'artifact revisions',
  model_calls: 'model calls',
};

/**
 * Back up everything as one file, and restore such a file: it comes in as new rows beside what is
 * here, and a client whose name is taken comes in renamed unless "merge" is ticked.
 * @param {{ onRestored: () => void }} props
 */
export function BackupPanel({ onRestored }) {
  const [file, setFile] = useState(/** @type {File | null} */ (null));
  const [merge, setMerge] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(/** @type {import('../types.js').RestoreReport | null} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));

  /** @param {Event} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!file) {
      setError('Choose a backup file (.json) first.');
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const { restored } = await api.restoreBackup(await file.text(), merge);
      setResult(restored);
      onRestored();
    } catch (err) {
      setError(/** @type {Error} */ (err).message);
    } finally {
      setBusy(false);
    }
  };

  return html`
    <section class="panel backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup and restore</h2>
      <p class="hint">One file with every client, session, transcript and artifact revision. Restoring adds to what is here and never overwrites it.</p>
      <a class="btn" href="/api/backup" download="">Download a backup</a>
      <form class="stack restore-form" onSubmit=${submit}>
        <div class="field">
          <label for="restore-file">Restore from a backup file</label>
          <input id="restore-file" type="file" accept=".json,application/json"
            onChange=${(/** @type {Event} */ e) => setFile(/** @type {HTMLInputElement} */ (e.currentTarget).files?.[0] ?? null)} />
        </div>
        <label class="checkbox"><input type="checkbox" checked=${merge} onChange=${(/** @type {Event} */ e) => setMerge(/** @type {HTMLInputElement} */ (e.currentTarget).checked)} />
          Add sessions to a client of the same name <span class="muted">— otherwise it comes in renamed</span></label>
        <button type="submit" class="btn" disabled=${busy}>${busy ? 'Restoring…' : 'Restore'}</button>
      </form>
      ${error && html`<p class="field-error" role="alert">${error}</p>`}
      ${
        result &&
        html`<div class="restore-report" role="status">
          <p><strong>Restored.</strong> ${Object.entries(result.rows)
            .filter(([, n]) => n > 0)
            .map(([table, n]) => `${n} ${TABLE_WORDS[table] ?? table}`)
            .join(', ')}.</p>
          <ul>
            ${result.clients.map(
              (c) =>
                html`<li key=${c.id}>${c.name}: ${c.as === 'added' ? 'new client' : c.as === 'merged' ? 'added to the existing client' : `renamed from “${c.from}” (that name was taken)`}</li>`,
            )}
          </ul>
        </div>`
      }
    </section>`;
}
