/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */
import { GAPS } from './gaps.js';

/**
 * Money: amounts are plain numbers in the client's currency (an ISO 4217 code, or null while it is
 * not set), and every place that shows one (the page, the memo in every format, the deck, the CSVs,
 * State of the Tech, the Radar Review) writes it with formatMoney, so they agree to the character.
 *
 * House style: the ISO code, a no-break space, the amount grouped the English way ("EUR 450,000",
 * "USD 1,200,000", "-CHF 50,000"), with the decimals it was given, up to cents ("EUR 1.2", never "EUR 1"). A code says which currency a symbol would leave open ("$" is the
 * US, Canadian, Australian… dollar), reads the same in every export and does not depend on the
 * reader's machine. Without a currency an amount is the plain number, and the place that shows it
 * says "currency not set" once (GAPS.currency); a symbol is never guessed.
 */

/** Offered first wherever a currency is chosen; any other ISO 4217 code is accepted too. */
export const COMMON_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'CNY',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'INR',
  'SGD',
  'HKD',
  'BRL',
] as const;

/** The artifact fields that hold an amount in the client's currency (the roadmap's money, the context's budget). */
export const MONEY_FIELDS: readonly string[] = ['oneOffCost', 'annualEbitdaEffect', 'budgetAmount'];

/** The words shown beside amounts while the client's currency is not set. */
export const CURRENCY_NOT_SET = GAPS.currency;

let known: ReadonlySet<string> | null = null;
/** The ISO 4217 codes this runtime knows (Intl's list: current currencies and some historic ones). */
function knownCodes(): ReadonlySet<string> {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known;
}

/** Whether `code` is an ISO 4217 currency code, as written (upper case: "EUR", not "eur" or "€"). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCodes().has(code);
}

const full = new Map<string, Intl.NumberFormat>();
const compact = new Map<string, Intl.NumberFormat>();
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const plainCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function formatter(currency: string, short: boolean): Intl.NumberFormat {
  const cache = short ? compact : full;
  let f = cache.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: 0,
      // In full, an amount keeps the decimals it was given (up to cents): 1.2 is never shown as 1.
      maximumFractionDigits: short ? 1 : 2,
      ...(short ? { notation: 'compact' as const } : {}),
    });
    cache.set(currency, f);
  }
  return f;
}

/**
 * An amount in the client's currency: 450000, "EUR" → "EUR 450,000" (the space a no-break one);
 * `compact` for a narrow table cell: "EUR 450K", "USD 1.2M". Without a currency, the plain number
 * ("450,000", "450K"): the caller shows CURRENCY_NOT_SET beside it once.
 */
export function formatMoney(amount: number, currency: string | null, options: { compact?: boolean } = {}): string {
  const short = options.compact === true;
  if (currency === null) return (short ? plainCompact : plain).format(amount);
  return formatter(currency, short).format(amount);
}

/** What a column of amounts is in: "EUR", or "currency not set" (for headers: "One-off cost (EUR)"). */
export function moneyUnit(currency: string | null): string {
  return currency ?? CURRENCY_NOT_SET;
}

/**
 * What a table's amounts are in, said once beside it (the page, the memo, the deck): "Amounts in EUR.",
 * or that the currency is not set, so a plain number is never read as a guessed currency.
 */
export function amountsNote(currency: string | null): string {
  return currency === null
    ? `Amounts are plain numbers: ${CURRENCY_NOT_SET} for this client.`
    : `Amounts in ${currency}.`;
}

/** Symbols and words that name one currency. "£" is taken as sterling, as every client here would mean. */
const SYMBOLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/₹/, 'INR'],
  [/₩/, 'KRW'],
  [/₽/, 'RUB'],
  [/₺/, 'TRY'],
  [/₪/, 'ILS'],
  [/zł/, 'PLN'],
  [/(?<![A-Za-z])US\$/, 'USD'],
  [/(?<![A-Za-z])(?:C|CA)\$/, 'CAD'],
  [/(?<![A-Za-z])(?:A|AU)\$/, 'AUD'],
  [/(?<![A-Za-z])NZ\$/, 'NZD'],
  [/(?<![A-Za-z])S\$/, 'SGD'],
  [/(?<![A-Za-z])HK\$/, 'HKD'],
  [/\beuros?\b/i, 'EUR'],
  [/\bswiss francs?\b/i, 'CHF'],
];
/** A bare "$" or "¥" says only which family: it agrees with a code of that family, never decides one. */
const FAMILIES: ReadonlyArray<readonly [RegExp, ReadonlySet<string>]> = [
  [/(?<![A-Za-z])\$/, new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'])],
  [/¥|\byen\b|\byuan\b/i, new Set(['JPY', 'CNY'])],
  [/\bdollars?\b/i, new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'])],
];
const SCALE = String.raw`(?:k|m|mn|bn|mio\.?|mrd\.?|million|billion|thousand)?`;
/** A code touching a number: "EUR 450.000", "CHF2M", "1.2 Mio. EUR", "450k GBP". */
const CODE_BEFORE = /(?<![A-Za-z])([A-Z]{3})\s?[-+]?\d/g;
const CODE_AFTER = new RegExp(String.raw`\d[\d.,']*\s?${SCALE}\s?([A-Z]{3})(?![A-Za-z])`, 'gi');

/**
 * The one currency a text's amounts are written in, when it can be told: "€ 1,2 Mio." → EUR,
 * "CHF 2M and CHF 300k" → CHF, "US$ 4.5M (that is $4.5M)" → USD. Null when it cannot be told
 * honestly: no currency, only a bare "$" or "¥" (which dollar? which yen or yuan?), or two currencies.
 */
export function currencyInText(text: string): string | null {
  const codes = new Set<string>();
  for (const [pattern, code] of SYMBOLS) if (pattern.test(text)) codes.add(code);
  for (const m of text.matchAll(CODE_BEFORE)) if (isCurrencyCode(m[1]!)) codes.add(m[1]!);
  for (const m of text.matchAll(CODE_AFTER)) {
    const code = m[1]!;
    if (code === code.toUpperCase() && isCurrencyCode(code)) codes.add(code);
  }
  // "US$" also holds a bare "$"; read the families without the qualified dollars.
  const unqualified = text.replace(/(?<![A-Za-z])(?:US|CA|C|AU|A|NZ|S|HK)\$/g, '');
  const families = FAMILIES.filter(([pattern]) => pattern.test(unqualified)).map(([, family]) => family);
  if (codes.size !== 1) return null;
  const [code] = codes as Set<string> & { size: 1 };
  return families.every((f) => f.has(code!)) ? code! : null;
}

/** The currency of a country or region (ISO 3166 code), for the regions advisors mostly work in; null for others. */
const REGION_CURRENCIES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ').map((r) => [r, 'EUR'] as const),
  ),
  US: 'USD',
  GB: 'GBP',
  CH: 'CHF',
  LI: 'CHF',
  JP: 'JPY',
  CN: 'CNY',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  IN: 'INR',
  SG: 'SGD',
  HK: 'HKD',
  BR: 'BRL',
  MX: 'MXN',
  ZA: 'ZAR',
  KR: 'KRW',
  IL: 'ILS',
  AE: 'AED',
};

/**
 * The currency a locale suggests ("de-AT" → EUR, "en-GB" → GBP, "en" → USD, as Intl fills in the
 * likeliest region): a default to offer, never stored without the advisor choosing it. Null when unknown.
 */
export function currencyOfLocale(locale: string): string | null {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return (region && REGION_CURRENCIES[region]) ?? null;
  } catch {
    return null;
  }
}
