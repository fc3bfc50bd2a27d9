/**
 * Numbers as people write them, read to their value: "EUR 450.000" is 450,000 (a European thousands
 * point), "€ 1,2 Mio." is 1,200,000, "$8M" is 8,000,000, "45k" is 45,000, "2,8 %" is 2.8.
 */
export interface ReadNumber {
  readonly raw: string;
  readonly value: number;
  /** Written with a currency (symbol or code) beside it. */
  readonly money: boolean;
  /** The currency it was written in, where that is unambiguous ("EUR 450.000", "£300k"; not a bare "$"). */
  readonly currency: string | null;
}

const CURRENCY = String.raw`(?:[$€£¥]|\b(?:USD|EUR|GBP|CHF|SEK|NOK|DKK|PLN|CZK)\b)`;
const SCALE = String.raw`(?:\s?(?:k|K|m|M|mn|bn|b|B)\b|\s(?:thousand|million|billion|Mio\.?|Mrd\.?|Tsd\.?|mio\.?|mrd\.?)(?![\p{L}]))`;
const DIGITS = String.raw`\d[\d.,]*\d|\d`;
const NUMBER = new RegExp(String.raw`(${CURRENCY}\s?)?(?<![\p{L}\d.,/-])(${DIGITS})(${SCALE})?(\s?${CURRENCY})?`, 'gu');

const SCALES: ReadonlyArray<[RegExp, number]> = [
  [/^(?:k|thousand|tsd\.?)$/i, 1e3],
  [/^(?:m|mn|million|mio\.?)$/i, 1e6],
  [/^(?:b|bn|billion|mrd\.?)$/i, 1e9],
];

/** The value of a digit string, reading its separators the way its writer did. */
export function digitsValue(digits: string): number | null {
  // 1.234.567 or 450.000 or 1.200,50: points group thousands, a comma starts the decimals (European).
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(digits)) return Number(digits.replace(/\./g, '').replace(',', '.'));
  // 1,234,567 or 1,200.50: commas group thousands (English).
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits)) return Number(digits.replace(/,/g, ''));
  // 1,2 or 2,75: a decimal comma.
  if (/^\d+,\d{1,2}$/.test(digits)) return Number(digits.replace(',', '.'));
  if (/^\d+(?:\.\d+)?$/.test(digits)) return Number(digits);
  return null;
}

/** Every number in the text, with its value; dates (2027-06-30) are read as one token, not three numbers. */
export function readNumbers(text: string): ReadNumber[] {
  const withoutDates = text.replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-Q[1-4]\b/g, ' ');
  const out: ReadNumber[] = [];
  for (const m of withoutDates.matchAll(NUMBER)) {
    const [raw, before, digits, scaleWord, after] = m;
    const base = digitsValue(digits!.replace(/[.,]$/, ''));
    if (base === null) continue;
    const word = scaleWord?.trim();
    const factor = word ? (SCALES.find(([re]) => re.test(word))?.[1] ?? 1) : 1;
    out.push({
      raw: raw.trim(),
      value: round(base * factor),
      money: Boolean(before || after),
      currency: codeOf(before ?? after),
    });
  }
  return out;
}

/**
 * The ISO code of a currency as written beside a number: "€" is EUR, "£" GBP, a code itself; a bare
 * "$" or "¥" names no one currency (which dollar?), so null. Kept here, not taken from the product,
 * so the harness also runs against an older product (--compare).
 */
function codeOf(written: string | undefined): string | null {
  const w = written?.trim();
  if (!w) return null;
  if (w === '€') return 'EUR';
  if (w === '£') return 'GBP';
  return /^[A-Z]{3}$/.test(w) ? w : null;
}

/** Dates and quarters, as written: "2027-06-30", "2027-Q3". */
export function readDates(text: string): string[] {
  return text.match(/\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-Q[1-4]\b/g) ?? [];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Same value, allowing for float noise. */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
