/**
 * The strategy memo as a Word document to edit before sending: real headings (the navigation pane
 * lists them), the roadmap and the risk register as tables, the client and quarter in the header,
 * page numbers in the footer. No table of contents: a TOC is a field, and Word asks to update
 * fields when the file opens.
 *
 * The heat map is a table of 25 shaded cells, not a picture: nothing here can turn SVG into PNG
 * without a native package (no sharp, resvg or canvas is installed), Word's SVG support needs a PNG
 * fallback anyway, and a table stays sharp when printed and editable like the rest of the memo.
 * The timeline is a table too, by horizon with its dates, effort and deadline.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { HORIZONS, HORIZON_LABELS, ROADMAP_STATUS_LABELS, capitalize, severityOf } from '../../domain/index.js';
import { horizonSpan } from '../calendar.js';
import { columnWidths, memoDocument, xmlSafeText, type Block, type Run } from '../document/index.js';
import { formatWeeks } from '../format.js';
import { GAP_WORDS, isGapText, orGap } from '../gaps.js';
import { SEVERITY_COLOURS, severityBandRanges } from '../svg.js';
import type { ExportInput } from '../types.js';

const FONT = 'Calibri';
const MUTED = '5A6470';
const ACCENT = '1F5F8B';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B8C2CC' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER } as const;
const hex = (colour: string) => colour.replace('#', '').toUpperCase();

function textRuns(runs: readonly Run[], size?: number): TextRun[] {
  return runs.flatMap((r) => {
    const gap = isGapText(r.text.trim());
    return xmlSafeText(r.text)
      .split('\n')
      .map(
        (line, i) =>
          new TextRun({
            text: line,
            break: i > 0 ? 1 : undefined,
            bold: r.bold,
            italics: r.italic || gap,
            color: gap ? MUTED : undefined,
            size,
          }),
      );
  });
}

const plain = (text: string, opts: { bold?: boolean; italic?: boolean } = {}): Run[] => [{ text, ...opts }];

/** A4 less the margins, in twentieths of a point. */
const CONTENT_DXA = 11906 - 2 * 1000;

function cell(
  runs: readonly Run[],
  opts: { header?: boolean; fill?: string; size?: number; width?: number } = {},
): TableCell {
  return new TableCell({
    width: opts.width !== undefined ? { size: Math.round(opts.width), type: WidthType.DXA } : undefined,
    children: [
      new Paragraph({ children: textRuns(opts.header ? runs.map((r) => ({ ...r, bold: true })) : runs, opts.size) }),
    ],
    shading:
      opts.fill || opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill ?? 'EEF2F5' } : undefined,
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    verticalAlign: VerticalAlign.TOP,
  });
}

function table(header: readonly (readonly Run[])[], rows: readonly (readonly (readonly Run[])[])[]): Table {
  // Smaller type for the wide tables (the roadmap has ten columns): half-points, 15 = 7.5 pt.
  const size = header.length >= 7 ? 15 : 18;
  // A typical character is about 0.6 em (wider fonts stand in for Calibri where it is missing); size is in half-points, widths in twentieths of a point.
  const padding = 160;
  const widths = columnWidths(header, rows, CONTENT_DXA - header.length * padding, size * 10 * 0.62).map((w) =>
    Math.round(w + padding),
  );
  return new Table({
    width: { size: CONTENT_DXA, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, { header: true, size, width: widths[i] })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: header.map((_, i) => cell(r[i] ?? [], { size, width: widths[i] })),
          }),
      ),
    ],
  });
}

function heatMapTable(input: ExportInput): Table | null {
  const risks = input.artifacts.risks?.risks;
  if (!risks) return null;
  const rows: TableRow[] = [];
  for (let impact = 5; impact >= 1; impact--) {
    const cells = [cell(plain(`Impact ${impact}`), { header: true, size: 16 })];
    for (let likelihood = 1; likelihood <= 5; likelihood++) {
      const here = risks.filter((r) => r.likelihood === likelihood && r.impact === impact).map((r) => r.id);
      const severity = severityOf(likelihood, impact);
      cells.push(
        cell(plain(here.length > 0 ? here.join(', ') : ' ', { bold: true }), {
          fill: hex(SEVERITY_COLOURS[severity].fill),
          size: 18,
        }),
      );
    }
    rows.push(new TableRow({ cantSplit: true, height: { value: 520, rule: HeightRule.ATLEAST }, children: cells }));
  }
  // Not on the grid: a cell would be a score nobody gave.
  const unscored = risks.filter((r) => r.likelihood === null || r.impact === null).map((r) => r.id);
  rows.push(
    new TableRow({
      children: [
        cell(plain(unscored.length > 0 ? `${capitalize(GAP_WORDS.score)}: ${unscored.join(', ')}` : ' '), {
          header: true,
          size: 14,
        }),
        ...[1, 2, 3, 4, 5].map((l) => cell(plain(`Likelihood ${l}`), { header: true, size: 16 })),
      ],
    }),
  );
  return new Table({ width: { size: 80, type: WidthType.PERCENTAGE }, rows });
}

function heatMapLegend(): Paragraph {
  return new Paragraph({
    spacing: { before: 80 },
    children: severityBandRanges().flatMap((b) => [
      new TextRun({ text: '■ ', color: hex(SEVERITY_COLOURS[b.severity].fill), size: 18 }),
      new TextRun({ text: `${b.severity} ${b.min}–${b.max}   `, size: 16, color: MUTED }),
    ]),
  });
}

function timelineTable(input: ExportInput): Table | null {
  const roadmap = input.artifacts.roadmap;
  if (!roadmap) return null;
  // An entry nobody placed in time has a row of its own, under the gap's words.
  const rows = [...HORIZONS, null].flatMap((h) =>
    roadmap.entries
      .filter((e) => e.horizon === h)
      .map((e) => [
        plain(
          h === null ? capitalize(GAP_WORDS.horizon) : `${HORIZON_LABELS[h]}\n${horizonSpan(input.session.quarter, h)}`,
        ),
        plain(e.title),
        plain(orGap(e.effortWeeks, 'effort', formatWeeks)),
        plain(orGap(e.deadline, 'deadline')),
        plain(ROADMAP_STATUS_LABELS[e.status]),
        plain(orGap(e.owner, 'owner')),
      ]),
  );
  return table(
    ['Horizon', 'Entry', 'Effort', 'Deadline', 'Status', 'Owner'].map((h) => plain(h)),
    rows,
  );
}

function caption(text: string): Paragraph {
  return new Paragraph({
    spacing: { after: 200 },
    children: [new TextRun({ text: xmlSafeText(text), italics: true, size: 16, color: MUTED })],
  });
}

/** Each ordered list restarts at 1: its own numbering instance. */
interface ListCounter {
  n: number;
}

function blockContent(block: Block, input: ExportInput, lists: ListCounter): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2][block.level - 1],
          children: textRuns(block.runs),
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: textRuns(block.runs) })];
    case 'list': {
      lists.n += 1;
      const instance = lists.n;
      return block.items.map(
        (item) =>
          new Paragraph({
            children: textRuns(item),
            ...(block.ordered ? { numbering: { reference: 'ordered', level: 0, instance } } : { bullet: { level: 0 } }),
          }),
      );
    }
    case 'table':
      return [table(block.header, block.rows), new Paragraph({ children: [] })];
    case 'note':
      return [
        new Paragraph({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FDECEA' },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C62828', space: 6 } },
          children: textRuns(block.runs),
        }),
      ];
    case 'rule':
      return [new Paragraph({ border: { bottom: BORDER }, children: [] })];
    case 'picture': {
      const picture = block.picture.kind === 'heatMap' ? heatMapTable(input) : timelineTable(input);
      if (!picture) return [];
      const legend = block.picture.kind === 'heatMap' ? [heatMapLegend()] : [];
      const words =
        block.picture.kind === 'heatMap'
          ? 'Every risk on the 5×5 matrix by its ID (see the table above); colour = severity band.'
          : `Roadmap by horizon, dated from the start of ${input.session.quarter}, with effort and deadline.`;
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 160 },
          children: [
            new TextRun({
              text: block.picture.kind === 'heatMap' ? 'Risk heat map (likelihood × impact)' : 'Roadmap timeline',
              bold: true,
            }),
          ],
        }),
        picture,
        ...legend,
        caption(words),
      ];
    }
  }
}

export function strategyMemoDocx(input: ExportInput): Promise<Buffer> {
  const doc = memoDocument(input);
  const lists: ListCounter = { n: 0 };
  const children = doc.sections.flatMap((s) => s.blocks.flatMap((b) => blockContent(b, input, lists)));
  const running = xmlSafeText(doc.runningHeader);
  const word = new Document({
    title: xmlSafeText(doc.title),
    subject: xmlSafeText(`Strategy memo for ${doc.clientName}, ${doc.quarter}`),
    creator: 'Foresight Accelerator',
    styles: {
      default: { document: { run: { font: FONT, size: 21 } } },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 40, bold: true, font: FONT },
          paragraph: { spacing: { after: 120 } },
        },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 28, bold: true, color: ACCENT, font: FONT },
          paragraph: { spacing: { before: 320, after: 120 }, keepNext: true },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 23, bold: true, font: FONT },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1100, bottom: 1000, left: 1000, right: 1000 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun({ text: `${running} · Strategy memo`, size: 16, color: MUTED })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    size: 16,
                    color: MUTED,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(word);
}
