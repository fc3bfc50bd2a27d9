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
      if (!r.ok) expect(r.refusal.message).toBe('Only 1 trend chosen; the method needs 2 or 3.');
    });

    it('refuses to leave trends with four trends chosen', () => {
      const r = transition(at('trends'), { type: 'advance' }, facts({ artifacts: { trends: minimal.trends(4) } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.message).toBe('4 trends chosen; the method needs 2 or 3.');
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
        expect(r.refusal.unmet).toEqual([
          {
            code: 'trends_unexplored',
            message: 'Trends explored with fewer than 3 answers: ‘Trend t2’ (1).',
            items: ['‘Trend t2’ (1)'],
          },
        ]);
      }
      expect(
        transition(at('dialogue'), { type: 'advance' }, facts({ ...f, exchangesByTrend: { t1: 3, t2: 3 } })).ok,
      ).toBe(true);
    });

    it("ends the dialogue early when the user pressed “That's enough” (a recorded action)", () => {
      const f = facts({ artifacts: { trends: minimal.trends(2) }, exchangesByTrend: {} });
      expect(transition(at('dialogue'), { type: 'advance' }, f).ok).toBe(false);
      expect(transition(at('dialogue'), { type: 'advance' }, { ...f, dialogueEnough: true }).ok).toBe(true);
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

    const codes = (step: StepId, f: StepFacts) => {
      const r = transition(at(step), { type: 'advance' }, f);
      return r.ok ? [] : (r.refusal.unmet ?? []).map((c) => c.code);
    };

    it('refuses to leave impact while a forecast has no direction or no signpost, naming the forecast', () => {
      const impact = minimal.impact();
      const gappy = {
        forecasts: impact.forecasts.map((f, i) => (i === 1 ? { ...f, direction: null, signpost: null } : f)),
      };
      const r = transition(at('impact'), { type: 'advance' }, facts({ artifacts: { impact: gappy } }));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.refusal.unmet).toEqual([
          {
            code: 'forecasts_without_direction',
            message: 'Forecasts with direction not stated (up, down or mixed): industry ‘Change for industry’.',
            items: ['industry ‘Change for industry’'],
          },
          {
            code: 'forecasts_without_signpost',
            message: 'Forecasts with no signpost to watch: industry ‘Change for industry’.',
            items: ['industry ‘Change for industry’'],
          },
        ]);
    });

    it('refuses to leave the risk register with a risk scored on one axis only, or with no risk at all', () => {
      const [risk] = minimal.risks().risks;
      const halfScored = { risks: [risk!, { ...risk!, id: 'r2', threat: 'Carrier API outage', impact: null }] };
      const r = transition(at('risks'), { type: 'advance' }, facts({ artifacts: { risks: halfScored } }));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.refusal.unmet!.map((c) => c.items)).toEqual([['r2 ‘Carrier API outage’']]);
        expect(r.refusal.message).toBe('Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.');
      }
      expect(codes('risks', facts({ artifacts: { risks: { risks: [] } } }))).toEqual(['no_risks']);
    });

    it('refuses to leave the roadmap while an open entry has no owner or no metric; done and dropped entries need neither', () => {
      const [entry] = minimal.roadmap().entries;
      const roadmap = {
        entries: [
          { ...entry!, owner: null },
          { ...entry!, id: 'e2', metric: null },
          { ...entry!, id: 'e3', owner: null, metric: null, status: 'done' as const },
        ],
      };
      const r = transition(at('roadmap'), { type: 'advance' }, facts({ artifacts: { roadmap } }));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.refusal.unmet!.map((c) => [c.code, c.items])).toEqual([
          ['entries_without_owner', ['e1 ‘Document the routing engine’']],
          ['entries_without_metric', ['e2 ‘Document the routing engine’']],
        ]);
      expect(codes('roadmap', facts({ artifacts: { roadmap: { entries: [] } } }))).toEqual(['no_roadmap_entries']);
    });

    it('refuses to leave the sounding board while a recommendation has no verdict or is not stated', () => {
      const [rec] = minimal.sounding_board().recommendations;
      const board = {
        recommendations: [
          { ...rec!, verdict: null },
          { ...rec!, id: 'c2', claim: null },
        ],
      };
      expect(codes('sounding_board', facts({ artifacts: { sounding_board: board } }))).toEqual([
        'recommendations_unstated',
        'recommendations_without_verdict',
      ]);
      expect(codes('sounding_board', facts({ artifacts: { sounding_board: { recommendations: [] } } }))).toEqual([
        'no_recommendations',
      ]);
    });

    it('moves on past unmet conditions only with an override, which it returns as an effect to record', () => {
      const f = facts({ artifacts: { risks: { risks: [{ ...minimal.risks().risks[0]!, likelihood: null }] } } });
      const r = transition(at('risks'), { type: 'advance', override: { reason: 'Scores come Monday.' } }, f);
      expect(r).toMatchObject({
        ok: true,
        progress: { current: 'roadmap' },
        effects: [
          { type: 'overridden', step: 'risks', reason: 'Scores come Monday.', unmet: [{ code: 'risks_unscored' }] },
          { type: 'entered_step', step: 'roadmap' },
        ],
      });
    });

    it('records no override when the step meets its conditions', () => {
      const r = transition(at('risks'), { type: 'advance', override: { reason: 'Just in case.' } }, everything);
      expect(r).toMatchObject({ ok: true, effects: [{ type: 'entered_step', step: 'roadmap' }] });
    });

    it('does not let an override past a stale artifact', () => {
      const r = transition(at('risks', 'risks', ['risks']), { type: 'advance', override: { reason: 'x' } }, everything);
      expect(r).toMatchObject({ ok: false, refusal: { code: 'stale' } });
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
