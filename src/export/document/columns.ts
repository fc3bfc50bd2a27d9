import type { Run } from './types.js';

/**
 * Column widths for a table of text, in the caller's unit: each column at least as wide as its
 * longest word (so "Severity" and "2027-06-30" never break inside), capped so one long word cannot
 * take the page, and the rest shared in proportion to how much text each column holds.
 * `charWidth` is the width of a typical character at the table's type size, in the same unit.
 */
export function columnWidths(
  header: readonly (readonly Run[])[],
  rows: readonly (readonly (readonly Run[])[])[],
  available: number,
  charWidth: number,
): number[] {
  const cap = available / 5;
  const columns = header.map((h, i) => {
    const texts = [h, ...rows.map((r) => r[i] ?? [])].map((cell) => cell.map((run) => run.text).join(''));
    // A no-break space joins a word ("EUR 450,000" is one): the line breaker will not split it either.
    const longestWord = Math.max(...texts.flatMap((t) => t.split(/[^\S\u00a0]+/).map((w) => [...w].length)), 1);
    const typical = texts.reduce((sum, t) => sum + Math.min(200, t.length), 0) / texts.length;
    return { min: Math.min(cap, longestWord * charWidth), want: Math.max(1, typical * charWidth) };
  });
  const minTotal = columns.reduce((sum, c) => sum + c.min, 0);
  if (minTotal >= available) return columns.map((c) => (c.min * available) / minTotal);
  const extra = available - minTotal;
  const wantTotal = columns.reduce((sum, c) => sum + c.want, 0);
  return columns.map((c) => c.min + (extra * c.want) / wantTotal);
}
