import { describe, expect, it } from 'vitest';
import { parseArtifact } from '../../src/domain/index.js';
import {
  CLOSED_COLOURS,
  HORIZON_COLOURS,
  SEVERITY_COLOURS,
  riskHeatMapSvg,
  roadmapTimelineSvg,
  severityBandRanges,
} from '../../src/export/index.js';
import { northwindArtifactsQ1, northwindArtifactsQ2 } from '../support/fixtures.js';
import { executableBits, svgGroup } from './helpers.js';

const risks = () => northwindArtifactsQ1().risks!;
const roadmap = () => northwindArtifactsQ1().roadmap!;

describe('riskHeatMapSvg', () => {
  it('draws 25 cells, each coloured by the severity band of likelihood × impact', () => {
    const svg = riskHeatMapSvg(risks());
    expect(svg.match(/<g class="cell"/g)).toHaveLength(25);
    expect(svgGroup(svg, { 'data-likelihood': 5, 'data-impact': 3 })).toContain(
      `fill="${SEVERITY_COLOURS.Critical.fill}"`,
    ); // 15
    expect(svgGroup(svg, { 'data-likelihood': 2, 'data-impact': 5 })).toContain(`fill="${SEVERITY_COLOURS.High.fill}"`); // 10
    expect(svgGroup(svg, { 'data-likelihood': 3, 'data-impact': 3 })).toContain(
      `fill="${SEVERITY_COLOURS.Medium.fill}"`,
    ); // 9
    expect(svgGroup(svg, { 'data-likelihood': 4, 'data-impact': 1 })).toContain(`fill="${SEVERITY_COLOURS.Low.fill}"`); // 4
  });

  it('places the risk with likelihood 4 and impact 5 in that cell, in Critical red, with a tooltip', () => {
    const svg = riskHeatMapSvg(risks());
    const cell = svgGroup(svg, { 'data-likelihood': 4, 'data-impact': 5 });
    expect(cell).toContain('data-severity="Critical"');
    expect(cell).toContain('data-count="1"');
    expect(cell).toContain(`fill="${SEVERITY_COLOURS.Critical.fill}"`);
    expect(cell).toMatch(/<text class="risk-id"[^>]*>r1<\/text>/);
    expect(cell).toContain(
      '<title>Likelihood 4 × impact 5 = 20: Critical (company-ending: fix now)\nr1: Key-person risk: only Dana Whitfield understands the WMS integration layer</title>',
    );
    // the cell sits in the top row (impact 5) and the fourth column (likelihood 4)
    expect(cell).toMatch(/<rect x="344" y="40" width="88" height="64"/);
    expect(svg.match(/>r1<\/text>/g)).toHaveLength(1);
  });

  it('lists several risks in one cell and counts the overflow', () => {
    const base = risks().risks[0]!;
    const many = parseArtifact('risks', {
      risks: ['a', 'b', 'c', 'd'].map((id) => ({ ...base, id, likelihood: 1, impact: 1 })),
    });
    const cell = svgGroup(riskHeatMapSvg(many), { 'data-likelihood': 1, 'data-impact': 1 });
    expect(cell).toContain('data-count="4"');
    expect(cell.match(/class="risk-id"/g)).toHaveLength(3);
    expect(cell).toContain('>+2 more</text>');
  });

  it('labels both axes and gives a legend of the bands', () => {
    const svg = riskHeatMapSvg(risks());
    expect(svg).toContain('>Likelihood (1–5)</text>');
    expect(svg).toContain('>Impact (1–5)</text>');
    for (const band of severityBandRanges()) expect(svg).toContain(`>${band.severity} ${band.min}–${band.max}</text>`);
  });

  it('escapes risk text so markup in an id or a threat stays text', () => {
    const base = risks().risks[0]!;
    const evil = parseArtifact('risks', {
      risks: [{ ...base, id: '<b>x', threat: '</title><script>alert(1)</script> & "quotes"' }],
    });
    const svg = riskHeatMapSvg(evil);
    expect(executableBits(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(svg).toContain('>&lt;b&gt;x</text>');
  });

  it('is deterministic', () => {
    expect(riskHeatMapSvg(risks())).toBe(riskHeatMapSvg(risks()));
  });
});

describe('roadmapTimelineSvg', () => {
  it('groups the entries by horizon, in horizon order', () => {
    const svg = roadmapTimelineSvg(roadmap());
    expect(svgGroupOpenings(svg)).toEqual([
      'horizon 0-6 (2)',
      'entry e1',
      'entry e4',
      'horizon 6-18 (2)',
      'entry e2',
      'entry e3',
      'horizon 18-36 (1)',
      'entry e5',
    ]);
    expect(svg).toContain('>0–6 months</text>');
    expect(svg).toContain('>2 entries, 26 weeks of effort</text>');
  });

  it('dates each horizon from the session quarter and names each entry’s deadline', () => {
    const svg = roadmapTimelineSvg(roadmap(), { quarter: '2027-Q2' });
    expect(svg).toContain(
      '0–6 months<tspan font-weight="normal" font-size="11" fill="#444444"> · Apr 2027 – Sep 2027</tspan>',
    );
    expect(svg).toContain(' · Oct 2027 – Sep 2028</tspan>');
    expect(svg).toContain(' · Oct 2028 – Mar 2030</tspan>');
    const dated = roadmap().entries.find((e) => e.deadline !== null)!;
    expect(svgGroup(svg, { 'data-entry-id': dated.id })).toContain(`due ${dated.deadline}`);
  });

  it('makes bar length proportional to effort in weeks', () => {
    const svg = roadmapTimelineSvg(roadmap());
    const width = (id: string) =>
      Number(svgGroup(svg, { 'data-entry-id': id }).match(/<rect x="260" y="[\d.]+" width="([\d.]+)"/)![1]);
    expect(width('e2')).toBe(440); // 16 weeks: the longest, on a 0–16 week scale
    expect(width('e1')).toBe(165); // 6 weeks
    expect(width('e1') / width('e2')).toBeCloseTo(6 / 16, 5);
    expect(svgGroup(svg, { 'data-entry-id': 'e2' })).toContain(`fill="${HORIZON_COLOURS['6-18'].fill}"`);
  });

  it('draws no bar length for an entry whose effort is not estimated, and says so', () => {
    const entries = roadmap().entries.map((e) => (e.id === 'e4' ? { ...e, effortWeeks: null } : e));
    const svg = roadmapTimelineSvg(parseArtifact('roadmap', { entries }));
    const bar = svgGroup(svg, { 'data-entry-id': 'e4' });
    expect(bar).toContain('stroke-dasharray');
    expect(bar).toContain('effort not estimated');
    expect(bar).toContain('data-effort-weeks=""');
    expect(svg).toMatch(/>2 entries, \d+ weeks of effort \(1 not estimated\)<\/text>/);
  });

  it('puts the detail in a tooltip and escapes every text', () => {
    const entries = roadmap().entries;
    const evil = parseArtifact('roadmap', {
      entries: [{ ...entries[0]!, id: 'x"><script>', title: '<img src=x onerror=alert(1)>', owner: 'Ops & "Infra"' }],
    });
    const svg = roadmapTimelineSvg(evil);
    expect(executableBits(svg)).toEqual([]);
    expect(svg).toContain('data-entry-id="x&quot;&gt;&lt;script&gt;"');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const tooltip = svgGroup(roadmapTimelineSvg(roadmap()), { 'data-entry-id': 'e5' }).match(
      /<title>([\s\S]*?)<\/title>/,
    )![1];
    expect(tooltip).toBe(
      'Nearshore cross-dock feasibility study\n18–36 months, 8 weeks of effort\nOwner: no owner yet; deadline: no deadline yet\nno metric yet',
    );
  });

  it('greys out done and dropped entries, strikes out the dropped, and counts only the effort still ahead', () => {
    const svg = roadmapTimelineSvg(northwindArtifactsQ2().roadmap!);
    const bar = (id: string) => svgGroup(svg, { 'data-entry-id': id });
    expect(bar('e4')).toContain('data-status="done"');
    expect(bar('e4')).toContain(`fill="${CLOSED_COLOURS.fill}"`);
    expect(bar('e5')).toContain(`fill="${CLOSED_COLOURS.fill}"`);
    expect(bar('e5')).toContain('text-decoration="line-through"');
    expect(bar('e4')).not.toContain('line-through');
    expect(bar('e1')).toContain(`fill="${HORIZON_COLOURS['0-6'].fill}"`);
    expect(bar('e1')).toContain('data-status="in_progress"');
    // 0–6 months: e1 (8 weeks, in progress), e4 (done), e6 (6 weeks).
    expect(svg).toContain('>3 entries (1 done), 14 weeks of effort still ahead</text>');
    expect(svg).toContain('>1 entry (1 dropped), 0 weeks of effort still ahead</text>');
    const tooltip = bar('e2').match(/<title>([\s\S]*?)<\/title>/)![1];
    expect(tooltip).toBe(
      'Spot-lane pricing model v1 (in progress)\n6–18 months, 16 weeks of effort\nOwner: Head of Data (Sam Okafor); deadline: 2027-11-30\nBrokerage gross margin: 14% → 17% (now 14.6%)',
    );
  });

  it('is deterministic and shows an empty horizon as such', () => {
    const only = parseArtifact('roadmap', { entries: [roadmap().entries[0]!] });
    expect(roadmapTimelineSvg(only)).toBe(roadmapTimelineSvg(only));
    expect(svgGroupOpenings(roadmapTimelineSvg(only))).toEqual([
      'horizon 0-6 (1)',
      'entry e1',
      'horizon 6-18 (0)',
      'horizon 18-36 (0)',
    ]);
    expect(roadmapTimelineSvg(only)).toContain('>no entries</text>');
  });
});

/** The <g> openings of the timeline in document order, as "horizon 0-6 (2)" / "entry e1". */
function svgGroupOpenings(svg: string): string[] {
  return [...svg.matchAll(/<g class="(horizon|entry)"([^>]*)>/g)].map(([, kind, attrs]) =>
    kind === 'horizon'
      ? `horizon ${/data-horizon="([^"]+)"/.exec(attrs!)![1]} (${/data-count="(\d+)"/.exec(attrs!)![1]})`
      : `entry ${/data-entry-id="([^"]+)"/.exec(attrs!)![1]}`,
  );
}
