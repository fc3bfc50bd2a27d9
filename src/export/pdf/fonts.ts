/**
 * The PDF's font, and what it can show. pdfmake has no font fallback: a character missing from the
 * embedded font is drawn as an empty box (tofu) with no warning. So every string bound for the PDF
 * goes through `pdfText`, which
 * - drops invisible formatting characters the font lacks (bidi marks and isolates, joiners,
 *   variation selectors): they carry no ink, and a right-to-left mark must not turn into a box;
 * - writes arrows the font lacks in the font's own characters ("→" as "->", "↑ up" as "up");
 * - shows any other character the font lacks (emoji; Chinese, Japanese, Korean, Arabic, Hebrew,
 *   Thai, Devanagari …) as a visible "[?]", one per run, and reports that it did, so the memo can say
 *   in its closing notes that the Word and HTML memos show those characters as written.
 * Why not a wider font: none ships with pdfmake, and a system font (DejaVu, Noto) may not be
 * installed where the server runs; the PDF must come out the same everywhere.
 *
 * The font is pdfmake's bundled Roboto (pdfmake/fonts/Roboto.js), read from pdfmake's own package:
 * pictures are SVG, and pdfmake's SVG renderer opens the fonts of SVG text by file path, bypassing
 * its virtual file system, so the file paths serve both. No URL and no other file may be opened.
 */
import roboto from 'pdfmake/fonts/Roboto.js';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

export const PDF_FONTS: TFontDictionary = roboto as TFontDictionary;

/** The only local files the PDF may read: the four Roboto faces. */
export const PDF_FONT_FILES: ReadonlySet<string> = new Set(
  Object.values(PDF_FONTS).flatMap((faces) => Object.values(faces).filter((f): f is string => typeof f === 'string')),
);

/**
 * Code points every Roboto face has a glyph for (printable only), as inclusive ranges; generated from
 * the fonts with fontkit and checked against them in test/export/pdf.test.ts.
 */
export const ROBOTO_COVERAGE: ReadonlyArray<readonly [number, number]> = [
  [0x0020, 0x007e],
  [0x00a0, 0x017f],
  [0x018f, 0x018f],
  [0x0192, 0x0192],
  [0x01a0, 0x01a1],
  [0x01af, 0x01b0],
  [0x01f0, 0x01f0],
  [0x01fa, 0x01ff],
  [0x0218, 0x021b],
  [0x0237, 0x0237],
  [0x0259, 0x0259],
  [0x02bc, 0x02bc],
  [0x02c6, 0x02c7],
  [0x02c9, 0x02c9],
  [0x02d8, 0x02dd],
  [0x02f3, 0x02f3],
  [0x0300, 0x0301],
  [0x0303, 0x0303],
  [0x0309, 0x0309],
  [0x030f, 0x030f],
  [0x0323, 0x0323],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03ce],
  [0x03d1, 0x03d2],
  [0x03d6, 0x03d6],
  [0x0400, 0x0486],
  [0x0488, 0x0513],
  [0x1e00, 0x1e01],
  [0x1e3e, 0x1e3f],
  [0x1e80, 0x1e85],
  [0x1e9e, 0x1e9e],
  [0x1ea0, 0x1ef9],
  [0x1f4d, 0x1f4d],
  [0x2000, 0x200b],
  [0x2010, 0x2011],
  [0x2013, 0x2015],
  [0x2017, 0x201e],
  [0x2020, 0x2022],
  [0x2025, 0x2027],
  [0x2030, 0x2030],
  [0x2032, 0x2033],
  [0x2039, 0x203a],
  [0x203c, 0x203c],
  [0x2044, 0x2044],
  [0x2070, 0x2070],
  [0x2074, 0x208e],
  [0x20a3, 0x20a4],
  [0x20a6, 0x20ac],
  [0x20b1, 0x20b1],
  [0x20b9, 0x20ba],
  [0x20bc, 0x20bd],
  [0x20c1, 0x20c1],
  [0x2105, 0x2105],
  [0x2113, 0x2113],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
  [0x2126, 0x2126],
  [0x212e, 0x212e],
  [0x215b, 0x215e],
  [0x2202, 0x2202],
  [0x2206, 0x2206],
  [0x220f, 0x220f],
  [0x2211, 0x2212],
  [0x221a, 0x221a],
  [0x221e, 0x221e],
  [0x222b, 0x222b],
  [0x2248, 0x2248],
  [0x2260, 0x2260],
  [0x2264, 0x2265],
  [0x25a0, 0x25a0],
  [0x25ca, 0x25cb],
  [0x25cf, 0x25cf],
  [0xfb01, 0xfb04],
  [0xfffc, 0xfffd],
];

export const MISSING_GLYPH = '[?]';

function covered(cp: number): boolean {
  let lo = 0;
  let hi = ROBOTO_COVERAGE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ROBOTO_COVERAGE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Invisible characters that shape or direct text but carry no ink: joiners, bidi marks and isolates, variation selectors, tags. */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x200c, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xe0020, 0xe007f],
  [0xe0100, 0xe01ef],
];

const invisible = (cp: number) => INVISIBLE.some(([a, b]) => cp >= a && cp <= b);

const SUBSTITUTES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[↑↓↕]\s?(?=[a-z])/g, ''],
  [/[→⟶➔➝]/g, '->'],
  [/←/g, '<-'],
  [/↑/g, 'up'],
  [/↓/g, 'down'],
  [/↕/g, 'up/down'],
  [/✓|✔/g, 'yes'],
  [/✗|✘/g, 'no'],
  [/\t/g, ' '],
];

export interface PdfText {
  readonly text: string;
  /** True when some character could not be shown and became MISSING_GLYPH. */
  readonly replaced: boolean;
}

/** The text as the PDF's font can draw it (see the module comment). */
export function pdfText(input: string): PdfText {
  let text = input;
  for (const [pattern, by] of SUBSTITUTES) text = text.replace(pattern, by);
  let replaced = false;
  let out = '';
  let inMissing = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (invisible(cp)) continue;
    if (ch === '\n' || covered(cp)) {
      out += ch;
      inMissing = false;
    } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      // control characters: dropped, as in every other export
    } else {
      if (!inMissing) out += MISSING_GLYPH;
      inMissing = true;
      replaced = true;
    }
  }
  return { text: out, replaced };
}
