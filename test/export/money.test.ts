import { describe, expect, it } from 'vitest';
import { enterpriseValueEffect, formatMoney } from '../../src/domain/index.js';
import {
  boardDeckPptx,
  compareQuarters,
  radarReviewHtml,
  radarReviewPdf,
  stateOfTheTechMarkdown,
  strategyMemoDocx,
  strategyMemoHtml,
  strategyMemoMarkdown,
  strategyMemoPdf,
} from '../../src/export/index.js';
import type { ExportInput } from '../../src/export/types.js';
import { northwindExportInput } from '../support/fixtures.js';
import { officeParts, pdfPages, xmlText } from '../support/readers.js';

/** Every export that people read, as the text a reader gets out of it (pdftotext, the Office files' runs). */
async function readableExports(input: ExportInput): Promise<Record<string, string>> {
  const earlier = { ...northwindExportInput('2027-Q1'), client: input.client };
  const c = compareQuarters(earlier, input);
  const docx = await officeParts(await strategyMemoDocx(input));
  const pptx = await officeParts(await boardDeckPptx(input));
  const slides = Object.entries(pptx)
    .filter(([path]) => /^ppt\/slides\/slide\d+\.xml$/.test(path))
    .map(([, xml]) => xmlText(xml, 'a:t'));
  return {
    markdown: strategyMemoMarkdown(input),
    html: strategyMemoHtml(input).replace(/<[^>]*>/g, ' '),
    pdf: pdfPages(await strategyMemoPdf(input)).join('\n'),
    docx: xmlText(docx['word/document.xml']!, 'w:t'),
    deck: slides.join('\n'),
    stateOfTheTech: stateOfTheTechMarkdown(input),
    radarReview: radarReviewHtml(c, { earlier, later: input }).replace(/<[^>]*>/g, ' '),
    radarReviewPdf: pdfPages(await radarReviewPdf(c, { earlier, later: input })).join('\n'),
  };
}

/** The amounts the roadmap holds and derives, as grouped digits ("1,200,000"), whatever currency is set. */
function roadmapAmounts(input: ExportInput): string[] {
  const amounts = input.artifacts.roadmap!.entries.flatMap((e) => [
    e.financial.oneOffCost,
    e.financial.annualEbitdaEffect,
    enterpriseValueEffect(e.financial),
  ]);
  return [...new Set(amounts.filter((n): n is number => n !== null).map((n) => formatMoney(Math.abs(n), null)))];
}

function withCurrency(currency: string | null): ExportInput {
  const input = northwindExportInput('2027-Q2');
  return { ...input, client: { ...input.client, currency } };
}

/** A grouped number ("665,000") and the few characters before it. */
const GROUPED = /(.{0,4})(?<![\d,.])(\d{1,3}(?:,\d{3})+)(?![\d,])/gs;

describe('money in every export', () => {
  it('prints every amount with the client’s currency, in every format a reader opens', async () => {
    const input = withCurrency('EUR');
    const exports = await readableExports(input);
    const amounts = roadmapAmounts(input);
    expect(amounts.length).toBeGreaterThan(2);
    for (const [name, text] of Object.entries(exports)) {
      const bare = [...text.matchAll(GROUPED)].filter((m) => !/EUR[\s\u00a0]$/.test(m[1]!)).map((m) => m[0]);
      expect(bare, `${name}: amounts without their currency`).toEqual([]);
    }
    // The memo in every format, and the deck, hold the roadmap's amounts; the totals too.
    for (const name of ['markdown', 'html', 'pdf', 'docx']) {
      for (const a of amounts) expect(exports[name], `${name}: ${a}`).toMatch(new RegExp(`EUR[\\s\\u00a0]${a}`));
      expect(exports[name]).toContain('Amounts in EUR.');
    }
    expect(exports.deck).toMatch(/EUR 1,200,000/);
    expect(exports.deck).not.toMatch(/USD\s\d/);
  });

  it('prints plain numbers and says "currency not set" when the client has none, never a guessed symbol', async () => {
    const input = withCurrency(null);
    const exports = await readableExports(input);
    for (const name of ['markdown', 'html', 'pdf', 'docx', 'deck']) {
      const text = exports[name]!.replace(/\s+/g, ' ');
      expect(text, name).toContain('Amounts are plain numbers: currency not set for this client.');
      expect(text, name).toMatch(/one-off cost 665,000|EBITDA \/ year/);
      // The only currency signs are the client's own words (metrics as given: "$2.1M/yr"), never before a computed amount.
      for (const a of roadmapAmounts(input))
        expect(text, `${name}: ${a}`).not.toMatch(new RegExp(`[A-Z]{3}\\s${a}|\\$${a}`));
    }
  });
});
