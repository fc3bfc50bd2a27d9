import { html, useEffect, useState } from '../lib/html.js';
import { COMMON_CURRENCIES, isCurrencyCode } from '/shared/domain.mjs';

const OTHER = 'other';
const NOT_SET = '';

/**
 * Choosing a client's currency: the common ones, any other ISO 4217 code typed in, or "not set yet".
 * `onChange` gets a code or null: a typed code once it has three letters, which the picker says is
 * not an ISO 4217 code when it is none (the caller checks with isCurrencyCode before it sends one).
 * @param {{
 *   id: string,
 *   value: string | null,
 *   onChange: (code: string | null) => void,
 *   disabled?: boolean,
 *   describedBy?: string,
 * }} props
 */
export function CurrencyPicker({ id, value, onChange, disabled, describedBy }) {
  const common = /** @type {readonly string[]} */ (COMMON_CURRENCIES);
  const [other, setOther] = useState(value !== null && !common.includes(value));
  const [typed, setTyped] = useState(value ?? '');
  useEffect(() => {
    if (value !== null && !common.includes(value)) {
      setOther(true);
      setTyped(value);
    }
  }, [value]);
  const selected = other ? OTHER : (value ?? NOT_SET);
  const typedCode = typed.trim().toUpperCase();
  const typedBad = other && typedCode.length > 0 && !isCurrencyCode(typedCode);
  return html`
    <span class="currency-picker">
      <select id=${id} name="currency" value=${selected} disabled=${disabled} aria-describedby=${describedBy}
        onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) => {
          const v = e.currentTarget.value;
          if (v === OTHER) {
            setOther(true);
            if (typedCode.length === 3) onChange(typedCode);
            return;
          }
          setOther(false);
          onChange(v === NOT_SET ? null : v);
        }}>
        ${common.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
        <option value=${OTHER}>Other ISO code…</option>
        <option value=${NOT_SET}>Not set yet</option>
      </select>
      ${
        other &&
        html`<input class="currency-code" aria-label="ISO 4217 currency code" maxlength="3" size="4" placeholder="e.g. ZAR"
          value=${typed} disabled=${disabled} aria-invalid=${typedBad}
          onInput=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => {
            const next = e.currentTarget.value;
            setTyped(next);
            const code = next.trim().toUpperCase();
            if (code.length === 3) onChange(code);
          }} />`
      }
      ${typedBad && html`<span class="field-error" role="alert">${typedCode} is not an ISO 4217 currency code.</span>`}
    </span>`;
}
