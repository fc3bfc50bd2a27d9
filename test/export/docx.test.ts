import { describe, expect, it } from 'vitest';
import { strategyMemoDocx } from '../../src/export/index.js';
import { northwindExportInput } from '../support/fixtures.js';
import { hostileExportInput } from '../support/hostile.js';
import { officeParts, xmlForbiddenChars, xmlText } from '../support/readers.js';

describe('the memo as a Word document', async () => {
  const input = northwindExportInput('2027-Q2');
  const parts = await officeParts(await strategyMemoDocx(input));
  const body = parts['word/document.xml']!;
  const text = xmlText(body, 'w:t');

  it('unzips into a Word package whose text names the client, every verdict and every roadmap title', () => {
    expect(parts['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(text).toContain('Strategy memo: Northwind Logistics, 2027-Q2');
    for (const r of input.artifacts.sounding_board!.recommendations) {
      expect(text).toContain(r.ceoOneLiner!);
      expect(text).toContain(`Verdict: ${r.verdict![0]!.toUpperCase()}${r.verdict!.slice(1)}`);
    }
    for (const e of input.artifacts.roadmap!.entries) expect(text).toContain(e.title);
  });

  it('uses real headings, and tables for the roadmap, the risks and the heat map', () => {
    expect(body).toContain('<w:pStyle w:val="Title"/>');
    expect(body.match(/<w:pStyle w:val="Heading1"\/>/g)!.length).toBeGreaterThanOrEqual(7);
    const tables = body.split('<w:tbl>').slice(1);
    const tableWith = (words: string) => tables.find((t) => xmlText(t, 'w:t').includes(words));
    expect(tableWith('EBITDA effect / year')).toBeDefined();
    expect(tableWith('Likelihood × impact')).toBeDefined();
    const heat = tableWith('Likelihood 5')!;
    expect(heat.match(/<w:shd [^>]*w:fill="C62828"/g)!.length).toBe(6);
    for (const r of input.artifacts.risks!.risks) expect(xmlText(heat, 'w:t')).toContain(r.id);
    expect(tableWith('Apr 2027 – Sep 2027')).toBeDefined();
  });

  it('has no field Word would ask to update but the page numbers, and names client and quarter in the header', () => {
    const fields = [...body.matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
    expect(fields).toEqual([]);
    expect(body).not.toMatch(/TOC \\/);
    const header = Object.entries(parts).find(([p]) => /^word\/header\d*\.xml$/.test(p))![1];
    expect(xmlText(header, 'w:t')).toContain('Northwind Logistics · 2027-Q2');
    const footer = Object.entries(parts).find(([p]) => /^word\/footer\d*\.xml$/.test(p))![1];
    expect(footer).toMatch(/PAGE/);
  });

  it('keeps the advisor’s notes to the end: nothing addressed to "you", working notes in About this memo', () => {
    expect(text).not.toMatch(/\byou named\b|\byour assumption\b|hover/i);
    expect(text.indexOf('About this memo')).toBeGreaterThan(text.indexOf('Open assumptions and evidence gaps'));
  });
});

describe('a Word memo with hostile text in every field', async () => {
  const input = hostileExportInput();
  const parts = await officeParts(await strategyMemoDocx(input));
  const body = parts['word/document.xml']!;

  it('is well-formed XML holding the hostile text as text', () => {
    for (const part of Object.values(parts)) expect(xmlForbiddenChars(part)).toEqual([]);
    expect(body).not.toContain('<script>');
    expect(body).not.toMatch(/<w:p\/>\s*\]\]>/);
    const text = xmlText(body, 'w:t');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('</w:t></w:r><w:p/> ]]> <a:t>&amp; & " \'');
    expect(text).toContain('emoji 🚀👩‍💻✅ and 中文 עברית العربية');
    expect(text).toContain('x'.repeat(4800));
    expect(body).not.toMatch(/w:hyperlink|r:id="rId\d+"[^>]*TargetMode/);
  });
});
