/**
 * Guards check content: a step is left when it holds what the method needs, or by an explicit
 * override with a reason, recorded with the conditions then unmet and named in the memo.
 */
import { describe, expect, it } from 'vitest';
import {
  STEPS,
  STEP_IDS,
  type RisksArtifact,
  type StepId,
  type TrendsArtifact,
  type UnmetCondition,
} from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { createOfflineFacilitator } from '../../src/facilitators/offline/index.js';
import { harness } from '../support/harness.js';
import { minimal } from '../support/minimal.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { officeParts, pdfPages, xmlText } from '../support/readers.js';
import { readSSE } from '../support/sse.js';

type Harness = ReturnType<typeof harness>;
type Refusal = { error: { kind: string; message: string; field?: string; details?: { unmet?: UnmetCondition[] } } };

async function view(h: Harness, id: number) {
  return (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;
}

/** Drafts the step and accepts the proposal, when the facilitator makes one. */
async function draft(h: Harness, id: number) {
  const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
  const proposal = frames.find((f) => f.event === 'proposal')?.data as { step: StepId } | undefined;
  if (proposal) expect((await h.acceptDraft(id, proposal.step)).status).toBe(200);
}

const advance = (h: Harness, id: number, body: unknown = {}) => h.json('POST', `/api/sessions/${id}/advance`, body);

describe('leaving a step', () => {
  it('cannot take a zero-answer offline session to the end without recorded overrides, which the memo lists', async () => {
    const h = harness(createOfflineFacilitator());
    const id = (await h.createSession()).session.id;
    const refusedAt: Partial<Record<StepId, string[]>> = {};
    for (const step of STEP_IDS) {
      expect((await view(h, id)).current).toBe(step);
      await draft(h, id);
      if (step === 'trends') {
        const proposed = (await view(h, id)).artifacts.trends!.data as TrendsArtifact;
        const picked = { trends: proposed.trends.map((t, i) => ({ ...t, chosen: i < 2 })) };
        expect((await h.json('PUT', `/api/sessions/${id}/artifacts/trends`, { data: picked })).status).toBe(200);
      }
      if (step === 'dialogue') await readSSE(await h.json('POST', `/api/sessions/${id}/actions`, { action: 'enough' }));
      const res = await advance(h, id);
      if (res.status === 200) continue;
      expect(res.status, step).toBe(409);
      const { error } = (await res.json()) as Refusal;
      expect(error.kind).toBe('refused');
      const unmet = error.details!.unmet!;
      expect(unmet.length, step).toBeGreaterThan(0);
      expect(error.message).toContain(unmet[0]!.message);
      // The refusal lists what the view already said, so the page can show it before Next is pressed.
      expect((await view(h, id)).unmet).toEqual(unmet);
      refusedAt[step] = unmet.map((c) => c.code);
      const moved = await advance(h, id, {
        override: { reason: `  Client workshop on ${STEPS[step].title} is next week.  ` },
      });
      expect(moved.status, await moved.clone().text()).toBe(200);
    }
    // Nothing was said: every step from the forecast on lacks what the method needs.
    expect(Object.keys(refusedAt)).toEqual(['impact', 'risks', 'roadmap', 'sounding_board']);
    const done = await view(h, id);
    expect(done.session.progress.status).toBe('completed');
    expect(done.overrides.map((o) => [o.step, o.reason, o.unmet.map((c) => c.code)])).toEqual(
      Object.entries(refusedAt).map(([step, codes]) => [
        step,
        `Client workshop on ${STEPS[step as StepId].title} is next week.`,
        codes,
      ]),
    );

    const memo = await (await h.app.request(`/api/sessions/${id}/export/memo.md`)).text();
    const day = done.overrides[0]!.createdAt.slice(0, 10);
    expect(memo).toContain('## Where we moved on with gaps');
    // "That's enough" lets the dialogue be left, and the memo still says the trends it left short.
    expect(memo).toMatch(
      /Ended early with “That's enough”\. Trends explored with fewer than 3 answers: ‘[^’]+’ \(0\); ‘[^’]+’ \(0\)\./,
    );
    for (const o of done.overrides) {
      expect(memo).toContain(`Moved on anyway on ${day}: ‘Client workshop on ${STEPS[o.step].title} is next week.’`);
      for (const c of o.unmet) expect(memo).toContain(c.message);
    }
    // One plan feeds every format of the memo.
    const bytes = async (name: string) =>
      new Uint8Array(await (await h.app.request(`/api/sessions/${id}/export/${name}`)).arrayBuffer());
    const html = await (await h.app.request(`/api/sessions/${id}/export/memo.html`)).text();
    const pdf = pdfPages(await bytes('memo.pdf')).join('\n');
    const docx = xmlText((await officeParts(await bytes('memo.docx')))['word/document.xml']!, 'w:t');
    for (const [name, text] of [
      ['memo.html', html],
      ['memo.pdf', pdf],
      ['memo.docx', docx],
    ] as const) {
      expect(text, name).toContain('Where we moved on with gaps');
      expect(text, name).toContain(`Moved on anyway on ${day}: ‘Client workshop on Risks is next week.’`);
      expect(text, name).toContain('The risk register names no risk.');
    }
    const slides = Object.entries(await officeParts(await bytes('deck.pptx')))
      .filter(([path]) => /^ppt\/slides\/slide\d+\.xml$/.test(path))
      .map(([, xml]) => xmlText(xml, 'a:t'))
      .join('\n');
    expect(slides).toContain(
      'Impact, moved on anyway (‘Client workshop on Impact is next week.’): No forecast yet for:',
    );
  });

  it('refuses to leave a risk register with an unscored risk, naming it; an override needs a reason', async () => {
    const h = harness(new ScriptedFacilitator());
    const id = (await h.createSession()).session.id;
    const steps = ['context', 'trends', 'dialogue', 'impact'] as const;
    for (const step of steps) {
      const data = step === 'trends' ? minimal.trends(2) : minimal[step]();
      expect((await h.json('PUT', `/api/sessions/${id}/artifacts/${step}`, { data })).status).toBe(200);
      const res = await advance(h, id, step === 'dialogue' ? { override: { reason: 'Dialogue held offline.' } } : {});
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const [scored] = minimal.risks().risks;
    const register: RisksArtifact = {
      risks: [scored!, { ...scored!, id: 'r2', threat: 'Carrier API outage', likelihood: 3, impact: null }],
    };
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/risks`, { data: register })).status).toBe(200);

    const refused = await advance(h, id);
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as Refusal;
    expect(error.details!.unmet).toEqual([
      {
        code: 'risks_unscored',
        message: 'Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.',
        items: ['r2 ‘Carrier API outage’'],
      },
    ]);

    for (const reason of ['', '   ']) {
      const blank = await advance(h, id, { override: { reason } });
      expect(blank.status).toBe(422);
      expect(((await blank.json()) as Refusal).error.field).toBe('override.reason');
    }
    const long = await advance(h, id, { override: { reason: 'x'.repeat(501) } });
    expect(long.status).toBe(422);
    const force = await advance(h, id, { force: true });
    expect(force.status).toBe(422);
    expect(((await force.json()) as Refusal).error.message).toMatch(/"force".*override.*reason/);
    let v = await view(h, id);
    expect(v.current).toBe('risks');
    expect(v.overrides.map((o) => o.step)).toEqual(['dialogue']);

    const moved = await advance(h, id, { override: { reason: 'The CFO scores r2 on Monday.' } });
    expect(moved.status).toBe(200);
    v = (await moved.json()) as SessionView;
    expect(v.current).toBe('roadmap');
    expect(v.overrides.at(-1)).toMatchObject({
      step: 'risks',
      reason: 'The CFO scores r2 on Monday.',
      unmet: [{ code: 'risks_unscored', items: ['r2 ‘Carrier API outage’'] }],
    });
  });

  it('records no override when the step lacks nothing', async () => {
    const h = harness(new ScriptedFacilitator());
    const id = (await h.createSession()).session.id;
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/context`, { data: minimal.context() })).status).toBe(
      200,
    );
    const res = await advance(h, id, { override: { reason: 'Habit.' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SessionView).overrides).toEqual([]);
  });

  it('keeps the overrides through a backup and a restore', async () => {
    const source = harness(new ScriptedFacilitator());
    const id = (await source.createSession()).session.id;
    expect((await advance(source, id, { override: { reason: 'Context comes from the kickoff deck.' } })).status).toBe(
      200,
    );
    const before = (await view(source, id)).overrides;
    expect(before).toHaveLength(1);
    const archive = await (await source.app.request('/api/backup')).text();

    const target = harness(new ScriptedFacilitator());
    await target.createSession({ clientName: 'Acme', industry: 'Retail' });
    const restored = await target.app.request('/api/restore', {
      method: 'POST',
      body: archive,
      headers: { 'content-type': 'application/json' },
    });
    expect(restored.status).toBe(201);
    const sessions = (await (await target.app.request('/api/sessions')).json()) as {
      sessions: Array<{ id: number; clientName?: string }>;
    };
    const ids = sessions.sessions.map((s) => s.id).filter((s) => s !== 1);
    expect(ids).toHaveLength(1);
    const after = (await view(target, ids[0]!)).overrides;
    expect(after).toEqual(before.map((o) => ({ ...o, id: expect.any(Number), sessionId: ids[0] })));
  });
});
