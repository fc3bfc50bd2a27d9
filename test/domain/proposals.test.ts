import { describe, expect, it } from 'vitest';
import {
  alignIds,
  diffArtifacts,
  draftedProvenance,
  editedProvenance,
  itemKeysByPath,
  mergeProposal,
  parseArtifact,
  sourcesOf,
  traceHistory,
  uniformProvenance,
  type ContextArtifact,
  type ProvenanceMap,
  type Risk,
  type RisksArtifact,
} from '../../src/domain/index.js';
import { minimal } from '../support/minimal.js';

const DRAFT = { provider: 'offline', model: null, promptVersion: 'risks@3', draftMessageId: 40 };

function risk(id: string, threat: string, likelihood = 3, impact = 3): Risk {
  return {
    id,
    threat,
    category: 'technical',
    trendId: null,
    likelihood,
    impact,
    mitigation: null,
    owner: null,
    trigger: null,
    reviewDate: null,
  };
}

const THREATS = [
  'The WMS integration depends on one engineer',
  'Scanner fleet ransomware stops the warehouse',
  'Shippers leave over missing emissions data',
  'Cloud commitments outgrow the freight volume',
  'Pricing model drifts after a fuel shock',
  'Carrier portal outage during peak season',
];

function register(threats: readonly string[]): RisksArtifact {
  return parseArtifact('risks', { risks: threats.map((t, i) => risk(`r${i + 1}`, t)) });
}

function drafted(data: RisksArtifact) {
  return { data, provenance: draftedProvenance('risks', data, DRAFT) };
}

describe('a draft is a proposal against the current artifact', () => {
  it('reports items added, changed and removed, field by field, matched by id and not by position', () => {
    const before = register(THREATS.slice(0, 3));
    const after = parseArtifact('risks', {
      risks: [before.risks[2], { ...before.risks[0], likelihood: 4 }, risk('r9', 'A new competitor undercuts rates')],
    });
    const diff = diffArtifacts('risks', before, after);
    expect(diff.changes.map((c) => [c.key, c.change])).toEqual([
      ['risks/r1', 'changed'],
      ['risks/r9', 'added'],
      ['risks/r2', 'removed'],
    ]);
    const changed = diff.changes[0]!;
    expect(changed.change === 'changed' && changed.fields).toEqual([
      { field: 'likelihood', before: 3, after: 4, protected: null },
    ]);
    expect(diff.unchanged).toBe(1);
  });

  it('keeps a hand edit through a redraft that adds a risk and renumbers the rest (the r2 finding)', () => {
    const first = drafted(register(THREATS));
    const edited = parseArtifact('risks', {
      risks: first.data.risks.map((r) => (r.id === 'r2' ? { ...r, likelihood: 4, impact: 4 } : r)),
    });
    const current = { data: edited, provenance: editedProvenance('risks', first.data, first.provenance, edited) };
    expect(current.provenance['risks/r2']!.edited).toEqual(['impact', 'likelihood']);

    // The redraft puts a new risk fourth and numbers by position: r4–r6 came back as r5–r7, r2 as 3×3.
    const redraft = register([
      ...THREATS.slice(0, 3),
      'Customs rules change at the Mexican border',
      ...THREATS.slice(3),
    ]);
    const aligned = alignIds('risks', current.data, redraft) as RisksArtifact;
    expect(aligned.risks.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r7', 'r4', 'r5', 'r6']);

    const proposal = drafted(aligned);
    const diff = diffArtifacts('risks', current.data, proposal.data, current.provenance);
    expect(diff.changes.map((c) => [c.key, c.change, c.protected])).toEqual([
      ['risks/r2', 'changed', 'edited'],
      ['risks/r7', 'added', null],
    ]);

    const merged = mergeProposal('risks', current, proposal, { kind: 'all' });
    const r2 = (merged.data as RisksArtifact).risks.find((r) => r.id === 'r2')!;
    expect([r2.likelihood, r2.impact]).toEqual([4, 4]);
    expect(merged.held).toEqual(['risks/r2']);
    expect(merged.applied).toEqual(['risks/r7']);
    expect((merged.data as RisksArtifact).risks.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r7', 'r4', 'r5', 'r6']);
    expect(merged.provenance['risks/r2']!.edited).toEqual(['impact', 'likelihood']);
    expect(merged.provenance['risks/r7']!.origin).toMatchObject({ kind: 'drafted', promptVersion: 'risks@3' });

    // Accepting r2 by name is the advisor's word: the draft's scores replace the edit.
    const taken = mergeProposal('risks', current, proposal, { kind: 'items', keys: ['risks/r2'] });
    const r2taken = (taken.data as RisksArtifact).risks.find((r) => r.id === 'r2')!;
    expect([r2taken.likelihood, r2taken.impact]).toEqual([3, 3]);
    expect(taken.provenance['risks/r2']!.edited).toEqual([]);
    expect((taken.data as RisksArtifact).risks).toHaveLength(6);
  });

  it('takes an unprotected field of an edited item and holds back the edited one', () => {
    const first = drafted(register(THREATS.slice(0, 2)));
    const edited = parseArtifact('risks', {
      risks: first.data.risks.map((r) => (r.id === 'r1' ? { ...r, likelihood: 5 } : r)),
    });
    const current = { data: edited, provenance: editedProvenance('risks', first.data, first.provenance, edited) };
    const redraft = parseArtifact('risks', {
      risks: first.data.risks.map((r) => (r.id === 'r1' ? { ...r, likelihood: 2, owner: 'Jens' } : r)),
    });
    const merged = mergeProposal('risks', current, drafted(redraft), { kind: 'all' });
    expect((merged.data as RisksArtifact).risks[0]).toMatchObject({ likelihood: 5, owner: 'Jens' });
    expect(merged.held).toEqual(['risks/r1']);
  });

  it('applies only what is accepted: named items, never rejected ones, and keeps a refused removal in place', () => {
    const current = drafted(register(THREATS.slice(0, 4)));
    const proposal = drafted(
      parseArtifact('risks', {
        risks: [
          current.data.risks[0],
          { ...current.data.risks[1], owner: 'Ana' },
          current.data.risks[3],
          risk('r5', 'New'),
        ],
      }),
    );
    const one = mergeProposal('risks', current, proposal, { kind: 'items', keys: ['risks/r5'] });
    expect((one.data as RisksArtifact).risks.map((r) => [r.id, r.owner])).toEqual([
      ['r1', null],
      ['r2', null],
      ['r3', null],
      ['r4', null],
      ['r5', null],
    ]);
    const rest = mergeProposal('risks', current, proposal, { kind: 'all' }, ['risks/r3']);
    expect((rest.data as RisksArtifact).risks.map((r) => [r.id, r.owner])).toEqual([
      ['r1', null],
      ['r2', 'Ana'],
      ['r3', null],
      ['r4', null],
      ['r5', null],
    ]);
    const all = mergeProposal('risks', current, proposal, { kind: 'all' });
    expect((all.data as RisksArtifact).risks.map((r) => r.id)).toEqual(['r1', 'r2', 'r4', 'r5']);
  });

  it('accepts a first draft whole in one step, with nothing to diff against', () => {
    const proposal = drafted(register(THREATS.slice(0, 2)));
    const diff = diffArtifacts('risks', null, proposal.data);
    expect(diff.changes.map((c) => c.change)).toEqual(['added', 'added']);
    const merged = mergeProposal('risks', null, proposal, { kind: 'all' });
    expect(merged.data).toEqual(proposal.data);
    expect(merged.provenance).toEqual(proposal.provenance);
  });

  it('keeps what was carried from last quarter through a redraft that knows only this quarter (the carry-over finding)', () => {
    const carried: ContextArtifact = parseArtifact('context', {
      summary: 'A Midwest 3PL with a brokerage arm.',
      services: ['Warehousing', 'Freight brokerage'],
      products: ['Shipper portal'],
      customers: ['Retailers'],
      marketPosition: 'Top-10 regional 3PL',
      competitors: ['Echo'],
      businessModel: 'Fees per pallet and per load',
      ceoGoals: ['Grow brokerage margin'],
      constraints: {
        budget: '$2M',
        budgetAmount: 2_000_000,
        team: '14 engineers',
        teamWeeksPerQuarter: null,
        time: 'Before peak',
        freezes: [],
        regulation: 'FMCSA',
      },
      keyNumbers: [{ label: 'Warehouses', value: '6' }],
      gaps: [],
    });
    const current = {
      data: carried,
      provenance: uniformProvenance('context', carried, { kind: 'carried', fromSessionId: 1, quarter: '2027-Q1' }),
    };
    const redraft = parseArtifact('context', {
      ...minimal.context(),
      summary: 'Revenue $39.5M run-rate, headcount 124.',
      services: [],
      keyNumbers: [
        { label: 'Revenue', value: '$39.5M run-rate' },
        { label: 'Headcount', value: '124' },
      ],
      gaps: ['Services'],
    });
    const proposal = { data: redraft, provenance: draftedProvenance('context', redraft, DRAFT) };
    const diff = diffArtifacts('context', current.data, proposal.data, current.provenance);
    expect(diff.changes.find((c) => c.key === 'services')!.protected).toBe('carried');
    const merged = mergeProposal('context', current, proposal, { kind: 'all' });
    const data = merged.data as ContextArtifact;
    expect(data.services).toEqual(['Warehousing', 'Freight brokerage']);
    expect(data.constraints.budget).toBe('$2M');
    expect(data.summary).toBe('A Midwest 3PL with a brokerage arm.');
    expect(data.keyNumbers.map((k) => k.label)).toEqual(['Warehouses', 'Revenue', 'Headcount']);
    expect(data.gaps).toEqual(['Services']);
    expect(merged.provenance['keyNumbers/revenue']!.origin.kind).toBe('drafted');
    expect(merged.provenance['keyNumbers/warehouses']!.origin).toEqual({
      kind: 'carried',
      fromSessionId: 1,
      quarter: '2027-Q1',
    });
  });

  it('leaves a rejected first value of a field empty rather than taking it anyway', () => {
    const draft = parseArtifact('risks', { risks: [risk('r1', 'One'), risk('r2', 'Two')] });
    const merged = mergeProposal('risks', null, drafted(draft), { kind: 'all' }, ['risks/r2']);
    expect((merged.data as RisksArtifact).risks.map((r) => r.id)).toEqual(['r1']);
  });
});

describe('provenance', () => {
  it('traces each item to the messages it names, the draft, a hand edit or the quarter it was carried from', () => {
    const ledger = parseArtifact('dialogue', {
      trendSummaries: [],
      insights: [{ id: 'i1', trendId: 't1', text: 'Brokers price by gut feel', fromMessageId: 12 }],
      assumptions: [],
    });
    const prov = draftedProvenance('dialogue', ledger, DRAFT);
    expect(prov['insights/i1']!.origin).toEqual({ kind: 'drafted', ...DRAFT, messageIds: [12] });

    const history = traceHistory('risks', [
      {
        data: register(THREATS.slice(0, 2)),
        source: 'carried',
        provider: null,
        model: null,
        promptVersion: null,
        messageId: null,
        carried: { sessionId: 3, quarter: '2027-Q1' },
        provenance: null,
      },
      {
        data: parseArtifact('risks', {
          risks: [risk('r1', THREATS[0]!, 5, 3), risk('r2', THREATS[1]!), risk('r3', 'Mine')],
        }),
        source: 'user',
        provider: null,
        model: null,
        promptVersion: null,
        messageId: null,
        carried: null,
        provenance: null,
      },
    ]);
    const latest: ProvenanceMap = history[1]!;
    expect(latest['risks/r1']).toEqual({
      origin: { kind: 'carried', fromSessionId: 3, quarter: '2027-Q1' },
      edited: ['likelihood'],
    });
    expect(latest['risks/r2']!.edited).toEqual([]);
    expect(latest['risks/r3']!.origin).toEqual({ kind: 'advisor' });
  });
});

describe('the messages an item was drawn from', () => {
  it('names a message only where the item is written in it, never a paraphrase', () => {
    const data = register(['Scanner fleet ransomware stops the warehouse', 'Pricing model drifts after a fuel shock']);
    const sources = sourcesOf('risks', data, [
      { id: 12, content: 'Biggest worry: scanner fleet  ransomware stops the warehouse; likely 2, impact 5.' },
      { id: 14, content: 'Fuel prices could break our pricing.' },
    ]);
    expect(sources).toEqual({ 'risks/r1': [12] });
    const prov = draftedProvenance('risks', data, DRAFT, sources);
    expect(prov['risks/r1']!.origin).toMatchObject({ kind: 'drafted', messageIds: [12] });
    expect(prov['risks/r2']!.origin).toMatchObject({ kind: 'drafted', messageIds: [] });
  });

  it('finds a key number by its label and figure, and a context list by its entries', () => {
    const context = parseArtifact('context', {
      ...minimal.context(),
      services: ['Contract warehousing', 'Freight brokerage'],
      keyNumbers: [{ label: 'Revenue', value: '$39.5M run-rate' }],
    });
    const sources = sourcesOf('context', context, [
      { id: 3, content: 'Key numbers: Revenue $39.5M run-rate, headcount 124' },
      { id: 5, content: 'We do contract warehousing and some brokerage.' },
    ]);
    expect(sources['keyNumbers/revenue']).toEqual([3]);
    expect(sources.services).toEqual([5]);
    expect(sources.summary).toBeUndefined();
  });
});

describe("a recommendation's objections", () => {
  it('are traced one by one: an edited objection is the advisor’s, the others stay as drafted, through a redraft', () => {
    const board = parseArtifact('sounding_board', {
      recommendations: [
        {
          id: 'c1',
          claim: 'Fund the pricing model this quarter',
          roadmapEntryIds: [],
          objections: [
            {
              lens: 'cfo',
              objection: 'What is the payback?',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
            {
              lens: 'ceo',
              objection: 'Why now?',
              basis: null,
              response: 'Margin is falling',
              status: 'answered_with_reason',
              closedByMessageId: null,
            },
          ],
          preMortem: [],
          flipConditions: [],
          evidenceGaps: [],
          strongestAlternative: null,
          verdict: 'revise',
          readyDespite: null,
          confidence: 'medium',
          ceoOneLiner: 'Spend $425k to win back 2 points of margin.',
          supportingPoints: [],
        },
      ],
    });
    const drafted = draftedProvenance('sounding_board', board, DRAFT);
    expect(Object.keys(drafted).sort()).toEqual([
      'recommendations/c1',
      'recommendations/c1/objections/ceo:1',
      'recommendations/c1/objections/cfo:1',
    ]);
    const answered = structuredClone(board);
    answered.recommendations[0]!.objections[0]!.response = 'Under three months';
    const prov = editedProvenance('sounding_board', board, drafted, answered);
    expect(prov['recommendations/c1/objections/cfo:1']!.edited).toEqual(['response']);
    expect(prov['recommendations/c1/objections/ceo:1']!.edited).toEqual([]);
    expect(prov['recommendations/c1']!.edited).toEqual(['objections']);
    expect(itemKeysByPath('sounding_board', answered)['recommendations.0.objections.0']).toBe(
      'recommendations/c1/objections/cfo:1',
    );
    // A redraft that would drop the answer: held (the objections were edited), and every part keeps its trace.
    const merged = mergeProposal(
      'sounding_board',
      { data: answered, provenance: prov },
      { data: board, provenance: drafted },
      {
        kind: 'all',
      },
    );
    expect(merged.held).toEqual(['recommendations/c1']);
    expect(merged.provenance['recommendations/c1/objections/cfo:1']!.edited).toEqual(['response']);
  });
});
