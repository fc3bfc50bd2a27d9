import { describe, expect, it } from 'vitest';
import { currencyInText, currencyOfLocale, formatMoney, isCurrencyCode, moneyUnit } from '../../src/domain/index.js';

const nb = (s: string) => s.replace(/ /g, '\u00a0');

describe('formatMoney: one house style for every amount', () => {
  it('writes the ISO code, a no-break space and the amount grouped, never rounding away what was given', () => {
    expect(formatMoney(450_000, 'EUR')).toBe(nb('EUR 450,000'));
    expect(formatMoney(1_234_567.6, 'USD')).toBe(nb('USD 1,234,567.6'));
    expect(formatMoney(1.2, 'EUR')).toBe(nb('EUR 1.2'));
    expect(formatMoney(0.004, 'EUR')).toBe(nb('EUR 0'));
    expect(formatMoney(-50_000, 'CHF')).toBe(nb('-CHF 50,000'));
    expect(formatMoney(0, 'GBP')).toBe(nb('GBP 0'));
  });

  it('shortens for a narrow cell on request', () => {
    expect(formatMoney(450_000, 'EUR', { compact: true })).toBe(nb('EUR 450K'));
    expect(formatMoney(1_250_000, 'USD', { compact: true })).toBe(nb('USD 1.3M'));
  });

  it('writes a plain number, no symbol, when the currency is not set', () => {
    expect(formatMoney(450_000, null)).toBe('450,000');
    expect(formatMoney(1_250_000, null, { compact: true })).toBe('1.3M');
    expect(moneyUnit(null)).toBe('currency not set');
    expect(moneyUnit('EUR')).toBe('EUR');
  });
});

describe('isCurrencyCode', () => {
  it('takes ISO 4217 codes and nothing else', () => {
    for (const code of ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'SEK']) expect(isCurrencyCode(code)).toBe(true);
    for (const bad of ['eur', '€', 'EURO', 'XYZ', 'CEO', '', 'US']) expect(isCurrencyCode(bad)).toBe(false);
  });
});

describe('currencyInText: only where the text says it unambiguously', () => {
  it.each([
    ['EUR 450.000 one-off', 'EUR'],
    ['€ 1,2 Mio. a year', 'EUR'],
    ['Revenue 39.5 Mio. EUR, budget 2M EUR', 'EUR'],
    ['budget of about 300 thousand euros', 'EUR'],
    ['CHF 2M and CHF300k', 'CHF'],
    ['£4.5M turnover', 'GBP'],
    ['US$ 4.5M (that is $4.5M)', 'USD'],
    ['450k GBP', 'GBP'],
  ])('%s → %s', (text, code) => expect(currencyInText(text)).toBe(code));

  it.each([
    ['Revenue $39.5M run-rate'],
    ['about forty-five thousand dollars'],
    ['¥120M'],
    ['€2M here and $3M there'],
    ['EUR 2M and GBP 1M'],
    ['124 engineers, 14% margin'],
    ['The CEO and CFO agree: 3 ERP systems'],
  ])('%s → null', (text) => expect(currencyInText(text)).toBeNull());
});

describe('currencyOfLocale', () => {
  it('suggests the currency of the locale’s region', () => {
    expect(currencyOfLocale('de-AT')).toBe('EUR');
    expect(currencyOfLocale('en-GB')).toBe('GBP');
    expect(currencyOfLocale('de-CH')).toBe('CHF');
    expect(currencyOfLocale('en')).toBe('USD');
    expect(currencyOfLocale('not a locale!')).toBeNull();
  });
});
