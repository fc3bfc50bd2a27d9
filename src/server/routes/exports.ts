import { Hono } from 'hono';
import { notFound } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import {
  comparisonMarkdown,
  radarReviewHtml,
  radarReviewPdf,
  compareQuarters,
  parseMonth,
  exportFileName,
  riskRegisterCsv,
  roadmapCsv,
  stateOfTheTechMarkdown,
  strategyMemoHtml,
  strategyMemoMarkdown,
  strategyMemoPdf,
  strategyMemoDocx,
  boardDeckPptx,
  type ExportInput,
} from '../../export/index.js';
import { validate } from '../errors.js';
import { CompareQuery, SessionIdParam, StateOfTheTechQuery } from '../schemas.js';

/** Files an advisor hands to the client, and the quarter-over-quarter Radar Review. */
export function exportRoutes(engine: Engine): Hono {
  const app = new Hono();
  const sessionId = (raw: string) => {
    const parsed = SessionIdParam.safeParse(raw);
    if (!parsed.success) throw notFound(`Session "${raw}"`);
    return parsed.data;
  };
  const input = (id: number): ExportInput => ({
    ...engine.snapshot(id),
    generatedAt: new Date(),
    provider: { label: engine.identity.label },
  });
  const fileName = (x: ExportInput, what: string) => {
    const dot = what.lastIndexOf('.');
    return exportFileName(x, what.slice(0, dot), what.slice(dot + 1));
  };
  const attachment = (name: string) => `attachment; filename="${name}"`;

  app.get('/:id/export/memo.md', (c) => {
    const x = input(sessionId(c.req.param('id')));
    return c.body(strategyMemoMarkdown(x), 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': attachment(fileName(x, 'strategy-memo.md')),
    });
  });

  app.get('/:id/export/memo.html', (c) => {
    const x = input(sessionId(c.req.param('id')));
    return c.body(strategyMemoHtml(x), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `inline; filename="${fileName(x, 'strategy-memo.html')}"`,
    });
  });

  /** The memo as a text PDF (fonts embedded, pictures as vectors), built on the server without a browser. */
  app.get('/:id/export/memo.pdf', async (c) => {
    const x = input(sessionId(c.req.param('id')));
    const pdf = await strategyMemoPdf(x);
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': attachment(fileName(x, 'strategy-memo.pdf')),
    });
  });

  /** The memo as a Word document to edit before sending. */
  app.get('/:id/export/memo.docx', async (c) => {
    const x = input(sessionId(c.req.param('id')));
    const docx = await strategyMemoDocx(x);
    return c.body(new Uint8Array(docx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': attachment(fileName(x, 'strategy-memo.docx')),
    });
  });

  /** The board deck: seven slides, every text box within its budget. */
  app.get('/:id/export/deck.pptx', async (c) => {
    const x = input(sessionId(c.req.param('id')));
    const deck = await boardDeckPptx(x);
    return c.body(new Uint8Array(deck), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'content-disposition': attachment(fileName(x, 'board-deck.pptx')),
    });
  });

  /** The monthly note between quarterly sessions. */
  app.get('/:id/export/state-of-the-tech.md', (c) => {
    const x = input(sessionId(c.req.param('id')));
    const { month } = validate(StateOfTheTechQuery, c.req.query());
    return c.body(stateOfTheTechMarkdown(x, month ? (parseMonth(month) ?? undefined) : undefined), 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': attachment(fileName(x, 'state-of-the-tech.md')),
    });
  });

  app.get('/:id/export/roadmap.csv', (c) => {
    const x = input(sessionId(c.req.param('id')));
    return c.body(roadmapCsv(x), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(fileName(x, 'roadmap.csv')),
    });
  });

  app.get('/:id/export/risks.csv', (c) => {
    const x = input(sessionId(c.req.param('id')));
    return c.body(riskRegisterCsv(x), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(fileName(x, 'risk-register.csv')),
    });
  });

  /** Compares this session with another of the same client (default: the previous quarter's). */
  app.get('/:id/compare', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { with: otherId, format } = validate(CompareQuery, c.req.query());
    const later = input(id);
    const earlierSession = otherId !== undefined ? engine.snapshot(otherId).session : engine.previousSession(id);
    if (!earlierSession) throw notFound(`An earlier quarter's session for ${later.client.name}`);
    const earlier = input(earlierSession.id);
    if (earlier.client.id !== later.client.id) throw notFound(`Session ${earlierSession.id} of ${later.client.name}`);
    const comparison = compareQuarters(earlier, later);
    const markdown = comparisonMarkdown(comparison);
    if (format === 'md') {
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': attachment(fileName(later, 'radar-review.md')),
      });
    }
    if (format === 'html') {
      return c.body(radarReviewHtml(comparison, { earlier, later }), 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': `inline; filename="${fileName(later, 'radar-review.html')}"`,
      });
    }
    if (format === 'pdf') {
      const pdf = await radarReviewPdf(comparison, { earlier, later });
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': attachment(fileName(later, 'radar-review.pdf')),
      });
    }
    return c.json({
      earlier: { sessionId: earlier.session.id, quarter: earlier.session.quarter },
      later: { sessionId: id, quarter: later.session.quarter },
      comparison,
      markdown,
    });
  });

  return app;
}
