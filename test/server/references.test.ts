/**
 * References resolve: every id an artifact cites must exist in the session. A write that cites a
 * missing one is a 422 naming the field and the id, and stores nothing; a read flags it and goes on.
 */
import { describe, expect, it } from 'vitest';
import {
  danglingReferences,
  parseArtifact,
  type ArtifactSet,
  type DanglingReference,
  type DialogueArtifact,
} from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { insertRevision, listMessages, updateProgress } from '../../src/storage/index.js';
import { harness } from '../support/harness.js';
import { minimal } from '../support/minimal.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { readSSE } from '../support/sse.js';

type ErrorBody = { error: { kind: string; message: string; field?: string } };

/** A session whose first five steps are drafted, standing at the roadmap. */
async function atRoadmap(facilitator = new ScriptedFacilitator()) {
  const h = harness(facilitator);
  const { session } = await h.createSession();
  const artifacts: ArtifactSet = {
    context: minimal.context(),
    trends: minimal.trends(2),
    dialogue: minimal.dialogue(),
    impact: minimal.impact(),
    risks: minimal.risks(),
  };
  for (const [step, data] of Object.entries(artifacts))
    insertRevision(h.db, { sessionId: session.id, step: step as keyof ArtifactSet, data, source: 'model' });
  updateProgress(h.db, session.id, {
    status: 'active',
    mode: 'quarterly',
    current: 'roadmap',
    furthest: 'roadmap',
    stale: [],
  });
  return { h, id: session.id };
}

const artifactRows = (h: ReturnType<typeof harness>) => h.db.prepare('SELECT count(*) AS n FROM artifacts').get();

describe('references resolve', () => {
  it('refuses a hand edit of the roadmap citing a risk the register does not hold: 422 naming the field and the id', async () => {
    const { h, id } = await atRoadmap();
    const roadmap = minimal.roadmap();
    const data = { entries: [{ ...roadmap.entries[0]!, riskIds: ['r1', 'r9'] }] };
    const before = artifactRows(h);
    const res = await h.json('PUT', `/api/sessions/${id}/artifacts/roadmap`, { data });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.field).toBe('data.entries.0.riskIds.1');
    expect(body.error.message).toBe(
      'data.entries.0.riskIds.1 cites risk "r9", which is not in this session\'s risk register.',
    );
    expect(artifactRows(h)).toEqual(before);
  });

  it('refuses a ledger citing messages and trends the session does not have', async () => {
    const { h, id } = await atRoadmap();
    const ledger: DialogueArtifact = {
      trendSummaries: [],
      insights: [{ id: 'i1', trendId: 't1', text: 'Dispatchers distrust opaque tools', fromMessageId: 77 }],
      assumptions: [
        { id: 'a1', trendId: 't9', text: 'Shippers pay for speed', status: 'stated', note: null, fromMessageId: 81 },
      ],
    };
    const res = await h.json('PUT', `/api/sessions/${id}/artifacts/dialogue`, { data: ledger });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.field).toBe('data.insights.0.fromMessageId');
    expect(body.error.message).toBe(
      "data.insights.0.fromMessageId cites message 77, which is not in this session's transcript (and 2 more).",
    );
    // The same ledger citing a message that is there, and a chosen trend, is stored.
    const real = listMessages(h.db, id)[0]!.id;
    const fixed = {
      ...ledger,
      insights: [{ ...ledger.insights[0]!, fromMessageId: real }],
      assumptions: [{ ...ledger.assumptions[0]!, trendId: 't2', fromMessageId: null }],
    };
    expect((await h.json('PUT', `/api/sessions/${id}/artifacts/dialogue`, { data: fixed })).status).toBe(200);
  });

  it('refuses a draft citing an id that does not exist, and keeps the artifact it had', async () => {
    const facilitator = new ScriptedFacilitator();
    const { h, id } = await atRoadmap(facilitator);
    facilitator.draftResult = () => ({
      artifact: { entries: [{ ...minimal.roadmap().entries[0]!, trendIds: ['t7'] }] },
      note: 'Drafted.',
      usage: { tokensIn: 1, tokensOut: 1 },
      promptVersion: 'roadmap/extractor@4',
      promptTokens: 1,
      calls: [],
    });
    const frames = await readSSE(await h.json('POST', `/api/sessions/${id}/draft`));
    const error = frames.find((f) => f.event === 'error')?.data as { kind: string; message: string };
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.message).toContain('data.entries.0.trendIds.0 cites trend "t7"');
    expect(frames.some((f) => f.event === 'proposal' || f.event === 'artifact')).toBe(false);
    const view = (await (await h.app.request(`/api/sessions/${id}`)).json()) as SessionView;
    expect(view.artifacts.roadmap).toBeUndefined();
  });

  it('flags a stored artifact whose reference no longer resolves, and still reads it', async () => {
    const { h, id } = await atRoadmap();
    // Stored by an older build, before writes were checked.
    insertRevision(h.db, {
      sessionId: id,
      step: 'roadmap',
      data: { entries: [{ ...minimal.roadmap().entries[0]!, riskIds: ['r3'] }] },
      source: 'model',
    });
    const res = await h.app.request(`/api/sessions/${id}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as SessionView;
    expect(view.artifacts.roadmap!.danglingReferences).toEqual([
      { field: 'data.entries.0.riskIds.0', kind: 'risk', id: 'r3' },
    ]);
    expect(view.artifacts.risks!.danglingReferences).toEqual([]);
    expect((await h.app.request(`/api/sessions/${id}/export/memo.md`)).status).toBe(200);
  });
});

describe('danglingReferences', () => {
  const known = {
    artifacts: { trends: minimal.trends(2), dialogue: minimal.dialogue(), risks: minimal.risks() },
    messageIds: new Set([5]),
  };
  const dangling = (step: Parameters<typeof danglingReferences>[0], data: unknown): DanglingReference[] =>
    danglingReferences(step, parseArtifact(step, data) as never, known);

  it('checks every kind of id an artifact cites', () => {
    expect(
      dangling('impact', {
        forecasts: [{ ...minimal.impact().forecasts[0]!, trendId: 't9', insightIds: ['i9'] }],
      }),
    ).toEqual([
      { field: 'data.forecasts.0.trendId', kind: 'trend', id: 't9' },
      { field: 'data.forecasts.0.insightIds.0', kind: 'insight', id: 'i9' },
    ]);
    expect(dangling('risks', { risks: [{ ...minimal.risks().risks[0]!, trendId: 't1' }] })).toEqual([]);
    expect(
      dangling('sounding_board', {
        recommendations: [{ ...minimal.sounding_board().recommendations[0]!, roadmapEntryIds: ['e1'] }],
      }),
    ).toEqual([{ field: 'data.recommendations.0.roadmapEntryIds.0', kind: 'roadmap entry', id: 'e1' }]);
    expect(
      dangling('dialogue', {
        trendSummaries: [{ trendId: 't9', summary: 'x' }],
        insights: [{ id: 'i1', trendId: 't1', text: 'x', fromMessageId: 5 }],
        assumptions: [],
      }),
    ).toEqual([{ field: 'data.trendSummaries.0.trendId', kind: 'trend', id: 't9' }]);
  });
});
