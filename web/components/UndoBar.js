import { html, useState } from '../lib/html.js';

/**
 * What was just moved to the trash, with Undo: a delete is never silent. It stays until undone,
 * dismissed or replaced by the next one.
 * @param {{ notice: { message: string, undo: () => Promise<unknown> } | null, onClose: () => void }} props
 */
export function UndoBar({ notice, onClose }) {
  const [busy, setBusy] = useState(false);
  if (!notice) return null;
  const undo = async () => {
    setBusy(true);
    try {
      await notice.undo();
    } finally {
      setBusy(false);
    }
  };
  return html`
    <div class="undo-bar" role="status">
      <span>${notice.message}</span>
      <span class="undo-actions">
        <button type="button" class="btn btn-small" onClick=${undo} disabled=${busy}>Undo</button>
        <button type="button" class="btn btn-small btn-ghost" onClick=${onClose} aria-label="Dismiss">Dismiss</button>
      </span>
    </div>`;
}
