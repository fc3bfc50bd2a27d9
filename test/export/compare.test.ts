import { describe, expect, it } from 'vitest';
import { isAppError, parseArtifact } from '../../src/domain/index.js';
import { compareQuarters, comparisonMarkdown, type QuarterComparison } from '../../src/export/index.js';
import { NORTHWIND_CLIENT, northwindExportInput } from '../support/fixtures.js';

const q1 = () => northwindExportInput('2027-Q1');
const q2 = () => northwindExportInput('2027-Q2');

function compared<K extends 'trends' | 'risks' | 'roadmap' | 'recommendations'>(c: QuarterComparison, key: K) {
  const s = c[key];
  if (s.status !== 'compared') throw new Error(`${key} not compared`);
  return s as Extract<QuarterComparison[K], { status: 'compared' }>;
}

describe('compareQuarters', () => {
  it('finds the chosen trends added, dropped and kept, matching by normalized name', () => {
    const later = q2();
    later.artifacts.trends!.trends[0]!.name = '  ai ASSISTED freight-pricing '; // same trend, typed differently
    const t = compared(compareQuarters(q1(), later), 'trends');
    expect(t.added.map((x) => x.name)).toEqual(['Agentic AI in customer service']);
    expect(t.dropped.map((x) => x.name)).toEqual(['Nearshoring of manufacturing to Mexico']);
    expect(t.kept.map((x) => x.earlier.name)).toEqual([
      'AI-assisted freight pricing',
      'Shipper demand for Scope 3 emissions data',
    ]);
  });

  it('finds the risks whose severity moved, with old and new severity', () => {
    const r = compared(compareQuarters(q1(), q2()), 'risks');
    expect(r.moved.map((m) => [m.later.id, m.earlier.severity, m.later.severity, m.direction])).toEqual([
      ['r1', 'Critical', 'High', 'down'],
      ['r3', 'Medium', 'Critical', 'up'],
    ]);
    expect(r.moved[0]).toMatchObject({
      matchedBy: 'id',
      reworded: false,
      earlier: { score: 20 },
      later: { score: 10 },
    });
  });

  it('matches a risk by its threat text when its id changed, and lists new and closed risks', () => {
    const r = compared(compareQuarters(q1(), q2()), 'risks');
    expect(r.unchanged.map((x) => x.id).sort()).toEqual(['r2', 'r7']); // r7 is Q1's r4, renamed
    expect(r.added.map((x) => x.id)).toEqual(['r6']);
    expect(r.closed.map((x) => x.id)).toEqual(['r5']);
  });

  it('flags a carried-over risk whose threat was reworded, paired by its stable id', () => {
    const later = q2();
    later.artifacts.risks!.risks[0]!.threat = 'Key-person risk: only Dana Whitfield knows the WMS integration layer';
    const r = compared(compareQuarters(q1(), later), 'risks');
    expect(r.moved[0]).toMatchObject({ matchedBy: 'id', reworded: true, earlier: { id: 'r1' }, later: { id: 'r1' } });
    expect(comparisonMarkdown(compareQuarters(q1(), later))).toContain(
      '| Key-person risk: only Dana Whitfield knows the WMS integration layer (was: Key-person risk: only Dana Whitfield understands the WMS integration layer) | Critical (4 × 5 = 20) | High (2 × 5 = 10) | ↓ better |',
    );
  });

  it('never pairs two different things because they share an id: one is closed, the other new', () => {
    const later = q2();
    later.artifacts.risks!.risks[0]!.threat = 'A port strike stops inbound containers for two weeks';
    const r = compared(compareQuarters(q1(), later), 'risks');
    expect(r.moved.concat().map((m) => m.later.id)).not.toContain('r1');
    expect(r.closed.map((x) => x.id)).toContain('r1');
    expect(r.added.map((x) => x.threat)).toContain('A port strike stops inbound containers for two weeks');
  });

  it('pairs by id an item the later session records as carried over from the earlier one, however reworded', () => {
    const later = q2();
    later.artifacts.risks!.risks[0]!.threat = 'A port strike stops inbound containers for two weeks';
    const carried = {
      origin: { kind: 'carried' as const, fromSessionId: q1().session.id, quarter: '2027-Q1' },
      edited: ['threat'],
    };
    const withRecord = { ...later, provenance: { risks: { 'risks/r1': carried } } };
    const r = compared(compareQuarters(q1(), withRecord), 'risks');
    expect(r.moved.map((m) => [m.earlier.id, m.later.id, m.reworded])).toContainEqual(['r1', 'r1', true]);
    const fromElsewhere = {
      ...later,
      provenance: { risks: { 'risks/r1': { ...carried, origin: { ...carried.origin, fromSessionId: 999 } } } },
    };
    expect(compared(compareQuarters(q1(), fromElsewhere), 'risks').closed.map((x) => x.id)).toContain('r1');
  });

  it('pairs nothing between two quarters whose recommendations are different, whatever their ids', () => {
    const later = q2();
    const claims = [
      'Replace the warehouse management system with a cloud WMS',
      'Hire a head of data before any AI project',
      'Sell the brokerage arm to focus on contract logistics',
      'Move every customer to EDI by the end of 2027',
    ];
    later.artifacts.sounding_board = parseArtifact('sounding_board', {
      recommendations: later.artifacts.sounding_board!.recommendations.map((r, i) => ({
        ...r,
        claim: claims[i]!,
        ceoOneLiner: claims[i]!,
      })),
    });
    const r = compared(compareQuarters(q1(), later), 'recommendations');
    expect(r.verdictChanged).toEqual([]);
    expect(r.unchanged).toEqual([]);
    expect(r.withdrawn.map((x) => x.id)).toEqual(['c1', 'c2', 'c3']);
    expect(r.added.map((x) => x.claim)).toEqual(claims);
    expect(comparisonMarkdown(compareQuarters(q1(), later))).toContain('**Verdict changed:** none.');
  });

  it('reports changes in key numbers and in the CEO’s goals', () => {
    const later = q2();
    later.artifacts.context = {
      ...later.artifacts.context!,
      keyNumbers: [
        ...later.artifacts.context!.keyNumbers.filter((k) => k.label !== 'Warehouses'),
        { label: 'NPS', value: '41' },
      ],
      ceoGoals: [...later.artifacts.context!.ceoGoals.slice(1), 'Open a Texas hub by 2028'],
    };
    const c = compared(compareQuarters(q1(), later), 'context' as never) as unknown as Extract<
      QuarterComparison['context'],
      { status: 'compared' }
    >;
    expect(c.numbersChanged).toEqual([
      { label: 'Brokerage gross margin', from: '14%', to: '14.6%' },
      { label: 'Cloud spend', from: '$2.1M/yr', to: '$1.75M/yr' },
    ]);
    expect(c.numbersAdded).toEqual([{ label: 'NPS', value: '41' }]);
    expect(c.numbersRemoved).toEqual([{ label: 'Warehouses', value: '14' }]);
    expect(c.goalsAdded).toEqual(['Open a Texas hub by 2028']);
    expect(c.goalsDropped).toEqual([q1().artifacts.context!.ceoGoals[0]]);
    const md = comparisonMarkdown(compareQuarters(q1(), later));
    expect(md).toContain('| Cloud spend | $2.1M/yr | $1.75M/yr |');
    expect(md).toContain('- **New goals of the CEO:** Open a Texas hub by 2028');
  });

  it('lists the review dates and open deadlines that have passed by the day it is prepared', () => {
    const later = { ...q2(), generatedAt: new Date('2027-07-01T09:00:00Z') };
    const c = compareQuarters(q1(), later);
    expect(c.passed.asOf).toBe('2027-07-01');
    expect(c.passed.dates.map((d) => [d.kind, d.id, d.date])).toEqual([
      ['risk review', 'r7', '2027-05-31'],
      ['risk review', 'r2', '2027-06-30'],
      ['risk review', 'r6', '2027-06-30'],
      ['roadmap deadline', 'e1', '2027-06-30'],
    ]);
    expect(comparisonMarkdown(c)).toContain('By 2027-07-01, these dates have passed:');
  });

  it('finds roadmap entries new, changed (status, effort, owner, deadline, metric target), done and dropped', () => {
    const m = compared(compareQuarters(q1(), q2()), 'roadmap');
    expect(m.added.map((e) => e.id)).toEqual(['e6']);
    expect(m.unchanged.map((e) => e.id)).toEqual(['e3']);
    expect(m.changed.map((c) => [c.later.id, c.changes])).toEqual([
      [
        'e1',
        [
          { field: 'status', from: 'planned', to: 'in_progress' },
          { field: 'effortWeeks', from: 6, to: 8 },
          { field: 'owner', from: 'VP Engineering (Marta Ruiz)', to: 'Principal engineer (Dana Whitfield)' },
          { field: 'deadline', from: '2027-05-31', to: '2027-06-30' },
        ],
      ],
      [
        'e2',
        [
          { field: 'status', from: 'planned', to: 'in_progress' },
          { field: 'deadline', from: '2027-Q4', to: '2027-11-30' },
          { field: 'metricTarget', from: '16%', to: '17%' },
        ],
      ],
    ]);
  });

  it("says done or dropped from the later roadmap's own status, not from an entry's absence", () => {
    const m = compared(compareQuarters(q1(), q2()), 'roadmap');
    expect(m.done.map((c) => [c.later.id, c.earlier.status, c.later.status, c.changes])).toEqual([
      ['e4', 'planned', 'done', []],
    ]);
    expect(m.dropped.map((c) => [c.later.id, c.earlier.status, c.later.status, c.changes])).toEqual([
      ['e5', 'planned', 'dropped', []],
    ]);
    expect(m.removed).toEqual([]);
  });

  it('reports an entry that vanished without a status as such, and does not report an entry closed earlier as news', () => {
    const later = q2();
    later.artifacts.roadmap = parseArtifact('roadmap', {
      entries: later.artifacts.roadmap!.entries.filter((e) => e.id !== 'e3'),
    });
    const third = q2();
    const m = compared(compareQuarters(q1(), later), 'roadmap');
    expect(m.removed.map((e) => [e.id, e.status])).toEqual([['e3', 'planned']]);
    const md = comparisonMarkdown(compareQuarters(q1(), later));
    expect(md).toContain(
      '- **No longer on the roadmap, without a status (done or abandoned: the 2027-Q2 roadmap does not say which):** Scope 3 emissions API for shippers (6–18 months, 10 weeks, owner: Product lead, Portal)',
    );
    expect(md).toContain('roadmap: 1 new, 2 changed, 1 done, 1 dropped, 1 gone without a status');

    // A quarter later, the done and dropped entries stay done and dropped: unchanged, not done again.
    const again = compared(compareQuarters(q2(), third), 'roadmap');
    expect([again.done, again.dropped, again.changed, again.removed]).toEqual([[], [], [], []]);
    // And once they leave the roadmap, they are listed as closed before, not as a mystery.
    const cleared = q2();
    cleared.artifacts.roadmap = parseArtifact('roadmap', {
      entries: cleared.artifacts.roadmap!.entries.filter((e) => e.status !== 'done' && e.status !== 'dropped'),
    });
    const next = { ...cleared, session: { ...cleared.session, id: 3, quarter: '2027-Q3' as const } };
    const md3 = comparisonMarkdown(compareQuarters(q2(), next));
    expect(md3).not.toContain('No longer on the roadmap, without a status');
    expect(md3).toContain(
      '- **Closed in 2027-Q2 and no longer listed:** Cloud cost right-sizing sprint (done); Nearshore cross-dock feasibility study (dropped)',
    );
  });

  it('reads every metric against its target: baseline → latest value → target, with the share of the way', () => {
    const m = compared(compareQuarters(q1(), q2()), 'roadmap');
    expect(
      m.metrics.map((r) => [
        r.entry.id,
        r.entry.status,
        r.metric.baseline,
        r.metric.current,
        r.metric.target,
        r.progress,
      ]),
    ).toEqual([
      ['e1', 'in_progress', '1', '2', '3', 0.5],
      ['e2', 'in_progress', '14%', '14.6%', '17%', 0.2],
      ['e3', 'planned', '0', null, '12', null],
      ['e4', 'done', '$2.1M/yr', '$1.75M/yr', '$1.7M/yr', 0.875],
      ['e6', 'planned', '0%', null, '40%', null],
    ]);
    expect(m.metrics.every((r) => r.earlierCurrent === null)).toBe(true); // Q1 measured nothing yet
    // A quarter later, the reading the earlier roadmap had is kept beside the new one.
    const later = q2();
    later.artifacts.roadmap!.entries[0]!.metric!.current = '3';
    const again = compared(compareQuarters(q2(), later), 'roadmap');
    expect(again.metrics[0]).toMatchObject({ earlierCurrent: '2', metric: { current: '3' }, progress: 1 });
  });

  it('finds the recommendations whose verdict changed', () => {
    const r = compared(compareQuarters(q1(), q2()), 'recommendations');
    expect(r.verdictChanged.map((v) => [v.later.id, v.earlier.verdict, v.later.verdict])).toEqual([
      ['c1', 'revise', 'ready'],
      ['c3', 'revise', 'drop'],
    ]);
    expect(r.added.map((x) => x.id)).toEqual(['c4']);
    expect(r.withdrawn).toEqual([]);
    expect(r.unchanged.map((x) => x.id)).toEqual(['c2']);
  });

  it('says a section is not comparable when either session lacks its step', () => {
    const earlier = { ...q1(), artifacts: { ...q1().artifacts, risks: undefined } };
    const later = { ...q2(), artifacts: { ...q2().artifacts, roadmap: undefined, risks: undefined } };
    const c = compareQuarters(earlier, later);
    expect(c.risks).toEqual({ status: 'not_comparable', missingIn: ['earlier', 'later'] });
    expect(c.roadmap).toEqual({ status: 'not_comparable', missingIn: ['later'] });
    const md = comparisonMarkdown(c);
    expect(md).toContain('## Roadmap\n\nNot comparable: the 2027-Q2 session has no roadmap yet (not drafted yet).');
    expect(md).toContain('Not comparable: the 2027-Q1 session and the 2027-Q2 session have no risk register yet');
  });

  it('refuses to compare two different clients', () => {
    const other = { ...q2(), client: { ...NORTHWIND_CLIENT, id: 2, name: 'Contoso' } };
    expect(() => compareQuarters(q1(), other)).toThrow(/same client/);
    try {
      compareQuarters(q1(), other);
    } catch (e) {
      expect(isAppError(e) && e.kind).toBe('validation');
    }
  });

  it('is pure: the inputs are left as they were', () => {
    const a = q1();
    const b = q2();
    const before = JSON.stringify([a, b]);
    compareQuarters(a, b);
    expect(JSON.stringify([a, b])).toBe(before);
  });
});

describe('comparisonMarkdown', () => {
  it('writes the Radar Review a CEO can scan', () => {
    const md = comparisonMarkdown(compareQuarters(q1(), q2()));
    expect(md.split('\n')[0]).toBe('# Radar Review: Northwind Logistics, 2027-Q1 → 2027-Q2');
    expect(md).toContain(
      '**At a glance:** trends: 1 added, 1 dropped, 2 kept; risks: 2 changed severity, 1 new, 1 closed; roadmap: 1 new, 2 changed, 1 done, 1 dropped; metrics: 3 of 5 measured, 0 on target; verdicts: 2 changed.',
    );
    expect(md).toContain('- **Added:** Agentic AI in customer service');
    expect(md).toContain('- **Dropped:** Nearshoring of manufacturing to Mexico');
    expect(md).toContain(
      '| Enterprise shippers move volume to carriers that report Scope 3 emissions data | Medium (3 × 3 = 9) | Critical (4 × 4 = 16) | ↑ worse |',
    );
    expect(md).toContain(
      '| Pair on and document the WMS integration layer | Status: Planned → In progress<br>Effort: 6 weeks → 8 weeks<br>Owner: VP Engineering (Marta Ruiz) → Principal engineer (Dana Whitfield)<br>Deadline: 2027-05-31 → 2027-06-30 |',
    );
    expect(md).toContain(
      '| Spot-lane pricing model v1 | Status: Planned → In progress<br>Deadline: 2027-Q4 → 2027-11-30<br>Metric target: 16% → 17% |',
    );
    expect(md).toContain(
      '- **Done:** Cloud cost right-sizing sprint (was planned; Cloud spend $2.1M/yr → $1.75M/yr, target $1.7M/yr)',
    );
    expect(md).toContain('- **Dropped:** Nearshore cross-dock feasibility study (was planned)');
    expect(md).not.toContain('does not say which');
    expect(md).toContain(
      [
        '**Metrics against targets**',
        '',
        '| Entry | Status | Metric | Baseline | 2027-Q1 | 2027-Q2 (latest) | Target | Progress |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        '| Pair on and document the WMS integration layer | in progress | Engineers able to deploy the WMS integration | 1 | — | 2 | 3 | 50% of the way |',
        '| Spot-lane pricing model v1 | in progress | Brokerage gross margin | 14% | — | 14.6% | 17% | 20% of the way |',
        '| Scope 3 emissions API for shippers | planned | Top-20 shippers receiving monthly emissions data | 0 | — | not measured yet | 12 | not measured yet |',
        '| Cloud cost right-sizing sprint | done | Cloud spend | $2.1M/yr | — | $1.75M/yr | $1.7M/yr | 88% of the way |',
        '| Customer-service agent pilot for shipment status | planned | Tickets closed without a human | 0% | — | not measured yet | 40% | not measured yet |',
      ].join('\n'),
    );
    expect(md).toContain(
      '| Fund the spot-lane pricing model in 2027 H2 | Revise (medium; 1 objection open) | Ready (high) |',
    );
    expect(md).toContain(
      '| Study a nearshore cross-dock in Laredo | Revise (low; 3 objections open) | Drop (medium; 1 objection open) |',
    );
  });

  it('escapes user text in its tables', () => {
    const later = q2();
    later.artifacts.roadmap = parseArtifact('roadmap', {
      entries: later.artifacts.roadmap!.entries.map((e) => (e.id === 'e1' ? { ...e, owner: 'Ops | <b>Infra</b>' } : e)),
    });
    const md = comparisonMarkdown(compareQuarters(q1(), later));
    expect(md).toContain('Owner: VP Engineering (Marta Ruiz) → Ops \\| \\<b\\>Infra\\</b\\>');
  });
});
