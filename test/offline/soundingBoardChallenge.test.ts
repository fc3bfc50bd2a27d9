import { describe, expect, it } from 'vitest';
import {
  objectionText,
  openObjections,
  parseArtifact,
  readyDespiteText,
  type ArtifactSet,
} from '../../src/domain/index.js';
import { minimal } from '../support/minimal.js';
import { Interview } from './driver.js';

const ERP = 'Move our on-prem ERP (Sage 300) to SaaS within 9 months';

describe('the offline sounding board attacks this recommendation', () => {
  it('keeps a quick check answered "I don\'t know yet" then "Ready" open, not ready, its objections naming the ERP move, its cost and its 9 months', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    const [first, dontKnow, ready] = await interview.answerAll([ERP, "I don't know yet", 'Ready']);
    // Each lens question names the recommendation itself.
    expect(first!.text).toContain(`The CEO asks: Why “${ERP}” now`);
    expect(dontKnow!.text).toContain(`The CFO asks: What does “${ERP}” cost, when does it pay back`);
    // "Ready" is not taken while objections are open and no reason is given: the verdict is asked again.
    expect(ready!.text).toContain(
      '“Ready” is not recorded yet: 4 objections still open (CEO, CFO, board and sceptical engineer).',
    );
    expect(ready!.finish.question?.id).toBe('sb.verdict');

    const { artifact, note } = await interview.draft('sounding_board');
    const [rec] = artifact.recommendations;
    expect(rec!.verdict).toBeNull();
    expect(rec!.objections.every((o) => o.response === null)).toBe(true);
    expect(openObjections(rec!)).toHaveLength(4);
    for (const o of rec!.objections) expect(o.objection, o.lens).toContain('ERP (Sage 300) to SaaS within 9 months');
    expect(rec!.objections.find((o) => o.lens === 'cfo')!.objection).toBe(
      `What does “${ERP}” cost, when does it pay back, and what does it do to EBITDA?`,
    );
    expect(note).toContain('“Ready” was said with 4 objections open and no reason, so it is not recorded as ready');
  });

  it('records "ready" despite open objections only with the reason, as data on the recommendation with its message', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    await interview.answerAll([
      ERP,
      "I don't know yet",
      'Ready',
      'Ready, because Sage ends support for our version in March and the board accepted the risk.',
    ]);
    const { artifact, note } = await interview.draft('sounding_board');
    const [rec] = artifact.recommendations;
    expect(rec!.verdict).toBe('ready');
    // The objections stay open as they were; the reason is the recommendation's, with the message that gave it.
    expect(openObjections(rec!)).toHaveLength(4);
    expect(rec!.objections.every((o) => o.response === null)).toBe(true);
    const said = interview.transcript.findLast((m) => m.role === 'user')!;
    expect(rec!.readyDespite).toEqual({
      reason: 'Ready, because Sage ends support for our version in March and the board accepted the risk',
      messageId: said.id,
    });
    expect(readyDespiteText(rec!)).toBe(
      'Called ready despite 4 open objections; the reason given: “Ready, because Sage ends support for our version in March and the board accepted the risk”.',
    );
    expect(note).toContain('Called ready despite the open objections, for the reason you gave');
  });

  it('holds an objection waved away open, with the words that waved it', async () => {
    const interview = new Interview('sounding_board', {}, undefined, 'quick_check');
    const replies = await interview.answerAll([
      ERP,
      'Because Sage ends support for our version next year; we stop the BI rebuild to make room.',
      "The CFO's worry about the licence cost is just noise. Prices always fall, so it's fine.",
    ]);
    expect(replies[2]!.text).toContain(
      "waves the CFO's objection away without evidence, so it stays open on the record.",
    );
    const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
    const cfo = rec!.objections.find((o) => o.lens === 'cfo')!;
    expect(cfo.response).toBeNull();
    expect(cfo.objection).toContain(
      "(waved away, not answered: “The CFO's worry about the licence cost is just noise.",
    );
    expect(cfo.status).toBe('open');
    expect(
      openObjections(rec!)
        .map(objectionText)
        .some((o) => o.startsWith('CFO:')),
    ).toBe(true);
  });

  it("builds each lens's objection from the roadmap entry and the risk register: cost and payback, owner and risk, effort and deadline", async () => {
    const artifacts = ridgeline();
    const interview = new Interview('sounding_board', artifacts);
    await interview.answer('e1');
    const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
    const by = Object.fromEntries(rec!.objections.map((o) => [o.lens, o.objection]));
    expect(by.ceo).toContain(
      "Why “Driver home-time scheduler” now, against the CEO's goal (Driver turnover down from 68% to 50%)",
    );
    expect(by.cfo).toBe(
      '“Driver home-time scheduler” costs USD\u00a0420,000 one-off for USD\u00a01,500,000 a year, so it pays back within its first year: what does the USD\u00a01,500,000 rest on?',
    );
    expect(by.board).toContain('r1 “Raj Patel is the only one who knows the McLeod customisations”');
    expect(by.board).toContain('(Carla Mendes)');
    expect(by.engineer).toContain(
      '“Driver home-time scheduler” is 10 weeks of work, due 2027-06-30, and the register names r1',
    );

    // With the team's capacity on record, the engineer weighs the effort against it (src/domain/facts.ts).
    const context = artifacts.context!;
    const withCapacity = new Interview('sounding_board', {
      ...artifacts,
      context: { ...context, constraints: { ...context.constraints, teamWeeksPerQuarter: 8 } },
    });
    await withCapacity.answer('e1');
    const [again] = (await withCapacity.draft('sounding_board')).artifact.recommendations;
    expect(again!.objections.find((o) => o.lens === 'engineer')!.objection).toBe(
      "“Driver home-time scheduler” is 10 weeks of work against the team's 8 engineer-weeks a quarter, so it takes more than one quarter of it, due 2027-06-30: what stops meanwhile, and who does the hardest part?",
    );
  });

  it("has the engineer name the entry's deadline that falls inside a stored freeze window, and the window", async () => {
    const artifacts = ridgeline();
    const context = artifacts.context!;
    const frozen = (freezes: (typeof context.constraints)['freezes'], roadmap = artifacts.roadmap!) => ({
      ...artifacts,
      context: { ...context, constraints: { ...context.constraints, teamWeeksPerQuarter: 8, freezes } },
      roadmap,
    });
    const engineerOf = async (set: ArtifactSet) => {
      const interview = new Interview('sounding_board', set);
      const [asked] = await interview.answerAll(['e1']);
      const [rec] = (await interview.draft('sounding_board')).artifact.recommendations;
      return { asked: asked!.text, objection: rec!.objections.find((o) => o.lens === 'engineer')!.objection };
    };

    // Due 2027-06-30, inside the year-end close: the freeze comes before the capacity.
    const inside = await engineerOf(frozen([{ what: 'year-end close', from: '2027-06-15', to: '2027-07-15' }]));
    expect(inside.objection).toBe(
      '“Driver home-time scheduler”: the deadline 2027-06-30 falls inside year-end close (2027-06-15–2027-07-15). Does it ship before the freeze or wait until after it, and what does the team do meanwhile?',
    );

    // A freeze the deadline misses leaves the capacity objection as it was.
    const outside = await engineerOf(frozen([{ what: 'peak season', from: '2027-10-01', to: '2027-12-31' }]));
    expect(outside.objection).toContain("against the team's 8 engineer-weeks a quarter");

    // No deadline: its horizon (0–6 months from 2027-Q1) runs into the freeze.
    const entry = artifacts.roadmap!.entries[0]!;
    const undated = await engineerOf(
      frozen([{ what: 'year-end close', from: '2027-06-15', to: '2027-07-15' }], {
        entries: [{ ...entry, deadline: null }],
      }),
    );
    expect(undated.objection).toContain(
      '“Driver home-time scheduler”: its horizon (0–6 months, 2027-01-01 to 2027-06-30) runs into year-end close (2027-06-15–2027-07-15).',
    );
  });
});

/** Ridgeline Freight: one roadmap entry due 2027-06-30, with its cost, effect, owner and a risk it answers. */
function ridgeline(): ArtifactSet {
  return {
    context: {
      ...minimal.context(),
      summary: 'Ridgeline Freight, a regional carrier.',
      services: [],
      ceoGoals: ['Driver turnover down from 68% to 50%'],
      keyNumbers: [],
    },
    risks: parseArtifact('risks', {
      risks: [
        {
          id: 'r1',
          threat: 'Raj Patel is the only one who knows the McLeod customisations',
          category: 'organisational',
          likelihood: 3,
          impact: 5,
          mitigation: null,
          owner: 'Carla Mendes',
          trigger: null,
          reviewDate: null,
          trendId: null,
        },
      ],
    }),
    roadmap: parseArtifact('roadmap', {
      entries: [
        {
          id: 'e1',
          title: 'Driver home-time scheduler',
          status: 'planned',
          rationale: null,
          horizon: '0-6',
          effortWeeks: 10,
          owner: 'Carla Mendes',
          deadline: '2027-06-30',
          metric: null,
          financial: {
            oneOffCost: 420000,
            annualEbitdaEffect: 1500000,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: [],
          riskIds: ['r1'],
          adr: null,
        },
      ],
    }),
  };
}
