/**
 * The memo as one standalone, printable HTML document: inline CSS, no scripts, no external
 * resources (a Content-Security-Policy says so too), the heat map and the timeline beside their sections.
 */
import { isolateBidi } from '../domain/index.js';
import { renderMarkdownSafe } from './markdown.js';
import { strategyMemoSections, type MemoSectionKey } from './memo.js';
import { escapeXml, riskHeatMapSvg, roadmapTimelineSvg } from './svg.js';
import type { ExportInput } from './types.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: #1a1a1a; font: 10.5pt/1.5 Georgia, "Times New Roman", serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 2.5rem; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.25; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 20pt; margin: 0 0 0.3rem; }
h2 { font-size: 14pt; margin: 1.8rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1f5f8b; }
h3 { font-size: 11.5pt; margin: 1.2rem 0 0.4rem; }
p, ul, ol { margin: 0.4rem 0; }
blockquote { margin: 0.6rem 0; padding: 0.4rem 0.8rem; border-left: 4px solid #c62828; background: #fdecea; }
table { width: 100%; border-collapse: collapse; margin: 0.6rem 0; font: 8.5pt/1.35 Helvetica, Arial, sans-serif; }
th, td { border: 1px solid #b8c2cc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef2f5; }
tr { page-break-inside: avoid; break-inside: avoid; }
hr { border: 0; border-top: 1px solid #b8c2cc; margin: 2rem 0 0.8rem; }
a { color: #1f5f8b; }
code { font-size: 90%; }
figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font: 8.5pt Helvetica, Arial, sans-serif; color: #444444; margin-top: 0.3rem; }
section.memo-footer { font-size: 9pt; color: #444444; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

export function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${escapeXml(caption)}</figcaption>\n</figure>`;
}

/** The picture that goes after a section, when the section's artifact exists. */
function pictureAfter(key: MemoSectionKey, input: ExportInput): string | null {
  const { risks, roadmap } = input.artifacts;
  if (key === 'risks' && risks)
    return figure(
      riskHeatMapSvg(risks),
      'Every risk on the 5×5 matrix by its ID (see the table above); colour = severity band.',
    );
  if (key === 'roadmap' && roadmap)
    return figure(
      roadmapTimelineSvg(roadmap, { quarter: input.session.quarter }),
      `Roadmap entries by horizon, dated from the start of ${input.session.quarter}; bar length = effort in weeks, with each entry’s deadline.`,
    );
  return null;
}

export function strategyMemoHtml(input: ExportInput): string {
  const sections = strategyMemoSections(input).map((s) => {
    const html = renderMarkdownSafe(s.markdown);
    const picture = pictureAfter(s.key, input);
    const classes = [`memo-${s.key}`, s.staleSteps.length > 0 ? 'stale' : null].filter((c) => c !== null).join(' ');
    return `<section class="${classes}">\n${html}${picture ? `${picture}\n` : ''}</section>`;
  });
  // A title holds no elements: the isolate characters themselves keep the client's name apart.
  return standaloneHtml(`Strategy memo: ${isolateBidi(input.client.name)}, ${input.session.quarter}`, sections);
}

/** A standalone, printable HTML document around the given sections: inline CSS, no scripts, nothing loaded. */
export function standaloneHtml(title: string, sections: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
