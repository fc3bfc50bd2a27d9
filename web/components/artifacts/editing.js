/**
 * Hand edits of an artifact: each field knows its path; saving PUTs the whole artifact with that
 * one value changed, and the server's verdict (422 with the field at fault) shows beside the field.
 */
import { GAPS, SCORES } from '/shared/domain.mjs';
import { createContext, html, useContext, useEffect, useId, useRef, useState } from '../../lib/html.js';
import { fieldName } from '../../format.js';

/** @typedef {import('../../format.js').FieldPath} FieldPath */
/** @typedef {import('../../session/useSession.js').ShownError} ShownError */
/** @template {EventTarget} T @typedef {import('../../lib/html.js').TargetedEvent<T>} TargetedEvent */

/**
 * What the fields of an artifact view share: how to save one value, the last save's error, and
 * whether editing is off (while a draft is being written, or before there is an artifact).
 * @typedef {{
 *   save: (path: FieldPath, value: unknown) => Promise<ShownError | null>,
 *   error: ShownError | null,
 *   disabled: boolean,
 * }} EditState
 */

export const EditContext = createContext(
  /** @type {EditState} */ ({ save: async () => null, error: null, disabled: true }),
);

export function useEdit() {
  return useContext(EditContext);
}

/**
 * The server's error for this field (or inside it), if the last save failed there.
 * @param {{ path: FieldPath, id?: string }} props
 */
export function FieldError({ path, id }) {
  const { error } = useEdit();
  if (!error?.field) return null;
  const name = fieldName(path);
  if (error.field !== name && !error.field.startsWith(`${name}.`)) return null;
  return html`<p class="field-error" id=${id} role="alert">${error.message}</p>`;
}

/**
 * Text shown as text, with an Edit button that turns it into a field.
 * @param {{
 *   value: string | null,
 *   path: FieldPath,
 *   label: string,
 *   multiline?: boolean,
 *   nullable?: boolean,
 *   placeholder?: string,
 *   toValue?: (text: string) => unknown,
 * }} props
 */
export function EditableText({
  value,
  path,
  label,
  multiline = false,
  nullable = false,
  placeholder = '—',
  toValue = (text) => text,
}) {
  const { save, disabled, error } = useEdit();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [saving, setSaving] = useState(false);
  /** @type {import('/vendor/preact.mjs').RefObject<HTMLInputElement | HTMLTextAreaElement | null>} */
  const input = useRef(null);
  /** @type {import('/vendor/preact.mjs').RefObject<HTMLButtonElement | null>} */
  const editButton = useRef(null);
  const errorId = useId();
  const hasError = error?.field === fieldName(path);

  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const open = () => {
    setDraft(value ?? '');
    setEditing(true);
  };
  const cancel = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const commit = async () => {
    const next = nullable && draft.trim() === '' ? null : draft;
    if (next === value) return cancel();
    const saved = next === null ? null : toValue(next);
    setSaving(true);
    const failed = await save(path, saved);
    setSaving(false);
    if (!failed) cancel();
  };
  /** @param {KeyboardEvent} e */
  const onKeyDown = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };

  if (editing) {
    const Tag = multiline ? 'textarea' : 'input';
    return html`
      <span class="editing" data-path=${fieldName(path)}>
        <label class="visually-hidden" for=${`${errorId}-input`}>${label}</label>
        <${Tag} id=${`${errorId}-input`} ref=${input} class="edit-input" value=${draft} rows=${multiline ? 3 : undefined}
          onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => setDraft(e.currentTarget.value)} onKeyDown=${onKeyDown}
          aria-invalid=${hasError} aria-describedby=${hasError ? errorId : undefined} />
        <span class="button-row">
          <button type="button" class="btn btn-small btn-primary" onClick=${commit} disabled=${saving}>${saving ? 'Saving…' : 'Save'}</button>
          <button type="button" class="btn btn-small btn-ghost" onClick=${cancel}>Cancel</button>
        </span>
        <${FieldError} path=${path} id=${errorId} />
      </span>`;
  }
  return html`
    <span class="editable" data-path=${fieldName(path)}>
      <span class=${value ? 'editable-value' : 'editable-value muted'}>${value || placeholder}</span>
      ${!disabled && html`<button type="button" ref=${editButton} class="edit-button" onClick=${open} aria-label=${`Edit ${label}`} title=${`Edit ${label}`}>✎</button>`}
    </span>`;
}

/**
 * A number shown as text and edited as text: "1,800,000" is saved as 1800000; what does not read as a
 * number is sent as typed, so the server's validation names the field.
 * @param {{ value: number | null, path: FieldPath, label: string, show: (n: number) => string, placeholder?: string }} props
 */
export function EditableNumber({ value, path, label, show, placeholder = '—' }) {
  return html`<${EditableText} value=${value === null ? null : show(value)} path=${path} label=${label} nullable
    placeholder=${placeholder} toValue=${toNumber} />`;
}

/** @param {string} text */
function toNumber(text) {
  const plain = text.replace(/[\s,_]/g, '');
  const n = Number(plain);
  return plain !== '' && Number.isFinite(n) ? n : text;
}

/**
 * A 1–5 score (likelihood, impact) as a select, or "not scored" (null); a change is saved at once.
 * @param {{ value: number | null, path: FieldPath, label: string }} props
 */
export function ScoreSelect({ value, path, label }) {
  const { save, disabled } = useEdit();
  const id = useId();
  return html`
    <span class="score-select">
      <label class="visually-hidden" for=${id}>${label}</label>
      <select id=${id} value=${value === null ? '' : String(value)} disabled=${disabled} data-path=${fieldName(path)}
        class=${value === null ? 'gap' : undefined}
        onChange=${(/** @type {TargetedEvent<HTMLSelectElement>} */ e) => save(path, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
        <option value="">${GAPS.score}</option>
        ${SCORES.map((n) => html`<option value=${String(n)} key=${n}>${n}</option>`)}
      </select>
      <${FieldError} path=${path} />
    </span>`;
}

/**
 * A choice among fixed values (assumption status, verdict, roadmap status), saved at once; `labels`
 * names the values if given. `gap`: the field may be null, shown (and chosen) as these words.
 * @template {string} V
 * @param {{ value: V | null, path: FieldPath, label: string, options: readonly V[], labels?: Readonly<Record<V, string>> | null, gap?: string | null }} props
 */
export function EnumSelect({ value, path, label, options, labels = null, gap = null }) {
  const { save, disabled } = useEdit();
  const id = useId();
  return html`
    <span class="enum-select">
      <label class="visually-hidden" for=${id}>${label}</label>
      <select id=${id} value=${value ?? ''} disabled=${disabled} data-path=${fieldName(path)}
        onChange=${(/** @type {TargetedEvent<HTMLSelectElement>} */ e) => save(path, e.currentTarget.value === '' ? null : e.currentTarget.value)}>
        ${gap !== null && html`<option value="">${gap}</option>`}
        ${options.map((o) => html`<option value=${o} key=${o}>${labels?.[o] ?? o}</option>`)}
      </select>
    </span>`;
}

/**
 * A list of strings, shown as a list; each item editable.
 * @param {{ items: readonly string[] | null | undefined, path: FieldPath, label: string, empty?: string }} props
 */
export function TextListView({ items, path, label, empty = 'None yet.' }) {
  if (!items || items.length === 0) return html`<p class="muted small">${empty}</p>`;
  return html`<ul class="plain-list">${items.map(
    (item, i) => html`
    <li key=${i}><${EditableText} value=${item} path=${[...path, i]} label=${`${label} ${i + 1}`} multiline /></li>`,
  )}</ul>`;
}
