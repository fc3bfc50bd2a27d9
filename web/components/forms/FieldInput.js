/**
 * One field of a form, drawn from its description (src/domain/forms/): text, a number or an amount,
 * a 1–5 score as labelled choices, a choice, a date or a deadline, a list, a picker of the session's
 * trends or risks, a group of fields, or a list of small items. Every input has a visible label; a
 * field that may be a gap can be emptied, and then shows as one.
 */
import { GAPS, moneyUnit } from '/shared/domain.mjs';
import { html, useId } from '../../lib/html.js';
import { money, useCurrency } from '../../money.js';
import { blankItem, blankOf, itemLine } from './values.js';

/** @typedef {import('../../types.js').FieldSpec} FieldSpec */
/** @typedef {import('./values.js').RefChoices} RefChoices */
/** @template {EventTarget} T @typedef {import('../../lib/html.js').TargetedEvent<T>} TargetedEvent */

/**
 * @typedef {{
 *   spec: FieldSpec,
 *   value: unknown,
 *   onChange: (value: unknown) => void,
 *   refs: RefChoices,
 *   path: string,
 *   invalid?: string | null,
 *   readFrom?: string | null,
 * }} FieldProps
 */

/** @param {FieldSpec} spec */
const gapWords = (spec) => (spec.kind === 'score' ? GAPS.score : 'not said');

/** @param {unknown} v */
const asText = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/**
 * "450000" → 450000; "" → null; "1.2" stays 1.2: no guessing of thousands, the preview shows what was typed.
 * @param {string} raw
 */
function toNumber(raw) {
  const t = raw.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : raw;
}

/** @param {FieldProps} props */
export function FieldInput(props) {
  const { spec } = props;
  if (spec.kind === 'group') return html`<${GroupInput} ...${props} />`;
  if (spec.kind === 'items') return html`<${ItemsInput} ...${props} />`;
  if (spec.kind === 'score') return html`<${ScoreInput} ...${props} />`;
  if (spec.kind === 'refs') return html`<${RefsInput} ...${props} />`;
  if (spec.kind === 'list') return html`<${ListInput} ...${props} />`;
  return html`<${SimpleInput} ...${props} />`;
}

/**
 * The label, help and what a pre-fill read it from, around one input.
 * @param {{ id: string, spec: FieldSpec, children: import('../../lib/html.js').Children, readFrom?: string | null, invalid?: string | null, wide?: boolean }} props
 */
function Labelled({ id, spec, children, readFrom, invalid, wide = false }) {
  return html`
    <div class=${`form-field form-field-${spec.kind}${wide ? ' form-field-wide' : ''}`} data-field=${spec.key}>
      <label for=${id} class="form-label">${spec.label}${spec.unit ? html` <span class="muted">(${spec.unit})</span>` : null}</label>
      ${children}
      ${readFrom ? html`<p class="read-from small" data-read-from>Read from “${readFrom}”</p>` : null}
      ${invalid ? html`<p class="field-error" role="alert" id=${`${id}-error`}>${invalid}</p>` : null}
    </div>`;
}

/** @param {FieldProps} props */
function SimpleInput({ spec, value, onChange, refs, readFrom, invalid }) {
  const id = useId();
  const currency = useCurrency();
  const common = {
    id,
    'aria-invalid': Boolean(invalid),
    'aria-describedby': invalid ? `${id}-error` : undefined,
    'data-path': spec.key,
  };
  if (spec.kind === 'id') {
    return html`<${Labelled} id=${id} spec=${spec}><output id=${id} class="form-id chip chip-muted">${asText(value)}</output><//>`;
  }
  if (spec.kind === 'boolean') {
    return html`<div class="form-field form-field-boolean" data-field=${spec.key}>
      <label><input type="checkbox" ...${common} checked=${value === true}
        onChange=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => onChange(e.currentTarget.checked)} /> ${spec.label}</label></div>`;
  }
  if (spec.kind === 'choice' || spec.kind === 'ref') {
    const options =
      spec.kind === 'choice'
        ? (spec.options ?? [])
        : (refs[spec.refersTo ?? 'trends'] ?? []).map((r) => ({ value: r.id, label: `${r.id} · ${r.label}` }));
    const known = value === null || options.some((o) => o.value === value);
    return html`<${Labelled} id=${id} spec=${spec} readFrom=${readFrom} invalid=${invalid}>
      <select ...${common} class="form-input" value=${asText(value)}
        onChange=${(/** @type {TargetedEvent<HTMLSelectElement>} */ e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}>
        ${spec.nullable || value === null ? html`<option value="">${gapWords(spec)}</option>` : null}
        ${!known ? html`<option value=${asText(value)}>${asText(value)} (not in this session)</option>` : null}
        ${options.map((o) => html`<option key=${o.value} value=${o.value}>${o.label}</option>`)}
      </select><//>`;
  }
  if (spec.kind === 'number' || spec.kind === 'money') {
    const n = typeof value === 'number' ? value : null;
    return html`<${Labelled} id=${id} spec=${spec} readFrom=${readFrom} invalid=${invalid}>
      <span class="form-number">
        ${spec.kind === 'money' ? html`<span class="form-unit small" title="The client's currency (Amounts in, at the top of the session)">${moneyUnit(currency)}</span>` : null}
        <input type="number" ...${common} class="form-input" inputmode="decimal" step="any"
          min=${spec.min ?? undefined} max=${spec.max ?? undefined} value=${asText(value)} placeholder=${spec.nullable ? gapWords(spec) : ''}
          onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => onChange(toNumber(e.currentTarget.value))} />
        ${spec.kind === 'money' && n !== null ? html`<span class="muted small form-preview" aria-live="polite">${money(n, currency, { compact: false })}</span>` : null}
      </span><//>`;
  }
  const long = spec.kind === 'longText';
  const Tag = long ? 'textarea' : 'input';
  const type = spec.kind === 'date' ? 'date' : 'text';
  return html`<${Labelled} id=${id} spec=${spec} readFrom=${readFrom} invalid=${invalid} wide=${long}>
    <${Tag} type=${long ? undefined : type} ...${common} class="form-input" rows=${long ? 3 : undefined} maxLength=${spec.max ?? undefined}
      value=${asText(value)} placeholder=${spec.kind === 'deadline' ? '2027-06-30 or 2027-Q2' : spec.nullable ? gapWords(spec) : ''}
      onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => onChange(spec.nullable && e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)} /><//>`;
}

/** A 1–5 score as five labelled choices and "not scored": arrow keys move between them. @param {FieldProps} props */
function ScoreInput({ spec, value, onChange, readFrom, invalid }) {
  const name = useId();
  const scale = spec.scale ?? [];
  const choices = [...(spec.nullable ? [null] : []), 1, 2, 3, 4, 5];
  return html`
    <fieldset class="form-field form-field-score" data-field=${spec.key}>
      <legend class="form-label">${spec.label}</legend>
      <div class="score-choices">
        ${choices.map(
          (n) => html`
          <label key=${n ?? 'gap'} class=${`score-choice${value === n ? ' score-choice-on' : ''}`}>
            <input type="radio" name=${name} value=${n ?? ''} checked=${value === n} data-path=${spec.key}
              onChange=${() => onChange(n)} />
            ${n === null ? html`<span>${GAPS.score}</span>` : html`<strong>${n}</strong>${scale[n - 1] ? html` <span class="small">${scale[n - 1]}</span>` : null}`}
          </label>`,
        )}
      </div>
      ${readFrom ? html`<p class="read-from small" data-read-from>Read from “${readFrom}”</p>` : null}
      ${invalid ? html`<p class="field-error" role="alert">${invalid}</p>` : null}
    </fieldset>`;
}

/** Ids of the session's trends, risks or entries, as checkboxes. @param {FieldProps} props */
function RefsInput({ spec, value, onChange, refs, readFrom }) {
  const chosen = Array.isArray(value) ? /** @type {string[]} */ (value) : [];
  const choices = refs[spec.refersTo ?? 'trends'] ?? [];
  const unknown = chosen.filter((id) => !choices.some((c) => c.id === id));
  /** @param {string} id @param {boolean} on */
  const toggle = (id, on) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return html`
    <fieldset class="form-field form-field-refs" data-field=${spec.key}>
      <legend class="form-label">${spec.label}</legend>
      ${choices.length === 0 && unknown.length === 0 ? html`<p class="muted small">Nothing to pick in this session yet.</p>` : null}
      ${[...choices, ...unknown.map((id) => ({ id, label: 'not in this session' }))].map(
        (
          c,
        ) => html`<label key=${c.id} class="ref-choice"><input type="checkbox" checked=${chosen.includes(c.id)} data-path=${spec.key} value=${c.id}
          onChange=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => toggle(c.id, e.currentTarget.checked)} /> <span class="chip chip-muted">${c.id}</span> <bdi>${c.label}</bdi></label>`,
      )}
      ${readFrom ? html`<p class="read-from small" data-read-from>Read from “${readFrom}”</p>` : null}
    </fieldset>`;
}

/** A list of short texts: edit, remove, add. @param {FieldProps} props */
function ListInput({ spec, value, onChange, readFrom, invalid }) {
  const items = Array.isArray(value) ? /** @type {string[]} */ (value) : [];
  const id = useId();
  /** @param {number} i @param {string} text */
  const set = (i, text) => onChange(items.map((x, j) => (j === i ? text : x)));
  return html`
    <fieldset class="form-field form-field-list form-field-wide" data-field=${spec.key}>
      <legend class="form-label">${spec.label}</legend>
      ${items.length === 0 ? html`<p class="muted small">None yet.</p>` : null}
      <ol class="list-editor">
        ${items.map(
          (item, i) => html`<li key=${i}>
            <label class="visually-hidden" for=${`${id}-${i}`}>${spec.label} ${i + 1}</label>
            <input id=${`${id}-${i}`} class="form-input" value=${item} data-path=${`${spec.key}.${i}`}
              onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => set(i, e.currentTarget.value)} />
            <button type="button" class="btn btn-small btn-ghost" aria-label=${`Remove ${spec.label} ${i + 1}`}
              onClick=${() => onChange(items.filter((_, j) => j !== i))}>Remove</button></li>`,
        )}
      </ol>
      <button type="button" class="btn btn-small" disabled=${spec.max !== null && items.length >= spec.max} onClick=${() => onChange([...items, ''])}>Add to ${spec.label.toLowerCase()}</button>
      ${readFrom ? html`<p class="read-from small" data-read-from>Read from “${readFrom}”</p>` : null}
      ${invalid ? html`<p class="field-error" role="alert">${invalid}</p>` : null}
    </fieldset>`;
}

/** A group of fields (a metric, the money, a decision record); a group that may be a gap can be added or removed. @param {FieldProps} props */
function GroupInput({ spec, value, onChange, refs, path, invalid }) {
  const fields = spec.fields ?? [];
  if (value === null || value === undefined) {
    return html`<div class="form-field form-field-wide form-group-empty" data-field=${spec.key}>
      <span class="form-label">${spec.label}</span> <span class="muted gap">${gapWords(spec)}</span>
      <button type="button" class="btn btn-small" onClick=${() => onChange(blankItem(fields))}>Add ${spec.label.toLowerCase()}</button></div>`;
  }
  const obj = /** @type {Record<string, unknown>} */ (value);
  return html`
    <fieldset class="form-field form-field-wide form-group" data-field=${spec.key}>
      <legend class="form-label">${spec.label}</legend>
      <div class="form-grid">
        ${fields.map(
          (f) => html`<${FieldInput} key=${f.key} spec=${f} value=${obj[f.key]} refs=${refs} path=${`${path}.${f.key}`}
            onChange=${(/** @type {unknown} */ v) => onChange({ ...obj, [f.key]: v })} />`,
        )}
      </div>
      ${spec.nullable ? html`<button type="button" class="btn btn-small btn-ghost" onClick=${() => onChange(null)}>Remove ${spec.label.toLowerCase()}</button>` : null}
      ${invalid ? html`<p class="field-error" role="alert">${invalid}</p>` : null}
    </fieldset>`;
}

/** A list of small items (key numbers, objections): each a row of fields, removable; add a blank one. @param {FieldProps} props */
function ItemsInput({ spec, value, onChange, refs, path, readFrom, invalid }) {
  const items = Array.isArray(value) ? /** @type {Record<string, unknown>[]} */ (value) : [];
  const fields = spec.fields ?? [];
  return html`
    <fieldset class="form-field form-field-wide form-items" data-field=${spec.key}>
      <legend class="form-label">${spec.label}</legend>
      ${items.length === 0 ? html`<p class="muted small">None yet.</p>` : null}
      ${items.map(
        (
          item,
          i,
        ) => html`<div key=${i} class="form-item-row" role="group" aria-label=${`${spec.label} ${i + 1}: ${itemLine(item)}`}>
          ${fields.map(
            (
              f,
            ) => html`<${FieldInput} key=${f.key} spec=${f} value=${item[f.key]} refs=${refs} path=${`${path}.${i}.${f.key}`}
              onChange=${(/** @type {unknown} */ v) => onChange(items.map((x, j) => (j === i ? { ...x, [f.key]: v } : x)))} />`,
          )}
          <button type="button" class="btn btn-small btn-ghost" aria-label=${`Remove ${spec.label} ${i + 1}`} onClick=${() => onChange(items.filter((_, j) => j !== i))}>Remove</button>
        </div>`,
      )}
      <button type="button" class="btn btn-small" disabled=${spec.max !== null && items.length >= spec.max}
        onClick=${() =>
          onChange([
            ...items,
            blankItem(
              fields,
              items.map((x) => String(x.id ?? '')),
            ),
          ])}>Add to ${spec.label.toLowerCase()}</button>
      ${readFrom ? html`<p class="read-from small" data-read-from>Read from “${readFrom}”</p>` : null}
      ${invalid ? html`<p class="field-error" role="alert">${invalid}</p>` : null}
    </fieldset>`;
}

export { blankOf };
