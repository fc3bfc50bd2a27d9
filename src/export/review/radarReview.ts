/**
 * The Radar Review as a standalone HTML page with the pictures (both quarters' heat maps side by
 * side, the later roadmap's timeline) and as a text PDF, from the same sections as the Markdown.
 */
import { comparisonSections, comparisonTitle, type ComparisonSectionKey } from '../compareMarkdown.js';
import type { QuarterComparison } from '../compare.js';
import { markdownBlocks, type Block, type MemoDocument } from '../document/index.js';
import { isoDate } from '../format.js';
import { figure, standaloneHtml } from '../html.js';
import { renderMarkdownSafe } from '../markdown.js';
import { documentPdf } from '../pdf/memoPdf.js';
import { escapeXml, riskHeatMapSvg, roadmapTimelineSvg } from '../svg.js';
import type { ExportInput } from '../types.js';

export interface ReviewInputs {
  readonly earlier: ExportInput;
  readonly later: ExportInput;
}

const prepared = (c: QuarterComparison, x: ReviewInputs) =>
  `${x.later.client.industry} · prepared ${isoDate(x.later.generatedAt)} · ${c.earlier.quarter} session ${c.earlier.sessionId} compared with ${c.later.quarter} session ${c.later.sessionId}`;

function picturesHtml(key: ComparisonSectionKey, x: ReviewInputs): string {
  if (key === 'risks') {
    const maps = [x.earlier, x.later]
      .filter((i) => i.artifacts.risks)
      .map((i) =>
        figure(
          riskHeatMapSvg(i.artifacts.risks!),
          `${i.session.quarter}: every risk by its ID; colour = severity band.`,
        ),
      );
    return maps.length > 0 ? `<div class="pair">\n${maps.join('\n')}\n</div>` : '';
  }
  if (key === 'roadmap' && x.later.artifacts.roadmap)
    return figure(
      roadmapTimelineSvg(x.later.artifacts.roadmap, { quarter: x.later.session.quarter }),
      `The ${x.later.session.quarter} roadmap by horizon, dated from the start of the quarter; bar length = effort in weeks.`,
    );
  return '';
}

export function radarReviewHtml(c: QuarterComparison, x: ReviewInputs): string {
  const title = comparisonTitle(c);
  const sections = comparisonSections(c).map((s) => {
    const heading =
      s.title === null
        ? `<h1>${escapeXml(title)}</h1>\n<p><em>${escapeXml(prepared(c, x))}</em></p>\n`
        : `<h2>${escapeXml(s.title)}</h2>\n`;
    return `<section class="review-${s.key}">\n${heading}${renderMarkdownSafe(s.body)}${picturesHtml(s.key, x)}\n</section>`;
  });
  return standaloneHtml(title, sections).replace(
    '</style>',
    '.pair { display: flex; gap: 1rem; flex-wrap: wrap; } .pair figure { flex: 1 1 20rem; }\n</style>',
  );
}

function picturesBlocks(key: ComparisonSectionKey, x: ReviewInputs): Block[] {
  if (key === 'risks')
    return [
      ...(x.earlier.artifacts.risks
        ? [
            {
              kind: 'picture',
              picture: { kind: 'heatMap', from: 'earlier' },
              caption: `${x.earlier.session.quarter}: every risk by its ID; colour = severity band.`,
            } as const,
          ]
        : []),
      ...(x.later.artifacts.risks
        ? [
            {
              kind: 'picture',
              picture: { kind: 'heatMap' },
              caption: `${x.later.session.quarter}: every risk by its ID; colour = severity band.`,
            } as const,
          ]
        : []),
    ];
  if (key === 'roadmap' && x.later.artifacts.roadmap)
    return [
      {
        kind: 'picture',
        picture: { kind: 'timeline' },
        caption: `The ${x.later.session.quarter} roadmap by horizon, dated from the start of the quarter; bar length = effort in weeks.`,
      },
    ];
  return [];
}

/** The review as a document of blocks, for the PDF. */
export function radarReviewDocument(c: QuarterComparison, x: ReviewInputs): MemoDocument {
  const title = comparisonTitle(c);
  return {
    kind: 'Radar Review',
    title,
    clientName: c.client.name,
    quarter: `${c.earlier.quarter} → ${c.later.quarter}`,
    runningHeader: `${c.client.name} · ${c.earlier.quarter} → ${c.later.quarter}`,
    sections: comparisonSections(c).map((s) => ({
      key: s.key,
      blocks: [
        ...(s.title === null
          ? [
              // The quarters on their own line: a long client name would wrap the title at "2027-".
              { kind: 'heading', level: 1, runs: [{ text: `Radar Review: ${c.client.name}` }] } as const,
              { kind: 'paragraph', runs: [{ text: `${c.earlier.quarter} → ${c.later.quarter}`, bold: true }] } as const,
              { kind: 'paragraph', runs: [{ text: prepared(c, x), italic: true }] } as const,
            ]
          : [{ kind: 'heading', level: 2, runs: [{ text: s.title }] } as const]),
        ...markdownBlocks(s.body),
        ...picturesBlocks(s.key, x),
      ],
    })),
  };
}

export function radarReviewPdf(c: QuarterComparison, x: ReviewInputs): Promise<Buffer> {
  return documentPdf(radarReviewDocument(c, x), { main: x.later, earlier: x.earlier });
}
