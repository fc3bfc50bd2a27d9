/**
 * The board deck as a PowerPoint file (pptxgenjs), from the deck plan: every text is already within
 * its box's budget, so nothing overflows in viewers that do not re-flow text. Native shapes and
 * tables only (no pictures), so the client can restyle and edit every slide.
 */
import pptxgenjs from 'pptxgenjs';

// pptxgenjs's types describe a CommonJS default export; in Node's ESM the default is the class itself.
type PptxGenJS = pptxgenjs.default;
const PptxGenJS = ((pptxgenjs as unknown as { default?: unknown }).default ?? pptxgenjs) as new () => PptxGenJS;
import type { Verdict } from '../../domain/index.js';
import { xmlSafeText } from '../document/index.js';
import { SEVERITY_COLOURS } from '../svg.js';
import type { ExportInput } from '../types.js';
import type { Box } from '../budget.js';
import { deckPlan, type DeckPlan, type Slide } from './deckPlan.js';

const FONT = 'Calibri';
const INK = '1A1A1A';
const MUTED = '5A6470';
const ACCENT = '1F5F8B';
const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = { ready: '2E7D32', revise: 'EF8A3C', drop: 'C62828' };
/** No verdict or no score yet: a neutral grey, so a gap does not read as a judgement. */
const GAP_COLOUR = '8A94A0';
const verdictColour = (v: Verdict | null) => (v === null ? GAP_COLOUR : VERDICT_COLOURS[v]);
const hex = (c: string) => c.replace('#', '').toUpperCase();
const t = (b: Box) => xmlSafeText(b.text);

type PptSlide = ReturnType<PptxGenJS['addSlide']>;

function frame(pptx: PptxGenJS, plan: DeckPlan, title: Box | null): PptSlide {
  const slide = pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  if (title) {
    slide.addText(t(title), {
      x: 0.6,
      y: 0.35,
      w: 12.1,
      h: 0.8,
      fontFace: FONT,
      fontSize: 28,
      bold: true,
      color: ACCENT,
    });
    slide.addShape(pptx.ShapeType.line, { x: 0.6, y: 1.15, w: 12.1, h: 0, line: { color: 'B8C2CC', width: 1 } });
  }
  slide.addText(t(plan.footer), { x: 0.6, y: 7.0, w: 9, h: 0.3, fontFace: FONT, fontSize: 10, color: MUTED });
  slide.slideNumber = { x: 12.2, y: 7.0, w: 0.6, h: 0.3, fontFace: FONT, fontSize: 10, color: MUTED };
  return slide;
}

function empty(slide: PptSlide, b: Box | null): void {
  if (b)
    slide.addText(t(b), { x: 0.6, y: 1.5, w: 12.1, h: 0.8, fontFace: FONT, fontSize: 18, italic: true, color: MUTED });
}

function render(pptx: PptxGenJS, plan: DeckPlan, s: Slide): void {
  switch (s.kind) {
    case 'title': {
      const slide = frame(pptx, plan, null);
      slide.addShape(pptx.ShapeType.rect, {
        x: 0,
        y: 0,
        w: 13.33,
        h: 0.25,
        fill: { color: ACCENT },
        line: { color: ACCENT },
      });
      slide.addText(t(s.title), {
        x: 0.8,
        y: 2.2,
        w: 11.7,
        h: 1.6,
        fontFace: FONT,
        fontSize: 36,
        bold: true,
        color: INK,
        valign: 'bottom',
      });
      slide.addText(t(s.subtitle), {
        x: 0.8,
        y: 3.9,
        w: 11.7,
        h: 1.0,
        fontFace: FONT,
        fontSize: 18,
        color: MUTED,
        valign: 'top',
      });
      return;
    }
    case 'recommendation': {
      const slide = frame(pptx, plan, s.title);
      empty(slide, s.empty);
      if (s.headline) {
        const colour = verdictColour(s.headline.verdict);
        slide.addText(t(s.headline.label), {
          x: 0.6,
          y: 1.45,
          w: 4.2,
          h: 0.5,
          fontFace: FONT,
          fontSize: 16,
          bold: true,
          color: 'FFFFFF',
          fill: { color: colour },
          align: 'center',
        });
        if (s.headline.readyDespite)
          slide.addText(t(s.headline.readyDespite), {
            x: 5.0,
            y: 1.4,
            w: 7.7,
            h: 0.6,
            fontFace: FONT,
            fontSize: 12,
            italic: true,
            color: INK,
            valign: 'middle',
          });
        slide.addText(t(s.headline.oneLiner), {
          x: 0.6,
          y: 2.1,
          w: 12.1,
          h: 1.4,
          fontFace: FONT,
          fontSize: 26,
          bold: true,
          color: INK,
          valign: 'top',
        });
        slide.addText(t(s.headline.claim), {
          x: 0.6,
          y: 3.5,
          w: 12.1,
          h: 1.2,
          fontFace: FONT,
          fontSize: 16,
          color: INK,
          valign: 'top',
        });
      }
      s.others.forEach((o, i) => {
        slide.addShape(pptx.ShapeType.rect, {
          x: 0.6,
          y: 4.95 + i * 0.62,
          w: 0.12,
          h: 0.45,
          fill: { color: verdictColour(o.verdict) },
          line: { color: verdictColour(o.verdict) },
        });
        slide.addText(t(o.text), {
          x: 0.85,
          y: 4.9 + i * 0.62,
          w: 11.85,
          h: 0.55,
          fontFace: FONT,
          fontSize: 15,
          color: INK,
          valign: 'middle',
        });
      });
      return;
    }
    case 'trends': {
      const slide = frame(pptx, plan, s.title);
      empty(slide, s.empty);
      const w = 12.1 / Math.max(1, s.trends.length) - 0.2;
      s.trends.forEach((trend, i) => {
        const x = 0.6 + i * (w + 0.3);
        slide.addShape(pptx.ShapeType.rect, {
          x,
          y: 1.5,
          w,
          h: 5.1,
          fill: { color: 'EEF2F5' },
          line: { color: 'EEF2F5' },
        });
        slide.addText(t(trend.name), {
          x: x + 0.2,
          y: 1.7,
          w: w - 0.4,
          h: 1.1,
          fontFace: FONT,
          fontSize: 20,
          bold: true,
          color: ACCENT,
          valign: 'top',
        });
        slide.addText(t(trend.why), {
          x: x + 0.2,
          y: 2.9,
          w: w - 0.4,
          h: 3.5,
          fontFace: FONT,
          fontSize: 15,
          color: INK,
          valign: 'top',
        });
      });
      return;
    }
    case 'impact': {
      const slide = frame(pptx, plan, s.title);
      empty(slide, s.empty);
      s.impacts.forEach((impact, i) => {
        const y = 1.5 + i * 1.3;
        slide.addText(t(impact.head), {
          x: 0.6,
          y,
          w: 12.1,
          h: 0.4,
          fontFace: FONT,
          fontSize: 14,
          bold: true,
          color: MUTED,
        });
        slide.addText(t(impact.change), {
          x: 0.6,
          y: y + 0.4,
          w: 12.1,
          h: 0.8,
          fontFace: FONT,
          fontSize: 18,
          color: INK,
          valign: 'top',
        });
      });
      return;
    }
    case 'risks': {
      const slide = frame(pptx, plan, s.title);
      empty(slide, s.empty);
      const size = 0.95;
      for (const c of s.cells) {
        const colour = SEVERITY_COLOURS[c.severity];
        slide.addText(t(c.ids), {
          shape: pptx.ShapeType.rect,
          x: 1.1 + (c.likelihood - 1) * size,
          y: 1.45 + (5 - c.impact) * size,
          w: size,
          h: size,
          fill: { color: hex(colour.fill) },
          line: { color: 'FFFFFF', width: 1.5 },
          fontFace: FONT,
          fontSize: 12,
          bold: true,
          color: hex(colour.text),
          align: 'center',
          valign: 'middle',
        });
      }
      if (s.cells.length > 0) {
        slide.addText('Likelihood →', {
          x: 1.1,
          y: 6.25,
          w: 5 * size,
          h: 0.35,
          fontFace: FONT,
          fontSize: 12,
          color: MUTED,
          align: 'center',
        });
        slide.addText('Impact →', {
          x: 0.2,
          y: 3.6,
          w: 1.6,
          h: 0.35,
          fontFace: FONT,
          fontSize: 12,
          color: MUTED,
          align: 'center',
          rotate: 270,
        });
      }
      s.top.forEach((r, i) => {
        const y = 1.45 + i * 1.65;
        slide.addShape(pptx.ShapeType.rect, {
          x: 6.4,
          y,
          w: 0.12,
          h: 1.4,
          fill: { color: r.severity === null ? GAP_COLOUR : hex(SEVERITY_COLOURS[r.severity].fill) },
          line: { color: r.severity === null ? GAP_COLOUR : hex(SEVERITY_COLOURS[r.severity].fill) },
        });
        slide.addText(t(r.head), {
          x: 6.65,
          y,
          w: 6.1,
          h: 0.35,
          fontFace: FONT,
          fontSize: 13,
          bold: true,
          color: MUTED,
        });
        slide.addText(t(r.threat), {
          x: 6.65,
          y: y + 0.35,
          w: 6.1,
          h: 0.7,
          fontFace: FONT,
          fontSize: 15,
          color: INK,
          valign: 'top',
        });
        slide.addText(t(r.owner), {
          x: 6.65,
          y: y + 1.05,
          w: 6.1,
          h: 0.35,
          fontFace: FONT,
          fontSize: 11,
          color: MUTED,
        });
      });
      return;
    }
    case 'roadmap': {
      const slide = frame(pptx, plan, s.title);
      empty(slide, s.empty);
      if (s.rows.length > 0) {
        const cell = (b: Box, header: boolean) => ({
          text: t(b),
          options: header ? { bold: true, fill: { color: 'EEF2F5' }, color: INK } : { color: INK },
        });
        slide.addTable([s.header.map((h) => cell(h, true)), ...s.rows.map((r) => r.map((c) => cell(c, false)))], {
          x: 0.6,
          y: 1.45,
          w: 12.1,
          colW: [3.9, 1.5, 1.2, 2.5, 1.5, 1.5],
          fontFace: FONT,
          fontSize: 13,
          border: { type: 'solid', pt: 0.75, color: 'B8C2CC' },
          valign: 'middle',
        });
      }
      if (s.note)
        slide.addText(t(s.note), {
          x: 0.6,
          y: 6.3,
          w: 12.1,
          h: 0.5,
          fontFace: FONT,
          fontSize: 12,
          italic: true,
          color: MUTED,
        });
      return;
    }
    case 'ask': {
      const slide = frame(pptx, plan, s.title);
      const list = (title: string, items: readonly Box[], x: number) => {
        slide.addText(title, { x, y: 1.45, w: 5.9, h: 0.5, fontFace: FONT, fontSize: 18, bold: true, color: ACCENT });
        slide.addText(
          items.map((b) => ({ text: t(b), options: { bullet: true, breakLine: true } })),
          { x, y: 2.0, w: 5.9, h: 4.7, fontFace: FONT, fontSize: 15, color: INK, valign: 'top', paraSpaceAfter: 8 },
        );
      };
      list('Still open', s.questions, 0.6);
      list('Our ask', s.asks, 6.8);
      return;
    }
  }
}

export async function boardDeckPptx(input: ExportInput): Promise<Buffer> {
  const plan = deckPlan(input);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = xmlSafeText(`${input.client.name}: technology strategy for ${input.session.quarter}`);
  pptx.company = 'Foresight Accelerator';
  for (const s of plan.slides) render(pptx, plan, s);
  const out = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.from(out as Uint8Array);
}
