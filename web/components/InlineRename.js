import { html, useEffect, useRef, useState } from '../lib/html.js';

/**
 * A name edited in place: Enter or Save keeps it, Esc or Cancel leaves it as it was. `onSave`
 * returns a promise; while it runs the form is disabled, and a refusal (a name taken) stays beside it.
 * @param {{ label: string, value: string, onSave: (value: string) => Promise<unknown>, onDone: () => void, allowEmpty?: boolean }} props
 */
export function InlineRename({ label, value, onSave, onDone, allowEmpty = false }) {
  const [text, setText] = useState(value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const input = useRef(/** @type {HTMLInputElement | null} */ (null));
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  /** @param {Event} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!allowEmpty && !text.trim()) {
      setError('The name must not be empty.');
      return;
    }
    setBusy(true);
    try {
      await onSave(text.trim());
      onDone();
    } catch (err) {
      setError(/** @type {Error} */ (err).message);
      setBusy(false);
    }
  };
  return html`
    <form class="inline-rename" onSubmit=${submit} onKeyDown=${(/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && onDone()}>
      <label class="visually-hidden" for="rename-input">${label}</label>
      <input id="rename-input" ref=${input} value=${text} maxLength="200" disabled=${busy}
        onInput=${(/** @type {InputEvent} */ e) => setText(/** @type {HTMLInputElement} */ (e.currentTarget).value)}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? 'rename-error' : undefined} />
      <button type="submit" class="btn btn-small btn-primary" disabled=${busy}>Save</button>
      <button type="button" class="btn btn-small btn-ghost" onClick=${onDone} disabled=${busy}>Cancel</button>
      ${error && html`<p class="field-error" id="rename-error" role="alert">${error}</p>`}
    </form>`;
}
