import { createContext, useContext } from './lib/html.js';
import { formatMoney } from '/shared/domain.mjs';

/**
 * The session's client's currency (an ISO 4217 code, or null while not set), for every component that
 * shows an amount: SessionPage provides it from the session view, so a change shows everywhere at once.
 */
export const CurrencyContext = createContext(/** @type {string | null} */ (null));

/** @returns {string | null} */
export function useCurrency() {
  return useContext(CurrencyContext);
}

/**
 * An amount as a narrow table cell shows it ("EUR 450K"); the full figure ("EUR 450,000") for a tooltip.
 * The same domain helper as every export, so the page and the memo agree.
 * @param {number} n
 * @param {string | null} currency
 * @param {{ compact?: boolean }} [options]
 */
export const money = (n, currency, options = { compact: true }) => formatMoney(n, currency, options);
