import { describe, expect, it } from 'vitest';
import { strategyMemoHtml } from '../../src/export/index.js';
import type { ExportInput } from '../../src/export/index.js';
import { northwindExportInput } from '../support/fixtures.js';
import { executableBits, openingTags } from './helpers.js';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))';

function poisoned(): ExportInput {
  const input = northwindExportInput();
  const a = input.artifacts;
  a.context!.summary = `Summary ${XSS}`;
  a.trends!.trends[0]!.name = `Pricing ${XSS}`;
  a.risks!.risks[0]!.threat = `Threat ${XSS}`;
  a.risks!.risks[0]!.id = '<svg onload=alert(1)>';
  a.roadmap!.entries[0]!.title = `Entry ${XSS}`;
  a.roadmap!.entries[0]!.owner = '</text><script>alert(1)</script>';
  a.sounding_board!.recommendations[0]!.ceoOneLiner = `Go ${XSS}`;
  return {
    ...input,
    client: { ...input.client, name: `Northwind </title><script>alert(1)</script>` },
    provider: { label: `<b onmouseover=alert(1)>model</b>` },
  };
}

describe('strategyMemoHtml', () => {
  it('is one complete standalone document with inline CSS and print styles', () => {
    const html = strategyMemoHtml(northwindExportInput());
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Strategy memo: Northwind Logistics, 2027-Q1</title>');
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*print-color-adjust: exact[\s\S]*<\/style>/);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
  });

  it('loads nothing from outside and runs nothing', () => {
    const html = strategyMemoHtml(northwindExportInput());
    expect(executableBits(html)).toEqual([]);
    expect(openingTags(html).filter((t) => /^<(link|script|img|iframe)\b/i.test(t) || /\ssrc=/i.test(t))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
  });

  it('holds the rendered memo with the heat map after the risks and the timeline after the roadmap', () => {
    const html = strategyMemoHtml(northwindExportInput());
    expect(html).toContain('<h1>Strategy memo: Northwind Logistics, 2027-Q1</h1>');
    expect(html).toContain('<h2>For the CEO</h2>');
    expect(html).toContain('<td>USD\u00a09,600,000 (USD\u00a01,200,000 × 8×)</td>');
    const at = (s: string) => html.indexOf(s);
    expect(at('<h2>Top risks</h2>')).toBeLessThan(at('<svg xmlns="http://www.w3.org/2000/svg" class="risk-heat-map"'));
    expect(at('<svg xmlns="http://www.w3.org/2000/svg" class="risk-heat-map"')).toBeLessThan(at('<h2>Roadmap</h2>'));
    expect(at('<h2>Roadmap</h2>')).toBeLessThan(at('class="roadmap-timeline"'));
    expect(at('class="roadmap-timeline"')).toBeLessThan(at('<h2>Open assumptions and evidence gaps</h2>'));
    expect(html).toContain('Prepared with the offline facilitator (no AI model) on 2027-01-27');
  });

  it('prints nothing that only works on a screen, and dates the timeline', () => {
    const html = strategyMemoHtml(northwindExportInput());
    expect(html).not.toMatch(/hover|click/i);
    expect(html).toContain(' · Jan 2027 – Jun 2027</tspan>');
  });

  it('leaves out the pictures of steps not drafted yet and says so', () => {
    const input = northwindExportInput();
    const html = strategyMemoHtml({ ...input, artifacts: { context: input.artifacts.context } });
    expect(html).not.toContain('<svg');
    expect(html).toContain('<h2>Top risks</h2>\n<p>Not drafted yet.</p>');
  });

  it('marks stale sections', () => {
    const html = strategyMemoHtml({ ...northwindExportInput(), stale: ['risks'] });
    expect(html).toContain('<section class="memo-risks stale">\n<h2>Top risks (under revision)</h2>');
  });

  it('keeps XSS payloads from every field inert, as visible text', () => {
    const html = strategyMemoHtml(poisoned());
    expect(executableBits(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<svg\b/g)).toHaveLength(2); // only our two pictures
    expect(html).toContain(
      '<title>Strategy memo: Northwind &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;, 2027-Q1</title>',
    );
    expect(html).toContain(
      'Threat &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;[x](javascript:alert(1))',
    );
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;model&lt;/b&gt;');
    expect(html).toContain('&lt;svg onload=alert(1)&gt;');
  });
});
