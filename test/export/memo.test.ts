import { describe, expect, it } from 'vitest';
import { parseArtifact, type StepOverride } from '../../src/domain/index.js';
import { renderMarkdownSafe, strategyMemoMarkdown, strategyMemoSections } from '../../src/export/index.js';
import type { ExportInput } from '../../src/export/index.js';
import { calledReadyDespite, northwindExportInput, northwindSession } from '../support/fixtures.js';

const memo = (input: ExportInput = northwindExportInput()) => strategyMemoMarkdown(input);
const section = (md: string, heading: string) => {
  const start = md.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = md.indexOf('\n## ', start + 3);
  const end = md.indexOf('\n---\n', start);
  return md.slice(start, Math.min(...[next, end].filter((i) => i > 0), md.length));
};
const rowOf = (md: string, text: string) => md.split('\n').find((l) => l.startsWith('|') && l.includes(text)) ?? '';

describe('strategyMemoMarkdown', () => {
  it('titles the memo with the client and the quarter', () => {
    expect(memo().split('\n')[0]).toBe('# Strategy memo: Northwind Logistics, 2027-Q1');
  });

  it('puts the CEO one-liners and verdicts first, ready before revise', () => {
    const md = memo();
    const ceo = md.indexOf('## For the CEO');
    expect(ceo).toBeGreaterThan(0);
    expect(ceo).toBeLessThan(md.indexOf('## Company context'));
    const board = section(md, 'For the CEO');
    expect(board).toContain('3 recommendations pressure-tested: 1 ready, 2 to revise.');
    expect(board).toContain(
      '### 1. Turn data we already hold into the emissions reports our biggest shippers now require.',
    );
    expect(board).toContain('**Verdict: Ready** (confidence high)');
    expect(board.indexOf('Verdict: Ready')).toBeLessThan(board.indexOf('Verdict: Revise'));
    expect(board).toContain('*Strongest alternative:* Buy Greenscreens predictions and skip the in-house model.');
  });

  it("ends open objections and pre-mortem reasons with one full stop each, and starts a key number's label with a capital", () => {
    const input = northwindExportInput();
    const board = input.artifacts.sounding_board!;
    const recommendations = board.recommendations.map((r, i) =>
      i === 0
        ? {
            ...r,
            objections: [
              {
                lens: 'cfo',
                objection: 'Where is the EBITDA?',
                basis: null,
                response: null,
                status: 'open',
                closedByMessageId: null,
              },
              {
                lens: 'board',
                objection: 'Why is a rival two years ahead.',
                basis: null,
                response: null,
                status: 'open',
                closedByMessageId: null,
              },
              {
                lens: 'ceo',
                objection: 'Why now?',
                basis: null,
                response: 'Margin falls 1 point a quarter',
                status: 'answered_with_evidence',
                closedByMessageId: 12,
              },
            ],
            preMortem: [
              { stakeholder: null, story: 'Accuracy stays below 95%', cause: null, mitigation: null },
              {
                stakeholder: 'Lead engineer',
                story: 'Olu leaves mid-pilot.',
                cause: 'Nobody else knows the model',
                mitigation: {
                  action: 'Pair a second engineer from week 1',
                  owner: 'CTO',
                  timing: null,
                  trigger: 'Olu works alone for two weeks',
                },
              },
            ],
            flipConditions: ['If accuracy is below 90% after 8 weeks, drop'],
          }
        : r,
    );
    const context = { ...input.artifacts.context!, keyNumbers: [{ label: 'hygienists and dentists', value: '310' }] };
    const md = memo({
      ...input,
      artifacts: { ...input.artifacts, sounding_board: parseArtifact('sounding_board', { recommendations }), context },
    });
    expect(md).toMatch(/^\*Still open:\* CFO: Where is the EBITDA\?; Board: Why is a rival two years ahead\.\s*$/m);
    expect(md).toMatch(/^\*Answered:\* 1 of 3 objections \(1 with evidence\)\.\s*$/m);
    expect(md).toContain('| Hygienists and dentists | 310 |');
    expect(md).toMatch(
      /^\*Pre-mortem:\* Accuracy stays below 95% \(no mitigation yet\)\. Lead engineer: Olu leaves mid-pilot\. Cause: Nobody else knows the model\. Mitigation: Pair a second engineer from week 1 \(owner: CTO; when: no timing yet; trigger: Olu works alone for two weeks\)\.\s*$/m,
    );
    expect(md).toMatch(/^\*What would flip the verdict:\* If accuracy is below 90% after 8 weeks, drop\.$/m);
  });

  it('adds up the roadmap in "The numbers": cost against the budget, EV at ±2, payback, each gap named', () => {
    const md = memo();
    const block = md.slice(md.indexOf('**The numbers**'), md.indexOf('**The numbers**') + 2000);
    expect(block).toContain(
      '- Effort: 44 weeks over 5 open entries. Team capacity (engineer-weeks per quarter): not stated, so effort cannot be checked against it.',
    );
    expect(block).toContain(
      '- One-off cost: at least USD 595,000 against a budget of USD 1,800,000: USD 1,205,000 left before the unpriced entries; no cost stated: Nearshore cross-dock feasibility study.',
    );
    expect(block).toMatch(
      /Enterprise value at each entry.s stated multiple: USD 16,000,000 \(USD 12,000,000 at −2, USD 20,000,000 at \+2\)/,
    );
    expect(block).toContain('Spot-lane pricing model v1: 0.32 years');
  });

  it('gives the context with its key numbers and the chosen trends with why now and signals', () => {
    const md = memo();
    expect(section(md, 'Company context')).toContain('| Revenue | $142M |');
    const trends = section(md, 'Trends we chose');
    expect(trends).toContain('3 trends chosen from 4 candidates.');
    expect(trends).toContain('### AI-assisted freight pricing');
    expect(trends).toContain('**Why now:** Two of the top five brokers quote spot loads in under a minute');
    expect(trends).toContain('- DAT and Greenscreens sell lane-level rate prediction as a service');
    expect(trends).not.toContain('Warehouse robotics as a service');
  });

  it('lists the freeze windows under the constraints, as stated', () => {
    expect(section(memo(), 'Company context')).toContain(
      '- Freeze windows: Peak-season change freeze (2027-10-01–2028-01-15)',
    );
  });

  it('says a recommendation was called ready despite open objections, with the reason given', () => {
    const reason = 'Ready, because the two largest shippers need the reports by June';
    const md = memo(calledReadyDespite(reason));
    expect(section(md, 'For the CEO')).toContain(
      `*Called ready despite 1 open objection; the reason given: “${reason}”.*`,
    );
    expect(memo()).not.toContain('Called ready despite');
  });

  it('tabulates the impact forecast by scope with direction, horizon, confidence and signpost', () => {
    const impact = section(memo(), 'Impact forecast');
    expect(impact).toContain(
      '| Scope | What changes | Direction | Magnitude | Horizon | Confidence | Signpost to watch |',
    );
    expect(rowOf(impact, 'Freight volume shifts')).toBe(
      '| Market | Freight volume shifts toward Texas border lanes | ↕ mixed | low | 18–36 months | low | none yet |',
    );
  });

  it('ranks risks with severity derived from likelihood × impact, stating the bands once', () => {
    const input = northwindExportInput();
    const md = memo(input);
    expect(md.match(/Severity bands/g)).toHaveLength(1);
    expect(md.match(/\*\*Critical\*\* 15–25 \(company-ending: fix now\)/g)).toHaveLength(1);
    const risks = section(md, 'Top risks');
    // Rows named by the risk's id (as on the heat map), in rank order.
    expect(rowOf(risks, 'Dana Whitfield understands')).toMatch(
      /^\| r1 \| Key-person risk.* \| Critical \| 4 × 5 = 20 \|/,
    );
    const rows = risks.split('\n').filter((l) => /^\| r\d/.test(l));
    expect(rows[0]).toBe(rowOf(risks, 'Dana Whitfield understands'));
    expect(rows.at(-1)).toBe(rowOf(risks, 'Three-year cloud'));
    expect(rowOf(risks, 'Three-year cloud')).toMatch(/ \| Low \| 2 × 2 = 4 \|/);

    input.artifacts.risks!.risks[0]!.likelihood = 2; // 2 × 5 = 10: High, now tied with r4 and ranked by impact
    expect(rowOf(section(memo(input), 'Top risks'), 'Dana Whitfield understands')).toContain('| High | 2 × 5 = 10 |');
  });

  it('lists only the top five risks and points to the register for the rest', () => {
    const input = northwindExportInput();
    const extra = [6, 7].map((n) => ({
      ...input.artifacts.risks!.risks[4]!,
      id: `r${n}`,
      threat: `Minor risk ${n}`,
      likelihood: 1,
      impact: 1,
    }));
    input.artifacts.risks = parseArtifact('risks', { risks: [...input.artifacts.risks!.risks, ...extra] });
    const risks = section(memo(input), 'Top risks');
    expect(risks).not.toContain('Minor risk');
    expect(risks).toContain('2 more in the full risk register (CSV).');
  });

  it('frames the roadmap in weeks, owners, metrics and money, with EV = EBITDA × the stated multiple', () => {
    const roadmap = section(memo(), 'Roadmap');
    expect(rowOf(roadmap, 'Spot-lane pricing model v1')).toBe(
      '| Spot-lane pricing model v1 | Planned | 6–18 months | 16 weeks | Head of Data (Sam Okafor) | 2027-Q4 | Brokerage gross margin: 14% → 16% | USD\u00a0380,000 | USD\u00a01,200,000 | USD\u00a09,600,000 (USD\u00a01,200,000 × 8×) |',
    );
    expect(rowOf(roadmap, 'Nearshore cross-dock')).toContain(
      '| 8 weeks | no owner yet | no deadline yet | no metric yet | not estimated | not estimated | not estimated |',
    );
    expect(roadmap).toContain('**Assumption:** the multiple is 8× for');
    expect(roadmap).toContain('EV effect USD\u00a016,000,000');
    expect(roadmap).toContain('Amounts in USD.');
    expect(roadmap).toContain('*Spot-lane pricing model v1:* Gradient-boosted model on our lane history');
  });

  it('says an effort that is not estimated is not, in the table and in the totals', () => {
    const input = northwindExportInput();
    const entries = input.artifacts.roadmap!.entries.map((e, i) => (i === 0 ? { ...e, effortWeeks: null } : e));
    const md = memo({ ...input, artifacts: { ...input.artifacts, roadmap: parseArtifact('roadmap', { entries }) } });
    expect(rowOf(md, entries[0]!.title)).toContain('| not estimated |');
    expect(md).toMatch(/Totals: [\d.]+ weeks of effort \(1 of \d+ not estimated\);/);
    expect(section(md, 'Open assumptions and evidence gaps')).toContain(`${entries[0]!.title}: no effort estimate`);
  });

  it('says where each roadmap entry stands and its latest metric value, and totals only what is still ahead', () => {
    const q2 = northwindExportInput('2027-Q2');
    const roadmap = section(memo(q2), 'Roadmap');
    expect(rowOf(roadmap, 'Spot-lane pricing model v1')).toContain(
      '| In progress | 6–18 months | 16 weeks | Head of Data (Sam Okafor) | 2027-11-30 | Brokerage gross margin: 14% → 17% (now 14.6%) |',
    );
    expect(rowOf(roadmap, 'Cloud cost right-sizing sprint')).toContain('| Done | 0–6 months | 4 weeks |');
    expect(rowOf(roadmap, 'Nearshore cross-dock')).toContain('| Dropped | 18–36 months | 8 weeks |');
    // Open: e1 8 + e2 16 + e3 10 + e6 6 weeks; e4 (done) and e5 (dropped) are said, not summed.
    expect(roadmap).toContain('Totals: 40 weeks of effort; one-off cost USD\u00a0665,000;');
    expect(roadmap).toContain('Not counted: 2 entries done or dropped.');
    // A dropped entry is no longer "not startable on Monday".
    expect(section(memo(q2), 'Open assumptions and evidence gaps')).not.toContain(
      'Nearshore cross-dock feasibility study: no owner',
    );
  });

  it('collects open assumptions, missing evidence and entries not yet startable', () => {
    const gaps = section(memo(), 'Open assumptions and evidence gaps');
    expect(gaps).toContain(
      '*AI-assisted freight pricing:* Two years of lane history is enough to train a useful pricing model. (challenged: The 2025 spot market was unusually calm.)',
    );
    expect(gaps).not.toContain('Faster quotes, not lower prices'); // supported: not open
    expect(gaps).toContain(
      '- Back-test of the model on 2022 shock-period lanes (for: Fund the spot-lane pricing model in 2027 H2)',
    );
    expect(gaps).toContain(
      '- Nearshore cross-dock feasibility study: no owner, no deadline, no success metric, no financial framing',
    );
  });

  it('says which facilitator prepared it in the footer', () => {
    const md = memo();
    const footer = md.slice(md.lastIndexOf('\n---\n'));
    expect(footer).toContain(
      'Prepared with the offline facilitator (no AI model) on 2027-01-27 for Northwind Logistics, 2027-Q1.',
    );
    expect(footer).toContain('No section is under revision.');
  });

  it('marks stale sections in their heading, under it and in the footer', () => {
    const md = memo({ ...northwindExportInput(), stale: ['risks', 'roadmap'] });
    expect(md).toContain(
      '## Top risks (under revision)\n\n> **Under revision:** drafted before earlier answers were revised (Risks); it may still change.',
    );
    expect(md).toContain('## Roadmap (under revision)');
    expect(md).not.toMatch(/redraft|confirm or/i);
    expect(md).toContain('## Impact forecast\n');
    expect(md).toContain('> **Under revision:** Top risks, Roadmap.');
    expect(md.slice(md.lastIndexOf('\n---\n'))).toContain('**Under revision:** Top risks, Roadmap (marked above).');
  });

  it('says "Not drafted yet" for missing steps and invents nothing', () => {
    const full = northwindExportInput();
    const md = memo({ ...full, artifacts: { context: full.artifacts.context, trends: full.artifacts.trends } });
    for (const heading of ['For the CEO', 'Impact forecast', 'Top risks', 'Roadmap']) {
      expect(section(md, heading)).toBe(`## ${heading}\n\nNot drafted yet.\n`);
    }
    expect(md).toContain('Not drafted yet: the dialogue has no assumption ledger.');
    expect(md).toContain('Not drafted yet: no recommendation has been pressure-tested.');
    expect(md).toContain('**Not drafted yet:** For the CEO, Impact forecast, Top risks, Roadmap.');
    expect(md).not.toMatch(/Verdict|Severity bands|EV effect/);
  });

  it('shows only the sounding board for a quick check', () => {
    const full = northwindExportInput();
    const session = {
      ...northwindSession(),
      mode: 'quick_check' as const,
      progress: {
        status: 'completed' as const,
        mode: 'quick_check' as const,
        furthest: 'sounding_board' as const,
        stale: [],
      },
    };
    const md = memo({ ...full, session, artifacts: { sounding_board: full.artifacts.sounding_board } });
    expect(strategyMemoSections({ ...full, session, artifacts: {} }).map((s) => s.key)).toEqual([
      'header',
      'ceo',
      'gaps',
      'footer',
    ]);
    expect(md).toContain('## For the CEO');
    expect(md).not.toContain('## Company context');
    expect(md).not.toContain('Not drafted yet');
  });

  it('keeps user text literal: pipes and line breaks stay inside their table cell, Markdown stays text', () => {
    const input = northwindExportInput();
    input.artifacts.risks!.risks[0]!.threat = 'Dana | the WMS *bus factor*\nis one\n# not a heading';
    input.artifacts.risks!.risks[0]!.owner = '[click](javascript:alert(1))';
    const md = memo(input);
    const row = rowOf(md, 'Dana \\| the WMS');
    expect(row).toContain('| Dana \\| the WMS \\*bus factor\\*<br>is one<br>\\# not a heading | Critical |');
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(10); // 8 columns, 9 real pipes
    const html = renderMarkdownSafe(md);
    expect(html).toContain('<td>Dana | the WMS *bus factor*<br />is one<br /># not a heading</td>');
    expect(html).toContain('<td>[click](javascript:alert(1))</td>');
    expect(html).not.toMatch(/<a [^>]*javascript/i);
  });
});

describe('the memo on gaps the session moved past', () => {
  const unscored = {
    code: 'risks_unscored' as const,
    message: 'Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.',
    items: ['r2 ‘Carrier API outage’'],
  };
  const override = (over: Partial<StepOverride> = {}): StepOverride => ({
    id: 1,
    sessionId: 1,
    step: 'risks',
    unmet: [unscored],
    reason: 'The CFO scores r2 on Monday',
    createdAt: '2027-01-20T10:00:00.000Z',
    ...over,
  });

  it('shows no section when nothing was overridden and no step lacks anything', () => {
    expect(memo({ ...northwindExportInput(), overrides: [], openGaps: {} })).not.toContain('moved on');
  });

  it('names each open gap and each override with its date and reason, in step order', () => {
    const md = memo({ ...northwindExportInput(), overrides: [override()], openGaps: { risks: [unscored] } });
    expect(section(md, 'Where we moved on with gaps')).toContain(
      [
        '**Risks**',
        '',
        '- Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.',
        '- Moved on anyway on 2027-01-20: ‘The CFO scores r2 on Monday’.',
      ].join('\n'),
    );
  });

  it('says what was missing then when it has since been filled in', () => {
    const md = memo({ ...northwindExportInput(), overrides: [override()], openGaps: {} });
    expect(section(md, 'Where we moved on with gaps')).toContain(
      '- Moved on anyway on 2027-01-20: ‘The CFO scores r2 on Monday’. Missing then: Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.',
    );
  });
});
