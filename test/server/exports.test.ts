import { officeParts, pdfPages, xmlText } from '../support/readers.js';
import { describe, expect, it } from 'vitest';
import { STEP_IDS, type ArtifactSet } from '../../src/domain/index.js';
import { insertRevision, updateProgress } from '../../src/storage/index.js';
import { northwindArtifactsQ1, northwindArtifactsQ2 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';

/** Two completed quarters of the same client, stored as the engine would store them. */
async function twoQuarters() {
  const h = harness(new ScriptedFacilitator());
  const fill = async (quarter: string, artifacts: ArtifactSet) => {
    const { session } = await h.createSession({ quarter });
    for (const step of STEP_IDS)
      insertRevision(h.db, { sessionId: session.id, step, data: artifacts[step], source: 'model' });
    updateProgress(h.db, session.id, { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] });
    return session.id;
  };
  const q1 = await fill('2027-Q1', northwindArtifactsQ1());
  const q2 = await fill('2027-Q2', northwindArtifactsQ2());
  return { h, q1, q2 };
}

describe('export routes', () => {
  it('serves the strategy memo as a Markdown download named for the client, quarter, mode and session', async () => {
    const { h, q1 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q1}/export/memo.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="northwind-logistics_2027-Q1_quarterly_s${q1}_strategy-memo.md"`,
    );
    const md = await res.text();
    expect(md).toContain('Northwind Logistics');
    expect(md).toContain(northwindArtifactsQ1().sounding_board!.recommendations[0]!.ceoOneLiner);
    expect(md).toContain('Prepared with Scripted test model');
  });

  it("names a quick check's memo as a quick check, so it never overwrites the quarter's", async () => {
    const { h, q1 } = await twoQuarters();
    const { session } = await h.createSession({
      quarter: '2027-Q1',
      mode: 'quick_check',
      clientName: 'Müller & Söhne',
    });
    const quick = await h.app.request(`/api/sessions/${session.id}/export/memo.md`);
    const quarterly = await h.app.request(`/api/sessions/${q1}/export/memo.md`);
    expect(quick.headers.get('content-disposition')).toBe(
      `attachment; filename="muller-sohne_2027-Q1_quick-check_s${session.id}_strategy-memo.md"`,
    );
    expect(quick.headers.get('content-disposition')).not.toBe(quarterly.headers.get('content-disposition'));
  });

  it('serves the roadmap and the risk register as CSV with derived severity', async () => {
    const { h, q1 } = await twoQuarters();
    const risks = await h.app.request(`/api/sessions/${q1}/export/risks.csv`);
    expect(risks.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await risks.clone().arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await risks.text()).trim().split('\r\n');
    expect(lines).toHaveLength(northwindArtifactsQ1().risks!.risks.length + 1);
    expect(lines.some((l) => l.includes('Critical'))).toBe(true);
    const roadmap = await (await h.app.request(`/api/sessions/${q1}/export/roadmap.csv`)).text();
    expect(roadmap).toContain(northwindArtifactsQ1().roadmap!.entries[0]!.title);
  });

  it('serves the monthly State of the Tech as a Markdown download', async () => {
    const { h, q2 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q2}/export/state-of-the-tech.md`);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="northwind-logistics_2027-Q2_quarterly_s${q2}_state-of-the-tech.md"`,
    );
    expect(await res.text()).toMatch(/^# State of the Tech: Northwind Logistics, /);
    const may = await h.app.request(`/api/sessions/${q2}/export/state-of-the-tech.md?month=2027-05`);
    expect((await may.text()).split('\n')[0]).toBe('# State of the Tech: Northwind Logistics, May 2027');
    const wrong = await h.app.request(`/api/sessions/${q2}/export/state-of-the-tech.md?month=May`);
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error).toMatchObject({ field: 'month' });
  });

  it('serves the memo as a PDF a reader opens, naming the client', async () => {
    const { h, q1 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q1}/export/memo.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(bytes).join(' ')).toContain('Northwind Logistics');
  });

  it('serves the memo as a Word document whose text names the client', async () => {
    const { h, q1 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q1}/export/memo.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const parts = await officeParts(new Uint8Array(await res.arrayBuffer()));
    expect(xmlText(parts['word/document.xml']!, 'w:t')).toContain('Northwind Logistics');
  });

  it('serves the board deck as a PowerPoint file whose slides name the client', async () => {
    const { h, q1 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q1}/export/deck.pptx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    const parts = await officeParts(new Uint8Array(await res.arrayBuffer()));
    expect(xmlText(parts['ppt/slides/slide1.xml']!, 'a:t')).toContain('Northwind Logistics');
  });

  it('serves a standalone HTML memo with no script in it', async () => {
    const { h, q1 } = await twoQuarters();
    const html = await (await h.app.request(`/api/sessions/${q1}/export/memo.html`)).text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
  });

  it('compares a quarter with the previous one of the same client (the Radar Review)', async () => {
    const { h, q1, q2 } = await twoQuarters();
    const res = await h.app.request(`/api/sessions/${q2}/compare`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { earlier: { sessionId: number; quarter: string }; markdown: string };
    expect(body.earlier).toEqual({ sessionId: q1, quarter: '2027-Q1' });
    expect(body.markdown).toContain('Agentic AI in customer service');
    const view = (await (await h.app.request(`/api/sessions/${q2}`)).json()) as { previousSession: unknown };
    expect(view.previousSession).toEqual({ id: q1, quarter: '2027-Q1' });
    const none = await h.app.request(`/api/sessions/${q1}/compare`);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/earlier quarter/);
  });

  it('serves the Radar Review as HTML with both heat maps and the timeline, and as a PDF', async () => {
    const { h, q2 } = await twoQuarters();
    const html = await (await h.app.request(`/api/sessions/${q2}/compare?format=html`)).text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html.match(/class="risk-heat-map"/g)).toHaveLength(2);
    expect(html).toContain('class="roadmap-timeline"');
    expect(html).toContain('<h2>Key numbers and the CEO’s goals</h2>');
    const pdf = await h.app.request(`/api/sessions/${q2}/compare?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfPages(new Uint8Array(await pdf.arrayBuffer()))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Radar Review: Northwind Logistics 2027-Q1 -> 2027-Q2');
    expect(text).toContain('Dates passed');
  });
});
