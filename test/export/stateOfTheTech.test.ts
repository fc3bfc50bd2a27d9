import { describe, expect, it } from 'vitest';
import { stateOfTheTechMarkdown } from '../../src/export/index.js';
import { northwindArtifactsQ2, northwindExportInput } from '../support/fixtures.js';

describe('the monthly State of the Tech', () => {
  const input = { ...northwindExportInput('2027-Q2'), generatedAt: new Date('2027-05-03T09:00:00Z') };
  const md = stateOfTheTechMarkdown(input);

  it('is dated by month and names the session it comes from', () => {
    expect(md.split('\n')[0]).toBe('# State of the Tech: Northwind Logistics, May 2027');
    expect(md).toContain('From the 2027-Q2 foresight session');
  });

  it('covers the month the advisor chooses, not the month it is written in', () => {
    const june = stateOfTheTechMarkdown(input, { year: 2027, month: 6 });
    expect(june.split('\n')[0]).toBe('# State of the Tech: Northwind Logistics, June 2027');
    expect(june).toContain('prepared 2027-05-03');
  });

  it('flags review dates that passed before the month, and those due in it', () => {
    const q1 = northwindExportInput('2027-Q1');
    const risks = q1.artifacts.risks!.risks.map((r, i) => ({
      ...r,
      likelihood: i < 3 ? 5 : 1,
      impact: i < 3 ? 5 - i : 1,
      reviewDate: ['2027-03-31', '2027-04-20', '2027-09-30'][i] ?? null,
    }));
    const md = stateOfTheTechMarkdown(
      { ...q1, artifacts: { ...q1.artifacts, risks: { risks } } },
      { year: 2027, month: 4 },
    );
    expect(md).toContain('**Review date passed:** 2027-03-31.');
    expect(md).toContain('Review due this month: 2027-04-20.');
    expect(md).toContain('Review by 2027-09-30.');
  });

  it('shows every roadmap entry with its status and its metric against the target', () => {
    const entries = northwindArtifactsQ2().roadmap!.entries;
    for (const e of entries) expect(md).toContain(e.title);
    const inProgress = entries.find((e) => e.status === 'in_progress' && e.metric?.current)!;
    expect(md).toContain(
      `${inProgress.metric!.baseline} → ${inProgress.metric!.current} → ${inProgress.metric!.target}`,
    );
    expect(md).toMatch(/\d+ open \(\d+ in progress\), 1 done, 1 dropped\./);
  });

  it('names the three highest risks by score, with owner and early-warning sign', () => {
    const section = md.slice(md.indexOf('## Risks to watch'), md.indexOf('## Decisions still open'));
    expect(section.match(/^- \*\*/gm)).toHaveLength(3);
    expect(section).toContain('Owner:');
  });

  it('ends each sentence once, whether or not the user ended it', () => {
    const risks = input.artifacts.risks!.risks.map((r) => ({
      ...r,
      threat: `${r.threat}.`,
      trigger: r.trigger ? `${r.trigger}.` : null,
    }));
    const recommendations = input.artifacts.sounding_board!.recommendations.map((r) => ({
      ...r,
      objections: r.objections.map((o) => ({ ...o, objection: `${o.objection}.` })),
    }));
    const punctuated = stateOfTheTechMarkdown({
      ...input,
      artifacts: { ...input.artifacts, risks: { risks }, sounding_board: { recommendations } },
    });
    expect(punctuated).not.toMatch(/\.\./);
    expect(md).not.toMatch(/\.\./);
  });

  it('says plainly what is missing instead of inventing it', () => {
    const empty = stateOfTheTechMarkdown({ ...input, artifacts: {} });
    expect(empty).toContain('No roadmap drafted yet.');
    expect(empty).toContain('No risk register drafted yet.');
    expect(empty).toContain('No recommendation pressure-tested yet.');
  });
});
