/**
 * The strategy memo as a text PDF: selectable, searchable text in an embedded, subset Roboto; the
 * heat map and the timeline as vector graphics (the same SVG as the HTML memo); the client and the
 * quarter in every page's header, page numbers in the footer. Built with pdfmake in Node, no browser.
 */
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { withinBudget } from '../budget.js';
import { columnWidths, memoDocument, xmlSafeText, type Block, type MemoDocument, type Run } from '../document/index.js';
import { isGapText } from '../gaps.js';
import { riskHeatMapSvg, roadmapTimelineSvg } from '../svg.js';
import type { ExportInput } from '../types.js';
import { MISSING_GLYPH, PDF_FONT_FILES, PDF_FONTS, pdfText } from './fonts.js';

const PAGE_WIDTH = 595.28; // A4, points
const MARGIN_X = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const INK = '#1a1a1a';
const ACCENT = '#1f5f8b';
const MUTED = '#5a6470';
/** A word longer than this gets invisible break points, so a pasted URL or a 20,000-letter string wraps. */
const LONGEST_UNBROKEN = 32;

/** Collects whether any text lost characters to the font, for the closing note. */
class TextSink {
  replaced = false;
  /** Characters the font can draw, nothing else (for SVG markup, which must stay intact). */
  glyphs(s: string): string {
    const t = pdfText(s);
    if (t.replaced) this.replaced = true;
    return t.text;
  }
  /** Text for a paragraph or a cell: as `glyphs`, with break points in very long words. */
  text(s: string): string {
    return this.glyphs(s).replace(new RegExp(`\\S{${LONGEST_UNBROKEN}}(?=\\S)`, 'g'), (w) => `${w}\u200b`);
  }
}

function runsContent(runs: readonly Run[], sink: TextSink): Content[] {
  return runs.map((r) => {
    const gap = isGapText(r.text.trim());
    return {
      text: sink.text(r.text),
      ...(r.bold ? { bold: true } : {}),
      ...(r.italic || gap ? { italics: true } : {}),
      ...(gap ? { color: MUTED } : {}),
    };
  });
}

function tableContent(block: Extract<Block, { kind: 'table' }>, sink: TextSink): Content {
  const wide = block.header.length >= 7;
  const fontSize = wide ? 7 : 8.5;
  const cell = (runs: readonly Run[], header: boolean): TableCell => ({
    text: runsContent(runs, sink),
    ...(header ? { bold: true, fillColor: '#eef2f5' } : {}),
  });
  return {
    table: {
      headerRows: 1,
      // A row is kept on one page unless it could not fit on one (a pasted essay in a cell).
      dontBreakRows: block.rows.every((r) => r.every((c) => c.reduce((n, run) => n + run.text.length, 0) < 600)),
      // Cell padding is 3 pt a side; a typical character is about 0.55 em wide.
      widths: columnWidths(block.header, block.rows, CONTENT_WIDTH - block.header.length * 8, fontSize * 0.55),
      body: [
        block.header.map((h) => cell(h, true)),
        ...block.rows.map((r) => block.header.map((_, i) => cell(r[i] ?? [], false))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#b8c2cc',
      vLineColor: () => '#b8c2cc',
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize,
    margin: [0, 4, 0, 8],
  };
}

/** Where the pictures come from: the document's session, and in a Radar Review the earlier quarter's. */
export interface PdfSources {
  readonly main: ExportInput;
  readonly earlier?: ExportInput;
}

function blockContent(block: Block, inputs: PdfSources, sink: TextSink): Content {
  switch (block.kind) {
    case 'heading':
      return { text: runsContent(block.runs, sink), style: `h${block.level}` };
    case 'paragraph':
      return { text: runsContent(block.runs, sink), margin: [0, 2, 0, 6] };
    case 'list': {
      const items = block.items.map((item) => ({ text: runsContent(item, sink) }));
      return block.ordered ? { ol: items, margin: [0, 2, 0, 6] } : { ul: items, margin: [0, 2, 0, 6] };
    }
    case 'table':
      return tableContent(block, sink);
    case 'note':
      return {
        table: { widths: ['*'], body: [[{ text: runsContent(block.runs, sink), fillColor: '#fdecea' }]] },
        layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 3 : 0), vLineColor: () => '#c62828' },
        margin: [0, 4, 0, 8],
      };
    case 'rule':
      return {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#b8c2cc' }],
        margin: [0, 8, 0, 8],
      };
    case 'picture': {
      const source = block.picture.from === 'earlier' ? inputs.earlier : inputs.main;
      if (!source) return { text: '' };
      const { risks, roadmap } = source.artifacts;
      const svg =
        block.picture.kind === 'heatMap'
          ? risks && riskHeatMapSvg(risks)
          : roadmap && roadmapTimelineSvg(roadmap, { quarter: source.session.quarter });
      if (!svg) return { text: '' };
      return {
        stack: [
          { svg: sink.glyphs(svg), width: block.picture.kind === 'heatMap' ? 340 : CONTENT_WIDTH },
          { text: sink.text(block.caption), fontSize: 8, color: MUTED, margin: [0, 3, 0, 0] },
        ],
        unbreakable: true,
        margin: [0, 6, 0, 10],
      };
    }
  }
}

function definition(doc: MemoDocument, inputs: PdfSources): TDocumentDefinitions {
  const sink = new TextSink();
  const content: Content[] = doc.sections.flatMap((s) => s.blocks.map((b) => blockContent(b, inputs, sink)));
  if (sink.replaced)
    content.push({
      text: `Some characters are not in this PDF’s font (emoji, or scripts such as Chinese, Arabic or Hebrew) and are shown as ${MISSING_GLYPH}. The Word and HTML memos show them as written.`,
      italics: true,
      color: MUTED,
      margin: [0, 6, 0, 0],
    });
  // One line: a long client name is cut at a word rather than pushed onto a second header line.
  const header = sink.text(withinBudget(doc.runningHeader, 90));
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, 56, MARGIN_X, 52],
    info: {
      // Metadata needs no font: it keeps every character as written.
      title: xmlSafeText(doc.title),
      subject: xmlSafeText(`${doc.kind} for ${doc.clientName}, ${doc.quarter}`),
      creator: 'Foresight Accelerator',
      producer: 'Foresight Accelerator',
      creationDate: inputs.main.generatedAt,
    },
    header: () => ({
      columns: [
        { text: header, bold: true },
        { text: doc.kind, alignment: 'right' },
      ],
      fontSize: 8,
      color: MUTED,
      margin: [MARGIN_X, 24, MARGIN_X, 0],
    }),
    footer: (page: number, pages: number) => ({
      text: `Page ${page} of ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: MUTED,
      margin: [0, 20, 0, 0],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: INK },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 14, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
    },
  };
}

/** Renders a pdfmake definition with the bundled fonts only: no URL is fetched, no other file is read. */
export function renderPdf(def: TDocumentDefinitions): Promise<Buffer> {
  pdfmake.setFonts(PDF_FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => PDF_FONT_FILES.has(path));
  return pdfmake.createPdf(def).getBuffer();
}

/** Any document of blocks as a PDF, pictures drawn from the given sessions. */
export function documentPdf(doc: MemoDocument, inputs: PdfSources): Promise<Buffer> {
  return renderPdf(definition(doc, inputs));
}

export function strategyMemoPdf(input: ExportInput): Promise<Buffer> {
  return documentPdf(memoDocument(input), { main: input });
}
