import { parseArtifact, type ArtifactSet, type Trend } from '../../src/domain/index.js';

/** The smallest honest artifacts that pass their schemas: for guard and pipeline tests. */

export const trend = (id: string, chosen: boolean): Trend => ({
  id,
  name: `Trend ${id}`,
  lens: 'technology',
  description: `What ${id} is`,
  whyNow: null,
  signals: [],
  timeToImpact: '6-18',
  relevance: null,
  chosen,
  origin: 'proposed',
});

export const minimal = {
  context: () =>
    parseArtifact('context', {
      summary: 'Northwind Logistics: freight brokerage, ARR $8M, 14 engineers.',
      services: ['freight brokerage'],
      products: [],
      customers: [],
      marketPosition: null,
      competitors: [],
      businessModel: null,
      ceoGoals: [],
      constraints: {
        budget: null,
        budgetAmount: null,
        team: null,
        teamWeeksPerQuarter: null,
        time: null,
        freezes: [],
        regulation: null,
      },
      keyNumbers: [{ label: 'ARR', value: '$8M' }],
      gaps: [],
    }),
  trends: (chosen: number, total = 4) =>
    parseArtifact('trends', { trends: Array.from({ length: total }, (_, i) => trend(`t${i + 1}`, i < chosen)) }),
  dialogue: () => parseArtifact('dialogue', { trendSummaries: [], insights: [], assumptions: [] }),
  impact: (scopes: Array<'company' | 'industry' | 'market'> = ['company', 'industry', 'market']) =>
    parseArtifact('impact', {
      forecasts: scopes.map((scope) => ({
        scope,
        trendId: 't1',
        change: `Change for ${scope}`,
        direction: 'up',
        magnitude: 'medium',
        horizon: '6-18',
        confidence: 'medium',
        reasoning: null,
        insightIds: [],
        signpost: `Signpost for ${scope}`,
      })),
    }),
  risks: () =>
    parseArtifact('risks', {
      risks: [
        {
          id: 'r1',
          threat: 'Key-person risk on the routing engine',
          category: 'organisational',
          trendId: 't1',
          likelihood: 4,
          impact: 5,
          mitigation: 'Pair and document',
          owner: 'CTO',
          trigger: null,
          reviewDate: null,
        },
      ],
    }),
  roadmap: () =>
    parseArtifact('roadmap', {
      entries: [
        {
          id: 'e1',
          title: 'Document the routing engine',
          status: 'planned',
          rationale: 'Answers r1',
          horizon: '0-6',
          effortWeeks: 4,
          owner: 'CTO',
          deadline: '2027-03-31',
          metric: { name: 'bus factor', baseline: '1', current: null, target: '3' },
          financial: {
            oneOffCost: 20000,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: ['t1'],
          riskIds: ['r1'],
          adr: null,
        },
      ],
    }),
  sounding_board: () =>
    parseArtifact('sounding_board', {
      recommendations: [
        {
          id: 'c1',
          claim: 'Fund the routing engine documentation now',
          roadmapEntryIds: ['e1'],
          objections: [],
          preMortem: [],
          flipConditions: [],
          evidenceGaps: [],
          strongestAlternative: null,
          verdict: 'ready',
          readyDespite: null,
          confidence: 'medium',
          ceoOneLiner: 'Spend $20k now so one resignation cannot stop dispatch.',
          supportingPoints: [],
        },
      ],
    }),
};

export function allArtifacts(): ArtifactSet {
  return {
    context: minimal.context(),
    trends: minimal.trends(2),
    dialogue: minimal.dialogue(),
    impact: minimal.impact(),
    risks: minimal.risks(),
    roadmap: minimal.roadmap(),
    sounding_board: minimal.sounding_board(),
  };
}
