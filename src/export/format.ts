import { isolateBidi } from '../domain/index.js';

/**
 * Text helpers shared by the Markdown exports: escaping user and model text so it stays text,
 * and formatting numbers the same way everywhere. Pure and locale-independent (deterministic output).
 */

/** Characters that change meaning anywhere in an inline run of Markdown (a lone ~ does not: see below). */
const INLINE_SPECIALS = /[\\`*_<>|]/g;
/**
 * A bracket makes a link only as "](" or "][", and a link definition as "]:"; "[placeholder]" alone is
 * text (no definition can exist, since "]:" is always escaped). "[ ] " or "[x] " opening a list item is a task box.
 */
const LINK_CLOSE = /\](?=[([:])/g;
const TASK_BOX = /^(\s*)\[([ xX])\]/;
/** Something that would be read as an HTML entity (&amp;, &#60;) rather than as text. */
const ENTITY_LIKE = /&(?=#?[a-z0-9]+;)/gi;
/**
 * Line starts that would open a block: a quote, a list item ("- ", "1. ": the marker then a space or
 * the end), a setext underline (a line of = alone). "14.6%", "-5%" and "+3 points" open nothing and
 * stay as written, so an export reads cleanly as plain text too.
 */
const BLOCK_START = /^(\s*)(>|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$)/;
/** A # run that opens a heading ("# Title": at the start, then a space) or closes one ("Title ##": at the end). "#4" and "C#" are text. */
const HEADING_OPEN = /^(\s*)(#{1,6})(?=\s|$)/;
const HEADING_CLOSE = /(\s)(#+)(\s*)$/;

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Web and e-mail addresses, which GFM turns into links by itself: they stay exactly as written. An
 * escape inside one would be part of it ("q3\_board\_pack.pdf" linked with its backslashes) or cut
 * it ("first\_last@example.com" linked only "last@example.com"). `|` and `\` end one (a table cell,
 * an escape); so do whitespace, `<` and a backtick, as in GFM.
 */
const ADDRESS = /\b(?:https?:\/\/|www\.)[A-Za-z0-9][^\s<>`|\\]*|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** GFM leaves trailing punctuation out of a linked web address; so do we (it is then escaped as text). */
const ADDRESS_TRAILER = /[?!.,:;*_'"~]+$/;

/** The text split into addresses (kept as written) and the runs between them (escaped). */
function splitAddresses(text: string): Array<{ address: boolean; text: string }> {
  const parts: Array<{ address: boolean; text: string }> = [];
  let at = 0;
  for (const m of text.matchAll(ADDRESS)) {
    let address = m[0];
    for (;;) {
      const trimmed = address.replace(ADDRESS_TRAILER, '');
      // A closing bracket without its opening one belongs to the sentence: "(see https://x.example/a)".
      const unbalanced = trimmed.endsWith(')') && trimmed.split('(').length < trimmed.split(')').length;
      const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
      if (next === address) break;
      address = next;
    }
    if (m.index > at) parts.push({ address: false, text: text.slice(at, m.index) });
    parts.push({ address: true, text: address });
    at = m.index + address.length;
  }
  if (at < text.length) parts.push({ address: false, text: text.slice(at) });
  return parts;
}

function escapeRun(text: string, tildes: boolean): string {
  return text
    .replace(INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(LINK_CLOSE, '\\]')
    .replace(/~/g, tildes ? '\\~' : '~')
    .replace(ENTITY_LIKE, '\\&');
}

function escapeInline(text: string): string {
  const parts = splitAddresses(text);
  // GFM strikes through between two tildes; one tilde ("~$9M") is only text. An address's own do not pair.
  const tildes = parts.filter((p) => !p.address).reduce((n, p) => n + (p.text.match(/~/g) ?? []).length, 0) > 1;
  const escaped = parts
    .map((p) => (p.address ? p.text : escapeRun(p.text, tildes)))
    .join('')
    .replace(TASK_BOX, '$1\\[$2]')
    .replace(HEADING_OPEN, '$1\\$2')
    .replace(HEADING_CLOSE, '$1\\$2$3');
  return escaped.replace(BLOCK_START, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

/**
 * One line of text inside a paragraph, list item or heading: newlines become spaces, syntax stays
 * literal, addresses stay as written, and text that could reorder its neighbours is isolated.
 */
export function mdText(text: string): string {
  return isolateBidi(escapeInline(collapseWhitespace(text)));
}

/** A table cell: like mdText (which already escapes pipes), with line breaks kept as <br>. */
export function mdCell(text: string | null | undefined, empty = '—'): string {
  if (text === null || text === undefined || text.trim() === '') return empty;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => mdText(line))
    .filter((line) => line !== '')
    .join('<br>');
}

/** A multi-line block (a summary): paragraphs kept, each line escaped. */
export function mdParagraphs(text: string): string {
  return text
    .split(/(?:\r\n|\r|\n)\s*(?:\r\n|\r|\n)/)
    .map((p) => mdText(p))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** An EBITDA multiple: 8 → "8×", 7.5 → "7.5×". */
export function formatMultiple(m: number): string {
  return `${Number(m.toFixed(2))}×`;
}

/** Effort in weeks: 1 → "1 week", 6 → "6 weeks", 2.5 → "2.5 weeks". */
export function formatWeeks(w: number): string {
  const n = Number(w.toFixed(1));
  return `${n} ${n === 1 ? 'week' : 'weeks'}`;
}

/** The calendar date of a moment, in UTC: "2027-03-28". */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** For matching the same thing across quarters: case, accents, punctuation and spacing ignored. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
