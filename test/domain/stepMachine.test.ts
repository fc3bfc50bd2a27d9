import { describe, expect, it } from 'vitest';
import {
  ProgressSchema,
  STEP_IDS,
  initialProgress,
  severityOf,
  stepStatuses,
  transition,
  type Progress,
  type StepFacts,
  type StepId,
} from '../../src/domain/index.js';
import { allArtifacts, minimal } from '../support/minimal.js';

const facts = (over: Partial<StepFacts> = {}): StepFacts => ({ artifacts: {}, exchangesByTrend: {}, ...over });
const everything = facts({ artifacts: allArtifacts(), exchangesByTrend: { t1: 3, t2: 3 } });

function at(step: StepId, furthest: StepId = step, stale: StepId[] = []): Progress {
  return { status: 'active', mode: 'quarterly', current: step, furthest, stale };
}

function advanceOk(p: Progress, f: StepFacts = everything) {
  const r = transition(p, { type: 'advance' }, f);
  if (!r.ok) throw new Error(r.refusal.message);
  return r;
}

describe('the step machine', () => {
  it('starts a quarterly session at context and a quick check at the sounding board', () => {
    expect(initialProgress('quarterly')).toEqual({
      status: 'active',
      mode: 'quarterly',
      current: 'context',
      furthest: 'context',
      stale: [],
    });
    expect(initialProgress('quick_check')).toMatchObject({ current: 'sounding_board' });
  });

  it('walks all seven steps in order and completes after the sounding board', () => {
    let p = initialProgress('quarterly');
    const entered: StepId[] = [];
    for (let i = 0; i < STEP_IDS.length - 1; i++) {
      const r = advanceOk(p);
      p = r.progress;
      for (const e of r.effects) if (e.type === 'entered_step') entered.push(e.step);
    }
    expect(entered).toEqual(STEP_IDS.slice(1));
    const last = advanceOk(p);
    expect(last.progress.status).toBe('completed');
    expect(last.effects).toEqual([{ type: 'completed' }]);
  });

  describe('guards', () => {
    it('refuses to leave context before the context is drafted', () => {
      const r = transition(at('context'), { type: 'advance' }, facts());
      expect(r).toMatchObject({ ok: false, refusal: { code: 'guard' } });
      if (!r.ok) expect(r.refusal.message).toMatch(/context/i);
    });

    it('refuses to leave trends with only one trend chosen', () => {
      const r = transition(at('trends'), { type: 'advance' }, facts({ artifacts: { trends: minimal.trends(1) } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.message).toContain('at least 2');
    });

    it('refuses to leave trends with four trends chosen', () => {
      const r = transition(at('trends'), { type: 'advance' }, facts({ artifacts: { trends: minimal.trends(4) } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.message).toContain('at most 3');
    });

    it.each([2, 3])('lets trends go with %i chosen', (n) => {
      expect(
        transition(at('trends'), { type: 'advance' }, facts({ artifacts: { trends: minimal.trends(n) } })).ok,
      ).toBe(true);
    });

    it('keeps the dialogue open until each chosen trend has three answers, naming the short ones', () => {
      const f = facts({ artifacts: { trends: minimal.trends(2) }, exchangesByTrend: { t1: 3, t2: 1 } });
      const r = transition(at('dialogue'), { type: 'advance' }, f);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.refusal.message).toContain('"Trend t2" (1)');
        expect(r.refusal.message).not.toContain('"Trend t1"');
      }
      expect(
        transition(at('dialogue'), { type: 'advance' }, facts({ ...f, exchangesByTrend: { t1: 3, t2: 3 } })).ok,
      ).toBe(true);
    });

    it('ends the dialogue early when the user says enough', () => {
      const f = facts({ artifacts: { trends: minimal.trends(2) }, exchangesByTrend: {} });
      expect(transition(at('dialogue'), { type: 'advance', force: true }, f).ok).toBe(true);
    });

    it('refuses to leave impact while a scope has no forecast', () => {
      const r = transition(
        at('impact'),
        { type: 'advance' },
        facts({ artifacts: { impact: minimal.impact(['company', 'market']) } }),
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.message).toContain('industry');
    });

    it.each(['risks', 'roadmap', 'sounding_board'] as const)('refuses to leave %s without its artifact', (step) => {
      expect(transition(at(step), { type: 'advance' }, facts()).ok).toBe(false);
      expect(transition(at(step), { type: 'advance' }, facts({ artifacts: { [step]: allArtifacts()[step] } })).ok).toBe(
        true,
      );
    });
  });

  describe('going back', () => {
    it('marks downstream steps that hold artifacts stale, and keeps them', () => {
      const f = facts({
        artifacts: {
          context: minimal.context(),
          trends: minimal.trends(2),
          dialogue: minimal.dialogue(),
          impact: minimal.impact(),
        },
      });
      const r = transition(at('risks'), { type: 'go_back', to: 'trends' }, f);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.progress).toEqual({
          status: 'active',
          mode: 'quarterly',
          current: 'trends',
          furthest: 'risks',
          stale: ['dialogue', 'impact'],
        });
        expect(r.effects).toEqual([{ type: 'entered_step', step: 'trends' }]);
      }
    });

    it('refuses to go "back" to the current or a later step', () => {
      expect(transition(at('impact'), { type: 'go_back', to: 'impact' }, everything)).toMatchObject({
        ok: false,
        refusal: { code: 'out_of_order' },
      });
      expect(transition(at('impact', 'roadmap'), { type: 'go_back', to: 'roadmap' }, everything).ok).toBe(false);
    });

    it('reopens a completed session at the step chosen', () => {
      const done: Progress = { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] };
      const r = transition(done, { type: 'go_back', to: 'roadmap' }, everything);
      expect(r.ok && r.progress).toMatchObject({ status: 'active', current: 'roadmap', stale: ['sounding_board'] });
    });

    it('refuses to leave a stale step until it is revised or confirmed', () => {
      const stale = at('impact', 'roadmap', ['impact', 'risks']);
      expect(transition(stale, { type: 'advance' }, everything)).toMatchObject({
        ok: false,
        refusal: { code: 'stale' },
      });
      const revised = transition(stale, { type: 'artifact_revised', step: 'impact' }, everything);
      expect(revised.ok && revised.progress.stale).toEqual(['risks', 'roadmap']);
      const confirmed = transition(stale, { type: 'confirm', step: 'impact' }, everything);
      expect(confirmed.ok && confirmed.progress.stale).toEqual(['risks']);
      if (confirmed.ok) expect(transition(confirmed.progress, { type: 'advance' }, everything).ok).toBe(true);
    });

    it('refuses to confirm a step that is not stale', () => {
      expect(transition(at('impact'), { type: 'confirm', step: 'context' }, everything).ok).toBe(false);
    });

    it('refuses a revision of a step not reached yet', () => {
      expect(transition(at('context'), { type: 'artifact_revised', step: 'roadmap' }, everything)).toMatchObject({
        ok: false,
        refusal: { code: 'out_of_order' },
      });
    });
  });

  it('has no steps but the sounding board in a quick check', () => {
    const p = initialProgress('quick_check');
    expect(transition(p, { type: 'go_back', to: 'context' }, everything)).toMatchObject({
      ok: false,
      refusal: { code: 'not_in_mode' },
    });
    expect(stepStatuses(p)).toEqual([{ step: 'sounding_board', status: 'current' }]);
  });

  it('shows done, current, stale and upcoming steps for a progress bar', () => {
    const statuses = stepStatuses(at('trends', 'impact', ['dialogue']));
    expect(statuses.map((s) => s.status)).toEqual([
      'done',
      'current',
      'stale',
      'done',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
  });

  it('rejects stored progress that breaks the invariants', () => {
    expect(ProgressSchema.safeParse(at('roadmap', 'trends')).success).toBe(false);
    expect(ProgressSchema.safeParse({ ...at('trends', 'trends'), stale: ['roadmap'] }).success).toBe(false);
    expect(
      ProgressSchema.safeParse({ ...initialProgress('quick_check'), furthest: 'roadmap', current: 'roadmap' }).success,
    ).toBe(false);
    expect(ProgressSchema.safeParse(at('trends', 'impact', ['dialogue'])).success).toBe(true);
  });
});

describe('severity', () => {
  it.each([
    [5, 5, 'Critical'],
    [3, 5, 'Critical'],
    [4, 4, 'Critical'],
    [2, 5, 'High'],
    [3, 4, 'High'],
    [1, 5, 'Medium'],
    [2, 3, 'Medium'],
    [2, 2, 'Low'],
    [1, 4, 'Low'],
    [1, 1, 'Low'],
  ] as const)('likelihood %i × impact %i is %s', (l, i, s) => {
    expect(severityOf(l, i)).toBe(s);
  });
});
