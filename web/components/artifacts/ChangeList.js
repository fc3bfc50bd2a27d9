/**
 * Changes between two versions of an artifact, item by item and field by field, as the server
 * computes them (a draft against the current revision, or any two revisions). With `onDecide`,
 * each change can be accepted or rejected.
 */
import { html } from '../../lib/html.js';
import { MONEY_FIELDS } from '/shared/domain.mjs';
import { money, useCurrency } from '../../money.js';
import { ProvenanceLine, fieldLabel } from './provenance.js';

/** @typedef {import('../../types.js').ItemChange} ItemChange */
/** @typedef {'edited' | 'carried'} Protection */

/** @type {Record<ItemChange['change'], string>} */
const KIND_LABELS = { added: 'New', changed: 'Changed', removed: 'Removed' };
/** @type {Record<Protection, string>} */
const PROTECTED = {
  edited: 'You edited this: kept unless you accept the change',
  carried: 'Carried over from last quarter: kept unless you accept the change',
};

/**
 * A value in a line: a list as "a; b", an object as "name: value" pairs, nothing as "empty"; an
 * amount (a money field, named by `field`'s last part) in the client's currency.
 * @param {unknown} value
 * @param {string | null} [currency]
 * @param {string} [field]
 * @returns {string}
 */
export function brief(value, currency = null, field = '') {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => brief(v, currency)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${fieldLabel(k)}: ${brief(v, currency, k)}`)
      .join(' · ');
  }
  if (typeof value === 'number' && MONEY_FIELDS.includes(field.split('.').at(-1) ?? '')) {
    return money(value, currency, { compact: false });
  }
  return String(value);
}

/** @param {{ change: Extract<ItemChange, { change: 'changed' }> }} props */
function FieldRows({ change }) {
  const currency = useCurrency();
  return html`<dl class="field-changes">
    ${change.fields.map(
      (f) => html`
      <div class=${`field-change${f.protected ? ' field-protected' : ''}${f.field === '' ? ' field-whole' : ''}`} key=${f.field} data-field=${f.field}>
        <dt class=${f.field === '' ? 'visually-hidden' : undefined}>${f.field === '' ? 'The value' : fieldLabel(f.field)}${f.protected && html` <span class="badge badge-protected" title=${PROTECTED[f.protected]}>${f.protected === 'edited' ? 'your edit' : 'carried'}</span>`}</dt>
        <dd><del>${brief(f.before, currency, f.field)}</del> <span aria-hidden="true">→</span><span class="visually-hidden">becomes</span> <ins>${brief(f.after, currency, f.field)}</ins></dd>
      </div>`,
    )}
  </dl>`;
}

/**
 * @param {{
 *   changes: readonly ItemChange[],
 *   onDecide?: ((decision: 'accept' | 'reject', key: string) => unknown) | null,
 *   disabled?: boolean,
 *   provenance?: Readonly<Record<string, import('../../types.js').ItemProvenance>> | null,
 * }} props
 */
export function ChangeList({ changes, onDecide = null, disabled = false, provenance = null }) {
  const currency = useCurrency();
  if (changes.length === 0) return html`<p class="muted small">No changes.</p>`;
  return html`<ul class="change-list">
    ${changes.map(
      (c) => html`
      <li key=${c.key} class=${`change change-${c.change}${c.protected ? ' change-protected' : ''}`} data-change-key=${c.key} data-change=${c.change}>
        <div class="change-head">
          <span class=${`badge badge-${c.change}`}>${KIND_LABELS[c.change]}</span>
          <span class="change-label">${c.label}</span>
          ${c.protected && html`<span class="protected-note small">${PROTECTED[c.protected]}</span>`}
        </div>
        ${c.change === 'changed' && html`<${FieldRows} change=${c} />`}
        ${c.change === 'added' && html`<p class="change-value small">${brief(c.after, currency)}</p>`}
        ${c.change === 'removed' && html`<p class="change-value small"><del>${brief(c.before, currency)}</del></p>`}
        ${provenance && c.change !== 'removed' && html`<p class="small change-origin"><${ProvenanceLine} p=${provenance[c.key]} /></p>`}
        ${
          onDecide &&
          html`<div class="button-row change-actions">
            <button type="button" class="btn btn-small" disabled=${disabled} onClick=${() => onDecide?.('accept', c.key)} aria-label=${`Accept: ${c.label}`}>Accept</button>
            <button type="button" class="btn btn-small btn-ghost" disabled=${disabled} onClick=${() => onDecide?.('reject', c.key)} aria-label=${`Reject: ${c.label}`}>Reject</button>
          </div>`
        }
      </li>`,
    )}
  </ul>`;
}
