import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { strategyMemoPdf } from '../../src/export/index.js';
import { MISSING_GLYPH, PDF_FONT_FILES, pdfText, ROBOTO_COVERAGE } from '../../src/export/pdf/fonts.js';
import { northwindExportInput } from '../support/fixtures.js';
import { hostileExportInput } from '../support/hostile.js';
import { pdfFonts, pdfImageCount, pdfInfo, pdfPages } from '../support/readers.js';

const flat = (s: string) => s.replace(/[\s\u200b]+/g, ' ');

describe('the memo as a text PDF', async () => {
  const input = northwindExportInput('2027-Q2');
  const bytes = await strategyMemoPdf(input);
  const pages = pdfPages(bytes);
  const text = flat(pages.join(' '));

  it('is text a reader can select and search: the client, every verdict and every roadmap title', () => {
    expect(text).toContain('Strategy memo: Northwind Logistics, 2027-Q2');
    for (const r of input.artifacts.sounding_board!.recommendations) {
      expect(text).toContain(flat(r.ceoOneLiner!));
      expect(text).toContain(`Verdict: ${r.verdict![0]!.toUpperCase()}${r.verdict!.slice(1)}`);
    }
    for (const e of input.artifacts.roadmap!.entries) expect(text).toContain(flat(e.title));
  });

  it('embeds its fonts and holds no raster image: the heat map and timeline are vector graphics with text', () => {
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && f.name.includes('Roboto'))).toBe(true);
    expect(pdfImageCount(bytes)).toBe(0);
    expect(text).toContain('Risk heat map (likelihood × impact)');
    expect(text).toContain('Roadmap by horizon');
    expect(text).toContain('Apr 2027 – Sep 2027');
  });

  it('names the client and quarter in every page header and numbers every page', () => {
    expect(pdfInfo(bytes).Pages).toBe(String(pages.length));
    pages.forEach((page, i) => {
      expect(page).toContain('Northwind Logistics · 2027-Q2');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pdfInfo(bytes).Title).toBe('Strategy memo: Northwind Logistics, 2027-Q2');
  });

  it('is small: a typical memo is well under 300 KB', () => {
    expect(bytes.length).toBeLessThan(300 * 1024);
  });

  it('prints nothing that only works on a screen, and keeps working notes in a closing section', () => {
    expect(text).not.toMatch(/hover|click a/i);
    expect(text.indexOf('About this memo')).toBeGreaterThan(text.indexOf('Open assumptions and evidence gaps'));
    expect(text).toContain('Prepared with the offline facilitator (no AI model)');
  });

  it('says a section under revision in its heading and why in the closing notes', async () => {
    const stale = flat(pdfPages(await strategyMemoPdf({ ...input, stale: ['risks'] })).join(' '));
    expect(stale).toContain('Top risks (under revision)');
    expect(stale).toMatch(/Under revision: Top risks \(rests on Risks\)/);
  });
});

describe('characters the PDF font lacks', () => {
  it('knows exactly which characters Roboto has: the coverage table matches every face', () => {
    const covered = (cp: number) => ROBOTO_COVERAGE.some(([a, b]) => cp >= a && cp <= b);
    for (const file of PDF_FONT_FILES) {
      const font = fontkit.openSync(file);
      const inFont = new Set(font.characterSet);
      for (const [a, b] of ROBOTO_COVERAGE) for (let cp = a; cp <= b; cp++) expect(inFont.has(cp)).toBe(true);
      for (const cp of [0x2192, 0x1f680, 0x4e2d, 0x05e9, 0x0627]) expect(covered(cp)).toBe(inFont.has(cp));
    }
  });

  it('drops invisible direction marks, spells arrows in the font’s own characters and marks the rest', () => {
    expect(pdfText('a\u200Fb\u202Ec\u2067d\u2069')).toEqual({ text: 'abcd', replaced: false });
    expect(pdfText('0% → 91% → 95%, ↑ up')).toEqual({ text: '0% -> 91% -> 95%, up', replaced: false });
    expect(pdfText('Go 🚀👩‍💻 now, 中文 and שלום')).toEqual({
      text: `Go ${MISSING_GLYPH} now, ${MISSING_GLYPH} and ${MISSING_GLYPH}`,
      replaced: true,
    });
    expect(pdfText('Ünïcødé — Ελληνικά, Кириллица, Tiếng Việt')).toEqual({
      text: 'Ünïcødé — Ελληνικά, Кириллица, Tiếng Việt',
      replaced: false,
    });
  });
});

describe('a memo with hostile text in every field', async () => {
  const input = hostileExportInput();
  const bytes = await strategyMemoPdf(input);
  const text = flat(pdfPages(bytes).join(' '));

  it('is a valid PDF that opens cleanly and keeps the text as text', () => {
    expect(Number(pdfInfo(bytes).Pages)).toBeGreaterThan(3);
    // The document's metadata needs no font, so it keeps the client's name as written.
    expect(pdfInfo(bytes).Title).toContain('emoji 🚀👩‍💻✅ and 中文');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('[click me](javascript:alert(1))');
    expect(text).toContain('=HYPERLINK("http://evil.example","click")');
    expect(bytes.includes(Buffer.from('/JavaScript'))).toBe(false);
    expect(bytes.includes(Buffer.from('/URI'))).toBe(false);
  });

  it('shows no empty box: every extracted character is in the font, and the gaps are marked and explained', () => {
    const outside = [...text].filter(
      (ch) => ch !== ' ' && !ROBOTO_COVERAGE.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
    );
    expect(outside).toEqual([]);
    expect(text).toContain(`emoji ${MISSING_GLYPH} and ${MISSING_GLYPH}`);
    expect(text).toContain(`are shown as ${MISSING_GLYPH}. The Word and HTML memos show them as written.`);
  });

  it('wraps a 20,000-character answer, unbroken runs included, over pages', () => {
    expect(text).toContain('A very long pasted answer with words.');
    const unbroken = (text.replace(/ /g, '').match(/x{10,}/g) ?? []).join('');
    expect(unbroken.length).toBe(4800);
  });
});
