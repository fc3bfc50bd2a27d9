import { describe, expect, it } from 'vitest';
import { compareQuarters, radarReviewHtml, radarReviewPdf } from '../../src/export/index.js';
import { northwindExportInput } from '../support/fixtures.js';
import { HOSTILE_PAYLOADS, hostileExportInput } from '../support/hostile.js';
import { pdfInfo, pdfPages } from '../support/readers.js';
import { executableBits, openingTags } from './helpers.js';

const flat = (s: string) => s.replace(/[\s\u200b]+/g, ' ');

describe('the Radar Review as HTML and PDF', async () => {
  const earlier = northwindExportInput('2027-Q1');
  const later = northwindExportInput('2027-Q2');
  const c = compareQuarters(earlier, later);
  const html = radarReviewHtml(c, { earlier, later });
  const text = flat(pdfPages(await radarReviewPdf(c, { earlier, later })).join(' '));

  it('shows both quarters’ heat maps beside the risks and the later timeline beside the roadmap', () => {
    const at = (s: string) => html.indexOf(s);
    expect(html.match(/class="risk-heat-map"/g)).toHaveLength(2);
    expect(at('<h2>Risks</h2>')).toBeLessThan(at('class="risk-heat-map"'));
    expect(at('class="risk-heat-map"')).toBeLessThan(at('<h2>Roadmap</h2>'));
    expect(at('<h2>Roadmap</h2>')).toBeLessThan(at('class="roadmap-timeline"'));
    expect(executableBits(html)).toEqual([]);
    expect(openingTags(html).filter((t) => /^<(script|img|iframe|link)\b/i.test(t))).toEqual([]);
  });

  it('puts the same review in the PDF: numbers, goals, dates passed, metrics as numbers, verdicts', () => {
    expect(text).toContain('Radar Review: Northwind Logistics 2027-Q1 -> 2027-Q2');
    expect(text).toContain('Cloud spend $2.1M/yr $1.75M/yr');
    expect(text).toContain('Dates passed');
    expect(text).toContain(
      'Fund the spot-lane pricing model in 2027 H2 Revise (medium; 1 objection open) Ready (high)',
    );
    expect(text).toContain('Radar Review'); // running header
    expect(text).toMatch(/Page 1 of \d+/);
  });
});

describe('a Radar Review with hostile text in every field', async () => {
  const earlier = hostileExportInput('2027-Q1');
  const later = hostileExportInput('2027-Q2');
  const c = compareQuarters(earlier, later);

  it('is inert HTML and a PDF that opens', async () => {
    const html = radarReviewHtml(c, { earlier, later });
    expect(executableBits(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(HOSTILE_PAYLOADS[0]);
    const bytes = await radarReviewPdf(c, { earlier, later });
    expect(Number(pdfInfo(bytes).Pages)).toBeGreaterThan(1);
  });
});
