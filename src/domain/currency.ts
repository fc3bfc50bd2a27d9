import { z } from 'zod';
import { isCurrencyCode } from './money.js';

/**
 * A client's currency as the API takes it: an ISO 4217 code ("EUR"; "eur" is read as EUR), checked
 * against the runtime's list of codes, so the page (which offers the same list) and the server agree.
 */
export const CurrencyCode = z
  .string({ message: 'must be an ISO 4217 currency code such as EUR, USD or GBP' })
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, {
    message: 'must be an ISO 4217 currency code such as EUR, USD or GBP (a three-letter code, not a symbol)',
  });
