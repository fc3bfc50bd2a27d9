/**
 * The eval's advisor, checking what a draft lists as read from the chat before accepting it, as the
 * page asks a person to: each number against the words it was read from. The words are read by the
 * eval's own number reader (checks/numbers.ts), never the product's parser. A number its words do not
 * say is corrected to the one number they say, or left a gap when they say none or several. Only what
 * the product lists can be checked: a misread it did not list reaches the artifact, and
 * numbers_faithful counts it.
 */
import { readNumbers, sameValue } from './checks/numbers.js';

/** A listed reading, as the proposal holds it (kept loose, so the eval also runs against older builds). */
export interface ListedReading {
  readonly field: string;
  readonly label: string;
  readonly kind: string;
  readonly value: unknown;
  readonly readFrom: string | null;
}

/** The value the advisor would confirm instead of `r`'s, or undefined when `r` reads right (or cannot be checked). */
function correctionOf(r: ListedReading): number | null | undefined {
  if (typeof r.value !== 'number' || (r.kind !== 'money' && r.kind !== 'number') || !r.readFrom) return undefined;
  const said = readNumbers(r.readFrom);
  if (said.some((n) => sameValue(n.value, r.value as number))) return undefined;
  const candidates = r.kind === 'money' && said.some((n) => n.money) ? said.filter((n) => n.money) : said;
  return candidates.length === 1 ? candidates[0]!.value : null;
}

/** `data` with the first value at `path` ("entries[].financial.oneOffCost") equal to `from` set to `to`. */
function replaceAt(
  data: unknown,
  keys: readonly string[],
  from: unknown,
  to: unknown,
): { data: unknown; done: boolean } {
  if (keys.length === 0) return data === from ? { data: to, done: true } : { data, done: false };
  const [key, ...rest] = keys;
  if (typeof data !== 'object' || data === null) return { data, done: false };
  const list = key!.endsWith('[]');
  const name = list ? key!.slice(0, -2) : key!;
  const obj = data as Record<string, unknown>;
  if (!list) {
    const inner = replaceAt(obj[name], rest, from, to);
    return inner.done ? { data: { ...obj, [name]: inner.data }, done: true } : { data, done: false };
  }
  const items = Array.isArray(obj[name]) ? (obj[name] as unknown[]) : [];
  for (const [i, item] of items.entries()) {
    const inner = replaceAt(item, rest, from, to);
    if (inner.done) return { data: { ...obj, [name]: items.map((x, j) => (j === i ? inner.data : x)) }, done: true };
  }
  return { data, done: false };
}

/** The draft as the advisor corrects it, and a line for each correction. */
export function checkReadings(
  data: unknown,
  readings: readonly ListedReading[],
): { data: unknown; corrections: string[] } {
  let out = data;
  const corrections: string[] = [];
  for (const r of readings) {
    const to = correctionOf(r);
    if (to === undefined) continue;
    const replaced = replaceAt(out, r.field.split('.'), r.value, to);
    if (!replaced.done) continue;
    out = replaced.data;
    corrections.push(`${r.label} ${r.value} → ${to ?? 'a gap'} (“${r.readFrom}”)`);
  }
  return { data: out, corrections };
}
