import { html, useId, useState } from '../../lib/html.js';

/**
 * The whole artifact as JSON: for the edits the inline fields don't offer. The server validates.
 * @param {{
 *   data: unknown,
 *   onSave: (data: unknown) => Promise<import('../../session/useSession.js').ShownError | null>,
 *   onClose: () => void,
 *   error: import('../../session/useSession.js').ShownError | null,
 *   what?: string,
 *   saveLabel?: string,
 * }} props
 */
export function JsonEditor({ data, onSave, onClose, error, what = 'Artifact', saveLabel = 'Save as new revision' }) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(data, null, 2));
  const [local, setLocal] = useState(/** @type {string | null} */ (null));
  const [saving, setSaving] = useState(false);
  const save = async () => {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setLocal(`This is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setLocal(null);
    setSaving(true);
    const failed = await onSave(parsed);
    setSaving(false);
    if (!failed) onClose();
  };
  const message = local ?? (error ? `${error.message}${error.field ? ` (field: ${error.field})` : ''}` : null);
  return html`
    <div class="json-editor">
      <label for=${id}>${what} as JSON</label>
      <textarea id=${id} class="json-text" spellcheck="false" rows="18" value=${text}
        onInput=${(/** @type {import('../../lib/html.js').TargetedEvent<HTMLTextAreaElement>} */ e) => setText(e.currentTarget.value)} aria-invalid=${Boolean(message)} aria-describedby=${message ? `${id}-error` : undefined}></textarea>
      ${message && html`<p class="field-error" id=${`${id}-error`} role="alert">${message}</p>`}
      <div class="button-row">
        <button type="button" class="btn btn-primary btn-small" onClick=${save} disabled=${saving}>${saving ? 'Saving…' : saveLabel}</button>
        <button type="button" class="btn btn-ghost btn-small" onClick=${onClose}>Cancel</button>
      </div>
    </div>`;
}
