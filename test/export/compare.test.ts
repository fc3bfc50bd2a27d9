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
    expect(t.kept.map((x) => x.earlier.name)).toEqual(['AI-assisted freight pricing', 'Shipper demand for Scope 3 emissions data']);
  });

  it('finds the risks whose severity moved, with old and new severity', () => {
    const r = compared(compareQuarters(q1(), q2()), 'risks');
    expect(r.moved.map((m) => [m.later.id, m.earlier.severity, m.later.severity, m.direction])).toEqual([
      ['r1', 'Critical', 'High', 'down'],
      ['r3', 'Medium', 'Critical', 'up'],
    ]);
    expect(r.moved[0]).toMatchObject({ matchedBy: 'id', reworded: false, earlier: { score: 20 }, later: { score: 10 } });
  });

  it('matches a risk by its threat text when its id changed, and lists new and closed risks', () => {
    const r = compared(compareQuarters(q1(), q2()), 'risks');
    expect(r.unchanged.map((x) => x.id).sort()).toEqual(['r2', 'r7']); // r7 is Q1's r4, renamed
    expect(r.added.map((x) => x.id)).toEqual(['r6']);
    expect(r.closed.map((x) => x.id)).toEqual(['r5']);
  });

  it('flags an id reused for a reworded threat instead of hiding it', () => {
    const later = q2();
    later.artifacts.risks!.risks[0]!.threat = 'Key-person risk on the routing engine';
    const r = compared(compareQuarters(q1(), later), 'risks');
    expect(r.moved[0]).toMatchObject({ matchedBy: 'id', reworded: true, earlier: { id: 'r1' }, later: { id: 'r1' } });
    expect(comparisonMarkdown(compareQuarters(q1(), later))).toContain(
      '| Key-person risk on the routing engine (was: Key-person risk: only Dana Whitfield understands the WMS integration layer) | Critical (4 × 5 = 20) | High (2 × 5 = 10) | ↓ better |',
    );
  });

  it('finds roadmap entries new, changed (effort, owner, deadline, metric target) and dropped', () => {
    const m = compared(compareQuarters(q1(), q2()), 'roadmap');
    expect(m.added.map((e) => e.id)).toEqual(['e6']);
    expect(m.dropped.map((e) => e.id)).toEqual(['e4', 'e5']);
    expect(m.unchanged.map((e) => e.id)).toEqual(['e3']);
    expect(m.changed.map((c) => [c.later.id, c.changes])).toEqual([
      ['e1', [
        { field: 'effortWeeks', from: 6, to: 8 },
        { field: 'owner', from: 'VP Engineering (Marta Ruiz)', to: 'Principal engineer (Dana Whitfield)' },
        { field: 'deadline', from: '2027-05-31', to: '2027-06-30' },
      ]],
      ['e2', [
        { field: 'deadline', from: '2027-Q4', to: '2027-11-30' },
        { field: 'metricTarget', from: '16%', to: '17%' },
      ]],
    ]);
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
    try { compareQuarters(q1(), other); } catch (e) { expect(isAppError(e) && e.kind).toBe('validation'); }
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
    expect(md).toContain('**At a glance:** trends: 1 added, 1 dropped, 2 kept; risks: 2 changed severity, 1 new, 1 closed; roadmap: 1 new, 2 changed, 2 dropped; verdicts: 2 changed.');
    expect(md).toContain('- **Added:** Agentic AI in customer service');
    expect(md).toContain('- **Dropped:** Nearshoring of manufacturing to Mexico');
    expect(md).toContain('| Enterprise shippers move volume to carriers that report Scope 3 emissions data | Medium (3 × 3 = 9) | Critical (4 × 4 = 16) | ↑ worse |');
    expect(md).toContain('| Pair on and document the WMS integration layer | Effort: 6 weeks → 8 weeks<br>Owner: VP Engineering (Marta Ruiz) → Principal engineer (Dana Whitfield)<br>Deadline: 2027-05-31 → 2027-06-30 |');
    expect(md).toContain('| Spot-lane pricing model v1 | Deadline: 2027-Q4 → 2027-11-30<br>Metric target: 16% → 17% |');
    expect(md).toContain('- **Dropped (done or abandoned: the roadmap does not say which):** Cloud cost right-sizing sprint');
    expect(md).toContain('| Fund the spot-lane pricing model in 2027 H2 | Revise (medium) | Ready (high) |');
    expect(md).toContain('| Study a nearshore cross-dock in Laredo | Revise (low) | Drop (medium) |');
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
