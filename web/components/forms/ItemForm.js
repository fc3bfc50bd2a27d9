/**
 * A form over one object (a roadmap entry, a risk, the company context): its fields from their
 * descriptions, a draft kept here until Save, the server's refusal shown at the field it names.
 * A risk's form shows the severity its two scores make, with the band's meaning, as you choose them.
 */
import { SEVERITY_BANDS, severityOf } from '/shared/domain.mjs';
import { html, useState } from '../../lib/html.js';
import { fieldName } from '../../format.js';
import { FieldInput } from './FieldInput.js';

/** @typedef {import('../../types.js').FieldSpec} FieldSpec */
/** @typedef {import('../../session/useSession.js').ShownError} ShownError */

/**
 * The band a likelihood and an impact make, in words; null until both are scored.
 * @param {Record<string, unknown>} item
 */
export function severityLine(item) {
  const { likelihood, impact } = item;
  if (typeof likelihood !== 'number' || typeof impact !== 'number') return null;
  const severity = severityOf(likelihood, impact);
  const band = SEVERITY_BANDS.find((b) => b.severity === severity);
  return { severity, text: `Score ${likelihood * impact}: ${severity}${band ? `, ${band.meaning}` : ''}` };
}

/**
 * The error the server gave for a field under `path`, if it names one.
 * @param {ShownError | null} error
 * @param {import('../../format.js').FieldPath} path
 * @param {string} key
 */
function errorAt(error, path, key) {
  if (!error?.field) return null;
  const name = fieldName([...path, key]);
  return error.field === name || error.field.startsWith(`${name}.`) ? error.message : null;
}

/**
 * @param {{
 *   fields: readonly FieldSpec[],
 *   value: Record<string, unknown>,
 *   path: import('../../format.js').FieldPath,
 *   refs: import('./values.js').RefChoices,
 *   onSave: (value: Record<string, unknown>) => Promise<ShownError | null>,
 *   onCancel?: (() => void) | null,
 *   onRemove?: (() => Promise<ShownError | null>) | null,
 *   saveLabel?: string,
 *   disabled?: boolean,
 *   label: string,
 * }} props
 */
export function ItemForm({
  fields,
  value,
  path,
  refs,
  onSave,
  onCancel = null,
  onRemove = null,
  saveLabel = 'Save',
  disabled = false,
  label,
}) {
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(/** @type {ShownError | null} */ (null));
  const changed = JSON.stringify(draft) !== JSON.stringify(value);
  const severity = severityLine(draft);
  /** @param {() => Promise<ShownError | null>} run */
  const act = async (run) => {
    setSaving(true);
    const failed = await run();
    setSaving(false);
    setError(failed);
  };
  /** @param {KeyboardEvent} e */
  const onKeyDown = (e) => {
    if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };
  const placed = error?.field ? fields.some((f) => errorAt(error, path, f.key)) : false;
  return html`
    <form class="item-form" aria-label=${label} data-form-path=${fieldName(path)} onKeyDown=${onKeyDown}
      onSubmit=${(/** @type {Event} */ e) => {
        e.preventDefault();
        if (!disabled) act(() => onSave(draft));
      }}>
      <div class="form-grid">
        ${fields.map(
          (
            f,
          ) => html`<${FieldInput} key=${f.key} spec=${f} value=${draft[f.key]} refs=${refs} path=${fieldName([...path, f.key])}
            invalid=${errorAt(error, path, f.key)} onChange=${(/** @type {unknown} */ v) => setDraft({ ...draft, [f.key]: v })} />`,
        )}
      </div>
      ${severity ? html`<p class="small severity-line" role="status"><span class=${`badge severity severity-${severity.severity.toLowerCase()}`}>${severity.severity}</span> ${severity.text}</p>` : null}
      ${error && !placed ? html`<p class="field-error" role="alert">${error.message}${error.field ? ` (${error.field.replace(/^data\./, '')})` : ''}</p>` : null}
      <div class="button-row">
        <button type="submit" class="btn btn-small btn-primary" disabled=${disabled || saving || !changed}>${saving ? 'Saving…' : saveLabel}</button>
        ${onCancel ? html`<button type="button" class="btn btn-small btn-ghost" onClick=${onCancel}>Cancel</button>` : null}
        ${changed && !onCancel ? html`<button type="button" class="btn btn-small btn-ghost" onClick=${() => setDraft(value)}>Undo changes</button>` : null}
        ${onRemove ? html`<button type="button" class="btn btn-small btn-danger" disabled=${disabled || saving} onClick=${() => act(onRemove)}>Remove</button>` : null}
      </div>
    </form>`;
}
