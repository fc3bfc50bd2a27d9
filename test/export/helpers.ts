/** Small readers for export tests: a strict RFC 4180 parser and SVG/HTML fragment finders. */

/** Parses RFC 4180 CSV (CRLF records, quoted fields with "" escapes), after a leading byte-order mark as Excel does; throws on malformed input. */
export function parseCsv(file: string): string[][] {
  const text = file.startsWith('\uFEFF') ? file.slice(1) : file;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    field += c;
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** The CSV as objects keyed by the header row. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** The first `<g …>` whose opening tag has every given attribute, up to its first `</g>` (groups without nested groups). */
export function svgGroup(svg: string, attrs: Record<string, string | number>): string {
  for (const m of svg.matchAll(/<g\b[^>]*>/g)) {
    if (!Object.entries(attrs).every(([k, v]) => m[0].includes(` ${k}="${v}"`))) continue;
    const end = svg.indexOf('</g>', m.index);
    return svg.slice(m.index, end + '</g>'.length);
  }
  throw new Error(`no <g> with ${JSON.stringify(attrs)}`);
}

/** Every opening tag of the markup, e.g. `<a href="…">`, for checking what attributes survived. */
export function openingTags(markup: string): string[] {
  return markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** Asserts nothing executable is left: no script/iframe/object/embed tags, no on* attributes, no javascript: URLs. */
export function executableBits(markup: string): string[] {
  const bad: string[] = [];
  for (const tag of openingTags(markup)) {
    if (/^<(script|iframe|object|embed|img|link|meta http-equiv="refresh"|base|form)\b/i.test(tag)) bad.push(tag);
    if (/\son[a-z]+\s*=/i.test(tag)) bad.push(tag);
    if (/\s(href|src|xlink:href|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):/i.test(tag)) bad.push(tag);
    if (/\sstyle\s*=/i.test(tag)) bad.push(tag);
  }
  return bad;
}
