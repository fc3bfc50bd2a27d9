/**
 * Real readers for the binary exports: poppler's pdftotext/pdffonts/pdfimages for PDFs, jszip for
 * Word and PowerPoint files (both are zip archives of XML parts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

function withFile<T>(bytes: Uint8Array, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-export-'));
  try {
    const path = join(dir, 'file.pdf');
    writeFileSync(path, bytes);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/** The PDF's text as pdftotext extracts it (what a reader can select and search), page by page. */
export function pdfPages(bytes: Uint8Array): string[] {
  return withFile(bytes, (path) => run('pdftotext', ['-enc', 'UTF-8', path, '-']).split('\f').slice(0, -1));
}

/** pdfinfo's fields, e.g. Pages, Title. Throws if poppler cannot open the file. */
export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const out = withFile(bytes, (path) => run('pdfinfo', [path]));
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** pdffonts' table rows: name, type, and whether each font is embedded. */
export function pdfFonts(bytes: Uint8Array): Array<{ name: string; embedded: boolean }> {
  const out = withFile(bytes, (path) => run('pdffonts', [path]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** How many raster images the PDF holds (pdfimages -list). */
export function pdfImageCount(bytes: Uint8Array): number {
  const out = withFile(bytes, (path) => run('pdfimages', ['-list', path]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '').length;
}

/** Opens a zip-based Office file; every XML part, by path. */
export async function officeParts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [path, file] of Object.entries(zip.files)) {
    if (!file.dir && /\.(xml|rels)$/.test(path)) parts[path] = await file.async('string');
  }
  return parts;
}

/** The text of w:t / a:t runs in an XML part, XML entities decoded, runs joined. */
export function xmlText(xml: string, tag: 'w:t' | 'a:t'): string {
  const texts = [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
  return texts
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Characters XML 1.0 forbids (control characters other than tab, CR, LF; lone surrogates), as found in a part. */
export function xmlForbiddenChars(xml: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (high && i + 1 < xml.length && xml.charCodeAt(i + 1) >= 0xdc00 && xml.charCodeAt(i + 1) <= 0xdfff) {
      i++;
      continue;
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || high || low || c === 0xfffe || c === 0xffff)
      bad.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return bad;
}
