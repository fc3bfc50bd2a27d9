import { html, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { CURRENCY_NOT_SET, currencyInText, isCurrencyCode } from '/shared/domain.mjs';
import { CurrencyPicker } from './CurrencyPicker.js';

/**
 * The client's currency on the session page: which currency every amount is in, changeable here. While
 * it is not set, it says so, and once the advisor has written an amount with a currency in the company
 * context ("EUR 450.000", "£300k"), it offers that one.
 * @param {{
 *   client: import('/shared/domain.mjs').Client,
 *   messages: readonly import('/shared/domain.mjs').Message[],
 *   onChanged: () => unknown,
 * }} props
 */
export function ClientCurrency({ client, messages, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const written = messages
    .filter((m) => m.role === 'user' && m.step === 'context')
    .map((m) => m.content)
    .join('\n');
  const suggestion = client.currency === null ? currencyInText(written) : null;
  /** @param {string | null} currency */
  const save = async (currency) => {
    // A typed code that is none is said by the picker; nothing is sent until it is one.
    if (currency === client.currency || (currency !== null && !isCurrencyCode(currency))) return;
    setBusy(true);
    setError(null);
    try {
      await api.updateClient(client.id, { currency });
      await onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The currency could not be saved. Retry.');
    } finally {
      setBusy(false);
    }
  };
  return html`
    <div class=${`client-currency${client.currency === null ? ' currency-unset' : ''}`} data-testid="client-currency">
      <label for="client-currency">Amounts in</label>
      <${CurrencyPicker} id="client-currency" value=${client.currency} onChange=${save} disabled=${busy} />
      ${client.currency === null && html`<span class="gap-note small">${CURRENCY_NOT_SET}: amounts show as plain numbers</span>`}
      ${
        suggestion &&
        html`<button type="button" class="btn btn-small" onClick=${() => save(suggestion)} disabled=${busy}>
          Use ${suggestion} <span class="muted">(as in your context)</span></button>`
      }
      ${error && html`<p class="field-error" role="alert">${error}</p>`}
    </div>`;
}
