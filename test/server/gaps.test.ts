/**
 * Nothing invented: what the advisor did not say is null in the artifact and a gap in words in every
 * export, never a placeholder value ("3 × 3", "mixed / medium / 6–18 months") or placeholder text.
 */
import { describe, expect, it } from 'vitest';
import {
  GAPS,
  chosenTrends,
  type ImpactArtifact,
  type RisksArtifact,
  type TrendsArtifact,
} from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { loadConfig } from '../../src/config.js';
import { createFacilitator } from '../../src/facilitators/index.js';
import { harness } from '../support/harness.js';
import { officeParts, pdfPages, xmlText } from '../support/readers.js';
import { readSSE } from '../support/sse.js';

type Harness = ReturnType<typeof harness>;

async function say(h: Harness, id: number, content: string) {
  expect((await h.json('POST', `/api/sessions/${id}/messages`, { content })).status).toBe(200);
}
/** Drafts the step (a proposal) and accepts all of it, as the page's *Accept all*. */
async function draft(h: Harness, id: number) {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  expect(frames.find((f) => f.event === 'error')).toBeUndefined();
  const proposal = frames.find((f) => f.event === 'proposal')!.data as { step: string };
  expect((await h.acceptDraft(id, proposal.step)).status).toBe(200);
}
async function view(h: Harness, id: number) {
  return (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;
}
async function advance(h: Harness, id: number, body: unknown = {}) {
  const res = await h.json('POST', `/api/sessions/${id}/advance`, body);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** An offline session taken to the risk register: forecasts said without a size, one risk named without scores. */
async function sessionWithUnsaidValues() {
  const h = harness(createFacilitator(loadConfig({})));
  const { session } = await h.createSession();
  const id = session.id;
  await say(h, id, 'Services: warehousing; freight brokerage');
  await draft(h, id);
  await advance(h, id);
  await draft(h, id);
  const proposed = (await view(h, id)).artifacts.trends!.data as TrendsArtifact;
  const picked = { trends: proposed.trends.map((t, i) => ({ ...t, chosen: i < 2 })) };
  expect((await h.json('PUT', `/api/sessions/${id}/artifacts/trends`, { data: picked })).status).toBe(200);
  await advance(h, id);
  const trends = chosenTrends((await view(h, id)).artifacts.trends!.data as TrendsArtifact);
  for (let i = 0; i < trends.length * 3; i++) await say(h, id, `Answer ${i}: dispatchers distrust opaque tools.`);
  await draft(h, id);
  await advance(h, id);
  for (const answer of [
    'Brokerage margin goes up',
    'Quote-to-book rate on spot lanes',
    'none',
    'Smaller brokers fall behind, margins down',
    'Broker consolidation announcements',
    'none',
    'Shippers expect instant quotes, demand up',
    'RFPs asking for API quotes',
    'none',
  ])
    await say(h, id, answer);
  await draft(h, id);
  await advance(h, id);
  await say(h, id, 'The legacy TMS has no API for the pricing agent; owner: CTO');
  await draft(h, id);
  return { h, id };
}

describe('nothing invented', () => {
  it('stores a risk nobody scored with null scores and no placeholder in its threat', async () => {
    const { h, id } = await sessionWithUnsaidValues();
    const risks = (await view(h, id)).artifacts.risks!.data as RisksArtifact;
    expect(risks.risks).toEqual([
      expect.objectContaining({
        threat: 'The legacy TMS has no API for the pricing agent',
        likelihood: null,
        impact: null,
        owner: 'CTO',
      }),
    ]);
  });

  it('stores a forecast said without a size, a horizon or a confidence with those as null, not mixed / medium / 6–18 months', async () => {
    const { h, id } = await sessionWithUnsaidValues();
    const impact = (await view(h, id)).artifacts.impact!.data as ImpactArtifact;
    expect(impact.forecasts.map((f) => [f.scope, f.direction, f.magnitude, f.horizon, f.confidence])).toEqual([
      ['company', 'up', null, null, null],
      ['industry', 'down', null, null, null],
      ['market', 'up', null, null, null],
    ]);
  });

  it('shows an unscored risk as "not scored" in every export, with no placeholder text or 3 × 3 anywhere', async () => {
    const { h, id } = await sessionWithUnsaidValues();
    const exports = ['memo.md', 'memo.html', 'roadmap.csv', 'risks.csv', 'state-of-the-tech.md'];
    for (const name of exports) {
      const res = await h.app.request(`/api/sessions/${id}/export/${name}`);
      expect(res.status, name).toBe(200);
      const text = await res.text();
      expect(text, name).not.toMatch(/placeholder/i);
      expect(text, name).not.toMatch(/3 × 3|3×3/);
    }
    const memo = await (await h.app.request(`/api/sessions/${id}/export/memo.md`)).text();
    expect(memo).toContain(`| r1 | The legacy TMS has no API for the pricing agent | ${GAPS.score} | ${GAPS.score} |`);
    expect(memo).toContain(`| ↑ up | ${GAPS.magnitude} | ${GAPS.horizon} | ${GAPS.confidence} |`);
    const csv = await (await h.app.request(`/api/sessions/${id}/export/risks.csv`)).text();
    expect(csv.split('\r\n')[1]).toContain(
      `1,r1,The legacy TMS has no API for the pricing agent,technical,${GAPS.score},${GAPS.score},${GAPS.score},${GAPS.score},${GAPS.mitigation},CTO,${GAPS.trigger},${GAPS.reviewDate},`,
    );
    const bytes = async (name: string) =>
      new Uint8Array(await (await h.app.request(`/api/sessions/${id}/export/${name}`)).arrayBuffer());
    const pdf = pdfPages(await bytes('memo.pdf')).join('\n');
    const docx = xmlText((await officeParts(await bytes('memo.docx')))['word/document.xml']!, 'w:t');
    const slides = Object.entries(await officeParts(await bytes('deck.pptx')))
      .filter(([path]) => /^ppt\/slides\/slide\d+\.xml$/.test(path))
      .map(([, xml]) => xmlText(xml, 'a:t'))
      .join('\n');
    expect(slides).toContain(`r1 · ${GAPS.severity} (${GAPS.score})`);
    for (const [name, text] of [
      ['memo.pdf', pdf],
      ['memo.docx', docx],
      ['deck.pptx', slides],
    ] as const) {
      expect(text, name).toContain(GAPS.score);
      expect(text, name).not.toMatch(/placeholder/i);
      expect(text, name).not.toMatch(/3 × 3|3×3/);
    }
    const note = await (await h.app.request(`/api/sessions/${id}/export/state-of-the-tech.md`)).text();
    expect(note).toContain(`- **Not scored** (${GAPS.score}) The legacy TMS has no API for the pricing agent.`);
  });
});
