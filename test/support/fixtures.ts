/**
 * A realistic client over two quarters, for export, API and browser tests.
 *
 * Northwind Logistics, a Midwest 3PL with a freight-brokerage arm, run through all seven steps in
 * 2027-Q1 and again in 2027-Q2. Every artifact goes through the domain's parseArtifact, so the
 * fixtures are exactly what storage would hand back. Each call returns fresh objects.
 *
 * What changes between the quarters (the Radar Review the comparison tests expect):
 * - trends: "AI-assisted freight pricing" and "Shipper demand for Scope 3 emissions data" kept;
 *   "Nearshoring of manufacturing to Mexico" dropped (still listed, no longer chosen);
 *   "Agentic AI in customer service" added (the user's own trend).
 * - risks: r1 (key person on the WMS integration) Critical 4×5 → High 2×5; r3 (shippers leave over
 *   emissions data) Medium 3×3 → Critical 4×4; the scanner ransomware risk is renamed r4 → r7 with
 *   the same threat; r5 (cloud commitments) closed; r6 (agent gives wrong delivery promises) new.
 * - roadmap (every Q1 entry planned): e1 in progress, effort 6 → 8 weeks, new owner, deadline moved,
 *   its metric now 2 of 3 engineers; e2 in progress, metric target 16% → 17% and deadline moved, margin
 *   now 14.6%; e3 unchanged (still planned); e4 (cloud right-sizing) done, cloud spend $2.1M → $1.75M/yr
 *   against a $1.7M/yr target; e5 (nearshore study) dropped; e6 (agent pilot) new.
 * - sounding board: c1 (fund the pricing model) revise → ready; c3 (nearshore cross-dock) revise → drop.
 */
import { parseArtifact, type ArtifactSet, type Client, type Quarter, type Session } from '../../src/domain/index.js';
import type { ExportInput } from '../../src/export/types.js';

export const NORTHWIND_CLIENT: Client = {
  id: 1,
  name: 'Northwind Logistics',
  industry: 'Third-party logistics and freight brokerage',
  profile: { industry: 'logistics', region: 'us' },
  profileChosen: false,
  createdAt: '2027-01-06T09:00:00.000Z',
  currency: 'USD',
  archivedAt: null,
};

/** A completed quarterly session of Northwind for the quarter (ids 1 for Q1, 2 for Q2). */
export function northwindSession(quarter: Quarter = '2027-Q1'): Session {
  const q2 = quarter === '2027-Q2';
  return {
    id: q2 ? 2 : 1,
    clientId: NORTHWIND_CLIENT.id,
    quarter,
    mode: 'quarterly',
    title: q2 ? 'Q2 Radar Review' : 'Q1 foresight session',
    progress: { status: 'completed', mode: 'quarterly', furthest: 'sounding_board', stale: [] },
    createdAt: q2 ? '2027-04-07T09:00:00.000Z' : '2027-01-13T09:00:00.000Z',
    updatedAt: q2 ? '2027-04-21T16:30:00.000Z' : '2027-01-27T16:30:00.000Z',
  };
}

// ---------- shared pieces ----------

const pricingTrend = {
  id: 't1',
  name: 'AI-assisted freight pricing',
  lens: 'technology',
  description: 'Brokers price spot loads with models trained on their own lane history instead of rate sheets.',
  whyNow: 'Two of the top five brokers quote spot loads in under a minute; shippers now expect it.',
  signals: [
    'Spot quote requests answered within 5 minutes win 3× more loads (internal 2026 data)',
    'DAT and Greenscreens sell lane-level rate prediction as a service',
  ],
  timeToImpact: '6-18',
  relevance: 'Brokerage is 31% of revenue but margin slipped from 16% to 14% in 2026.',
  chosen: true,
  origin: 'proposed',
};

const emissionsTrend = {
  id: 't2',
  name: 'Shipper demand for Scope 3 emissions data',
  lens: 'regulation_politics',
  description: 'Large shippers must report transport emissions and ask their 3PLs for shipment-level data.',
  whyNow: 'California SB 253 Scope 3 reporting starts in 2027; EU customers face CSRD and CBAM.',
  signals: [
    'Two of our five largest shippers added emissions data to their 2027 RFPs',
    'GLEC Framework v3 adopted by SmartWay',
  ],
  timeToImpact: '0-6',
  relevance: 'Our top-5 shippers are 44% of revenue; losing one RFP costs ~$9M of revenue.',
  chosen: true,
  origin: 'proposed',
};

const roboticsTrend = {
  id: 't3',
  name: 'Warehouse robotics as a service',
  lens: 'technology',
  description: 'Autonomous mobile robots leased per pick rather than bought.',
  whyNow: 'RaaS pricing fell below $0.20 per pick in 2026.',
  signals: ['Locus and 6 River Systems offer per-pick contracts'],
  timeToImpact: '18-36',
  relevance: 'Labour is 52% of warehouse cost.',
  chosen: false,
  origin: 'proposed',
};

const nearshoringTrend = (chosen: boolean) => ({
  id: 't4',
  name: 'Nearshoring of manufacturing to Mexico',
  lens: 'economics',
  description: 'Manufacturers move capacity from Asia to Mexico, shifting freight to cross-border lanes.',
  whyNow: 'Mexico became the largest US trading partner in 2023; industrial parks in Nuevo León are full.',
  signals: ['Laredo crossings up 11% year on year', 'Three customers opened plants in Monterrey'],
  timeToImpact: '18-36',
  relevance: 'We have no cross-border capability and no Texas warehouse.',
  chosen,
  origin: 'proposed',
});

const agentTrend = {
  id: 't5',
  name: 'Agentic AI in customer service',
  lens: 'customers_society',
  description: 'AI agents answer shipment-status and booking requests end to end, handing over only exceptions.',
  whyNow: 'Our customer-service queue doubled during peak and shippers now compare us with self-service portals.',
  signals: [
    '61% of inbound tickets are "where is my shipment?"',
    'Competitor FreightCo launched a 24/7 agent in March',
  ],
  timeToImpact: '0-6',
  relevance: 'Customer service is 22 FTE; tickets grow faster than revenue.',
  chosen: true,
  origin: 'user',
};

function context(quarter: Quarter) {
  const q2 = quarter === '2027-Q2';
  return parseArtifact('context', {
    summary:
      'Northwind Logistics runs 14 warehouses in the US Midwest and a freight-brokerage arm, with a customer portal built in-house. ' +
      `Revenue $142M, EBITDA $9.9M (7%), 38 engineers. The CEO wants brokerage margin back and the company sale-ready by mid-2029.`,
    services: ['Contract warehousing', 'Freight brokerage (truckload and LTL)', 'Cross-docking'],
    products: ['Northwind Portal (shipment tracking and booking)', 'WMS integration layer for shipper ERPs'],
    customers: ['Mid-market CPG manufacturers', 'Two national retailers', 'Regional auto-parts distributors'],
    marketPosition: 'Number 3 regional 3PL in the Midwest; strong on service, weak on price transparency.',
    competitors: ['FreightCo', 'Lakeshore Supply Chain', 'Digital brokers (Uber Freight, Convoy successors)'],
    businessModel:
      'Warehousing on 3-year contracts (69% of revenue, stable); brokerage on spot and contract lanes (31%, volatile).',
    ceoGoals: [
      'Lift brokerage gross margin from 14% to 17%',
      'Cut cloud spend by 20% without slowing delivery',
      'Be sale-ready (audited security, clean data room) by mid-2029',
    ],
    constraints: {
      budget: '$1.8M discretionary technology budget for 2027',
      budgetAmount: 1_800_000,
      team: q2
        ? '38 engineers, 2 data engineers, one contract ML engineer since April; WMS knowledge now shared by two engineers'
        : '38 engineers, 2 data engineers, no ML engineer; WMS integration knowledge sits with one principal engineer',
      teamWeeksPerQuarter: null,
      time: 'Peak-season change freeze from 1 October to 15 January',
      freezes: [{ what: 'Peak-season change freeze', from: '2027-10-01', to: '2028-01-15' }],
      regulation: 'SOC 2 Type II requested by two enterprise shippers; EU CBAM reporting for EU-bound customers',
    },
    keyNumbers: [
      { label: 'Revenue', value: '$142M' },
      { label: 'EBITDA', value: '$9.9M (7%)' },
      { label: 'Engineers', value: '38' },
      { label: 'Warehouses', value: '14' },
      { label: 'Brokerage gross margin', value: q2 ? '14.6%' : '14%' },
      { label: 'Cloud spend', value: q2 ? '$1.75M/yr' : '$2.1M/yr' },
    ],
    gaps: q2
      ? ['Unit cost per shipment by lane is not tracked']
      : ['Unit cost per shipment by lane is not tracked', 'No baseline for deployment frequency or MTTR'],
  });
}

// ---------- 2027-Q1 ----------

export function northwindArtifactsQ1(): ArtifactSet {
  return {
    context: context('2027-Q1'),
    trends: parseArtifact('trends', { trends: [pricingTrend, emissionsTrend, roboticsTrend, nearshoringTrend(true)] }),
    dialogue: parseArtifact('dialogue', {
      trendSummaries: [
        {
          trendId: 't1',
          summary: 'Pricing speed, not price, is what loses spot loads; our lane history is rich but unlabelled.',
        },
        { trendId: 't2', summary: 'Emissions data is becoming a qualifying criterion in RFPs, not a differentiator.' },
        { trendId: 't4', summary: 'Nearshoring matters only if a top-10 customer asks for cross-border service.' },
      ],
      insights: [
        {
          id: 'i1',
          trendId: 't1',
          text: 'Quotes answered within 5 minutes win three times as often; today the median is 47 minutes.',
          fromMessageId: 112,
        },
        {
          id: 'i2',
          trendId: 't1',
          text: 'Only Dana Whitfield can change how the portal talks to the WMS, which blocks any pricing integration.',
          fromMessageId: 118,
        },
        {
          id: 'i3',
          trendId: 't2',
          text: 'Shipment-level fuel and distance data already exists in the TMS; it is not exposed.',
          fromMessageId: 124,
        },
        {
          id: 'i4',
          trendId: 't4',
          text: "No customer has asked for cross-border lanes yet; the interest is the CEO's.",
          fromMessageId: 131,
        },
      ],
      assumptions: [
        {
          id: 'a1',
          trendId: 't1',
          text: 'Two years of lane history is enough to train a useful pricing model.',
          status: 'challenged',
          note: 'The 2025 spot market was unusually calm.',
          fromMessageId: 114,
        },
        {
          id: 'a2',
          trendId: 't2',
          text: 'Shippers will accept GLEC-based estimates rather than measured fuel burn.',
          status: 'stated',
          note: null,
          fromMessageId: 126,
        },
        {
          id: 'a3',
          trendId: 't1',
          text: 'Faster quotes, not lower prices, win spot loads.',
          status: 'supported',
          note: 'Win-rate data from 2026.',
          fromMessageId: 112,
        },
        {
          id: 'a4',
          trendId: 't4',
          text: 'Customers will follow their suppliers to Mexico within three years.',
          status: 'stated',
          note: null,
          fromMessageId: 131,
        },
      ],
    }),
    impact: parseArtifact('impact', {
      forecasts: [
        {
          scope: 'company',
          trendId: 't1',
          change: 'Brokerage gross margin recovers as spot quotes go out in minutes',
          direction: 'up',
          magnitude: 'high',
          horizon: '6-18',
          confidence: 'medium',
          reasoning: 'Win rate rises with quote speed (i1).',
          insightIds: ['i1'],
          signpost: 'Median spot-quote time below 10 minutes by Q3',
        },
        {
          scope: 'company',
          trendId: 't2',
          change: 'Emissions reporting becomes a condition of renewal for the top-5 shippers',
          direction: 'down',
          magnitude: 'medium',
          horizon: '0-6',
          confidence: 'high',
          reasoning: 'Two RFPs already require it.',
          insightIds: ['i3'],
          signpost: 'Count of RFPs with an emissions-data clause',
        },
        {
          scope: 'industry',
          trendId: 't1',
          change: 'Spot-market margins compress for brokers without automated pricing',
          direction: 'down',
          magnitude: 'medium',
          horizon: '6-18',
          confidence: 'medium',
          reasoning: null,
          insightIds: [],
          signpost: 'DAT spot-versus-contract spread',
        },
        {
          scope: 'market',
          trendId: 't4',
          change: 'Freight volume shifts toward Texas border lanes',
          direction: 'mixed',
          magnitude: 'low',
          horizon: '18-36',
          confidence: 'low',
          reasoning: 'No customer demand yet (i4).',
          insightIds: ['i4'],
          signpost: null,
        },
      ],
    }),
    risks: parseArtifact('risks', {
      risks: [
        {
          id: 'r1',
          threat: 'Key-person risk: only Dana Whitfield understands the WMS integration layer',
          category: 'organisational',
          trendId: 't1',
          likelihood: 4,
          impact: 5,
          mitigation: 'Pair a second engineer with Dana for six weeks; write the runbook',
          owner: 'VP Engineering (Marta Ruiz)',
          trigger: 'Dana takes leave or an integration incident waits for her',
          reviewDate: '2027-03-31',
        },
        {
          id: 'r2',
          threat:
            'The pricing model, trained on calm 2024–25 lanes, misprices the "spot" market in a shock, eroding margin',
          category: 'technical',
          trendId: 't1',
          likelihood: 3,
          impact: 4,
          mitigation: 'Human approval above a price-deviation band; monthly back-test',
          owner: 'Head of Data (Sam Okafor)',
          trigger: 'Back-test error above 8% for two weeks',
          reviewDate: '2027-06-30',
        },
        {
          id: 'r3',
          threat: 'Enterprise shippers move volume to carriers that report Scope 3 emissions data',
          category: 'market',
          trendId: 't2',
          likelihood: 3,
          impact: 3,
          mitigation: 'Ship a monthly emissions report from TMS data before the next RFP round',
          owner: 'Chief Commercial Officer',
          trigger: 'An RFP scores emissions data as mandatory',
          reviewDate: '2027-04-15',
        },
        {
          id: 'r4',
          threat: 'Ransomware enters through unpatched handheld scanners in the warehouses',
          category: 'security',
          trendId: null,
          likelihood: 2,
          impact: 5,
          mitigation: 'Move scanners to an isolated VLAN; monthly patch window',
          owner: 'IT Operations lead',
          trigger: 'Scanner firmware more than 90 days old',
          reviewDate: '2027-05-31',
        },
        {
          id: 'r5',
          threat: 'Three-year cloud commitments lock in spend before right-sizing',
          category: 'financial',
          trendId: null,
          likelihood: 2,
          impact: 2,
          mitigation: 'Commit only after the right-sizing sprint',
          owner: 'CFO',
          trigger: 'Vendor renewal offer arrives',
          reviewDate: '2027-03-15',
        },
      ],
    }),
    roadmap: parseArtifact('roadmap', {
      entries: [
        {
          id: 'e1',
          title: 'Pair on and document the WMS integration layer',
          status: 'planned',
          rationale: 'Answers r1 and unblocks the pricing work (i2).',
          horizon: '0-6',
          effortWeeks: 6,
          owner: 'VP Engineering (Marta Ruiz)',
          deadline: '2027-05-31',
          metric: { name: 'Engineers able to deploy the WMS integration', baseline: '1', current: null, target: '3' },
          financial: {
            oneOffCost: 45000,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: 'OpEx',
            assumption: null,
          },
          trendIds: ['t1'],
          riskIds: ['r1'],
          adr: null,
        },
        {
          id: 'e2',
          title: 'Spot-lane pricing model v1',
          status: 'planned',
          rationale: 'Answers t1: quotes in minutes win loads (i1); guarded by r2 mitigation.',
          horizon: '6-18',
          effortWeeks: 16,
          owner: 'Head of Data (Sam Okafor)',
          deadline: '2027-Q4',
          metric: { name: 'Brokerage gross margin', baseline: '14%', current: null, target: '16%' },
          financial: {
            oneOffCost: 380000,
            annualEbitdaEffect: 1200000,
            evMultiple: 8,
            capexOpex: 'Capitalise about 60% of the development labour (CapEx)',
            assumption:
              '2 points of margin on $44M brokerage revenue, net of model running cost; 8× EBITDA as in 2025–26 mid-market 3PL deals',
          },
          trendIds: ['t1'],
          riskIds: ['r2'],
          adr: {
            context: 'Quotes must go out in minutes and stay explainable to account managers.',
            decision: 'Gradient-boosted model on our lane history, served behind the portal API.',
            alternatives: ['Buy Greenscreens predictions', 'Rules on top of DAT rate sheets'],
            consequences: 'We own the model and its monitoring; needs an ML engineer.',
          },
        },
        {
          id: 'e3',
          title: 'Scope 3 emissions API for shippers',
          status: 'planned',
          rationale: 'Answers t2 and r3: the data already exists in the TMS (i3).',
          horizon: '6-18',
          effortWeeks: 10,
          owner: 'Product lead, Portal',
          deadline: '2027-09-30',
          metric: {
            name: 'Top-20 shippers receiving monthly emissions data',
            baseline: '0',
            current: null,
            target: '12',
          },
          financial: {
            oneOffCost: 150000,
            annualEbitdaEffect: 400000,
            evMultiple: 8,
            capexOpex: 'CapEx (new product feature)',
            assumption: 'Retaining one at-risk RFP worth $4M revenue at 10% contribution',
          },
          trendIds: ['t2'],
          riskIds: ['r3'],
          adr: null,
        },
        {
          id: 'e4',
          title: 'Cloud cost right-sizing sprint',
          status: 'planned',
          rationale: 'CEO goal: cut cloud spend 20%; precedes any commitment (r5).',
          horizon: '0-6',
          effortWeeks: 4,
          owner: 'Platform lead',
          deadline: '2027-04-30',
          metric: { name: 'Cloud spend', baseline: '$2.1M/yr', current: null, target: '$1.7M/yr' },
          financial: {
            oneOffCost: 20000,
            annualEbitdaEffect: 400000,
            evMultiple: 8,
            capexOpex: 'OpEx; savings flow straight to EBITDA',
            assumption: null,
          },
          trendIds: [],
          riskIds: ['r5'],
          adr: null,
        },
        {
          id: 'e5',
          title: 'Nearshore cross-dock feasibility study',
          status: 'planned',
          rationale: 'Explores t4 before any customer asks (i4).',
          horizon: '18-36',
          effortWeeks: 8,
          owner: null,
          deadline: null,
          metric: null,
          financial: {
            oneOffCost: null,
            annualEbitdaEffect: null,
            evMultiple: null,
            capexOpex: null,
            assumption: null,
          },
          trendIds: ['t4'],
          riskIds: [],
          adr: null,
        },
      ],
    }),
    sounding_board: parseArtifact('sounding_board', {
      recommendations: [
        {
          id: 'c1',
          claim: 'Fund the spot-lane pricing model in 2027 H2',
          roadmapEntryIds: ['e1', 'e2'],
          objections: [
            {
              lens: 'cfo',
              objection: 'What is the payback if margin only moves one point?',
              basis: 'e2 payback 0.32 years at $1.2M EBITDA a year',
              response: 'About 10 months at one point.',
              status: 'answered_with_evidence',
              closedByMessageId: null,
            },
            {
              lens: 'engineer',
              objection: 'Nobody here has shipped an ML model to production.',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
          ],
          preMortem: [
            {
              stakeholder: 'Head of brokerage',
              story: 'The model was trained on a calm market and mispriced the first freight shock.',
              cause: 'No back-test on shock-period lanes',
              mitigation: {
                action: 'Back-test on 2022 lanes before go-live',
                owner: 'Head of Data',
                timing: 'before the pilot',
                trigger: 'quote win rate above 60% on volatile lanes',
              },
            },
          ],
          flipConditions: ['If the back-test misprices shock lanes by more than 5%, drop the in-house model'],
          evidenceGaps: ['Back-test of the model on 2022 shock-period lanes'],
          strongestAlternative: 'Buy Greenscreens predictions and skip the in-house model.',
          verdict: 'revise',
          readyDespite: null,
          confidence: 'medium',
          ceoOneLiner: 'Spend $425k so spot quotes go out in minutes and brokerage margin climbs back to 16%.',
          supportingPoints: [
            'Fast quotes win 3× more spot loads',
            'Adds about $1.2M EBITDA a year',
            'Unblocked by documenting the WMS layer first',
          ],
        },
        {
          id: 'c2',
          claim: 'Offer shippers a Scope 3 emissions API before the autumn RFP round',
          roadmapEntryIds: ['e3'],
          objections: [
            {
              lens: 'board',
              objection: 'Are GLEC estimates defensible under audit?',
              basis: null,
              response: 'GLEC is what SmartWay accepts.',
              status: 'answered_with_reason',
              closedByMessageId: null,
            },
          ],
          preMortem: [
            {
              stakeholder: 'Largest shipper',
              story: 'Shippers wanted measured fuel burn, not estimates.',
              cause: null,
              mitigation: null,
            },
          ],
          flipConditions: [],
          evidenceGaps: [],
          strongestAlternative: null,
          verdict: 'ready',
          readyDespite: null,
          confidence: 'high',
          ceoOneLiner: 'Turn data we already hold into the emissions reports our biggest shippers now require.',
          supportingPoints: ['Two top-5 shippers ask for it in 2027 RFPs', 'Ten weeks of work, $150k'],
        },
        {
          id: 'c3',
          claim: 'Study a nearshore cross-dock in Laredo',
          roadmapEntryIds: ['e5'],
          objections: [
            {
              lens: 'ceo',
              objection: 'What do we stop doing to pay for this?',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
            {
              lens: 'board',
              objection: 'No owner',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
            {
              lens: 'cfo',
              objection: 'No customer demand yet',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
          ],
          preMortem: [],
          flipConditions: [],
          evidenceGaps: ['Any customer asking for cross-border lanes'],
          strongestAlternative: 'Partner with a Laredo cross-dock operator instead of building.',
          verdict: 'revise',
          readyDespite: null,
          confidence: 'low',
          ceoOneLiner: 'Find out, for under $50k, whether cross-border freight is worth a Texas site.',
          supportingPoints: ['Laredo crossings up 11%'],
        },
      ],
    }),
  };
}

// ---------- 2027-Q2 ----------

export function northwindArtifactsQ2(): ArtifactSet {
  const q1 = northwindArtifactsQ1();
  return {
    context: context('2027-Q2'),
    trends: parseArtifact('trends', {
      trends: [pricingTrend, emissionsTrend, roboticsTrend, nearshoringTrend(false), agentTrend],
    }),
    dialogue: parseArtifact('dialogue', {
      trendSummaries: [
        {
          trendId: 't1',
          summary: 'The back-test held up on 2022 shock lanes; the team now has a contract ML engineer.',
        },
        { trendId: 't2', summary: 'Emissions data went into the first RFP answer; shippers accept GLEC estimates.' },
        { trendId: 't5', summary: 'Most tickets are status questions an agent can answer from the TMS.' },
      ],
      insights: [
        {
          id: 'i1',
          trendId: 't1',
          text: 'Back-test error on 2022 shock lanes was 6.5%, inside the 8% band.',
          fromMessageId: 412,
        },
        {
          id: 'i2',
          trendId: 't2',
          text: 'Shipper A accepted GLEC-based estimates in its RFP scoring.',
          fromMessageId: 420,
        },
        {
          id: 'i3',
          trendId: 't5',
          text: '61% of tickets are "where is my shipment?" and the answer is in the TMS.',
          fromMessageId: 431,
        },
      ],
      assumptions: [
        {
          id: 'a1',
          trendId: 't1',
          text: 'Two years of lane history is enough to train a useful pricing model.',
          status: 'supported',
          note: '2022 back-test.',
          fromMessageId: 412,
        },
        {
          id: 'a2',
          trendId: 't2',
          text: 'Shippers will accept GLEC-based estimates rather than measured fuel burn.',
          status: 'supported',
          note: 'Shipper A.',
          fromMessageId: 420,
        },
        {
          id: 'a5',
          trendId: 't5',
          text: 'Shippers will trust delivery promises made by an AI agent.',
          status: 'challenged',
          note: 'Two account managers doubt it.',
          fromMessageId: 433,
        },
      ],
    }),
    impact: parseArtifact('impact', {
      forecasts: [
        {
          scope: 'company',
          trendId: 't1',
          change: 'Brokerage gross margin recovers as spot quotes go out in minutes',
          direction: 'up',
          magnitude: 'high',
          horizon: '6-18',
          confidence: 'high',
          reasoning: 'Back-test inside tolerance (i1).',
          insightIds: ['i1'],
          signpost: 'Median spot-quote time below 10 minutes by Q3',
        },
        {
          scope: 'company',
          trendId: 't5',
          change: 'Customer-service cost per shipment falls as an agent answers status questions',
          direction: 'down',
          magnitude: 'medium',
          horizon: '0-6',
          confidence: 'medium',
          reasoning: null,
          insightIds: ['i3'],
          signpost: 'Share of tickets closed without a human',
        },
        {
          scope: 'industry',
          trendId: 't2',
          change: 'Emissions data becomes table stakes in 3PL RFPs',
          direction: 'up',
          magnitude: 'medium',
          horizon: '0-6',
          confidence: 'high',
          reasoning: null,
          insightIds: ['i2'],
          signpost: 'RFPs with an emissions clause',
        },
        {
          scope: 'market',
          trendId: 't1',
          change: 'Spot-market share moves to brokers that quote instantly',
          direction: 'mixed',
          magnitude: 'medium',
          horizon: '6-18',
          confidence: 'medium',
          reasoning: null,
          insightIds: [],
          signpost: 'DAT spot-versus-contract spread',
        },
      ],
    }),
    risks: parseArtifact('risks', {
      risks: [
        {
          ...q1.risks!.risks[0]!,
          likelihood: 2,
          mitigation: 'Second engineer now deploys alone; runbook reviewed quarterly',
          reviewDate: '2027-09-30',
        },
        q1.risks!.risks[1]!,
        {
          ...q1.risks!.risks[2]!,
          likelihood: 4,
          impact: 4,
          trigger: 'Shipper B scored emissions data as mandatory in April',
          reviewDate: '2027-07-15',
        },
        {
          ...q1.risks!.risks[3]!,
          id: 'r7',
          threat: 'Ransomware enters through unpatched handheld scanners in the warehouses.',
        },
        {
          id: 'r6',
          threat: 'The customer-service agent makes delivery promises the network cannot keep',
          category: 'market',
          trendId: 't5',
          likelihood: 3,
          impact: 3,
          mitigation: 'Agent quotes only ETAs from the TMS; exceptions go to a human',
          owner: 'Head of Customer Service',
          trigger: 'More than 2% of agent answers escalated as wrong',
          reviewDate: '2027-06-30',
        },
      ],
    }),
    roadmap: parseArtifact('roadmap', {
      entries: [
        {
          ...q1.roadmap!.entries[0]!,
          status: 'in_progress',
          effortWeeks: 8,
          owner: 'Principal engineer (Dana Whitfield)',
          deadline: '2027-06-30',
          metric: { name: 'Engineers able to deploy the WMS integration', baseline: '1', current: '2', target: '3' },
        },
        {
          ...q1.roadmap!.entries[1]!,
          status: 'in_progress',
          deadline: '2027-11-30',
          metric: { name: 'Brokerage gross margin', baseline: '14%', current: '14.6%', target: '17%' },
        },
        q1.roadmap!.entries[2]!,
        {
          ...q1.roadmap!.entries[3]!,
          status: 'done',
          metric: { name: 'Cloud spend', baseline: '$2.1M/yr', current: '$1.75M/yr', target: '$1.7M/yr' },
        },
        {
          ...q1.roadmap!.entries[4]!,
          status: 'dropped',
          rationale: 'Explored t4; dropped in Q2: no customer asked for cross-border lanes in two quarters (i4).',
        },
        {
          id: 'e6',
          title: 'Customer-service agent pilot for shipment status',
          status: 'planned',
          rationale: 'Answers t5 (i3) while guarding r6.',
          horizon: '0-6',
          effortWeeks: 6,
          owner: 'Head of Customer Service',
          deadline: '2027-08-31',
          metric: { name: 'Tickets closed without a human', baseline: '0%', current: null, target: '40%' },
          financial: {
            oneOffCost: 90000,
            annualEbitdaEffect: 350000,
            evMultiple: 8,
            capexOpex: 'OpEx (vendor subscription)',
            assumption: 'Five of 22 customer-service FTE redeployed to exceptions',
          },
          trendIds: ['t5'],
          riskIds: ['r6'],
          adr: null,
        },
      ],
    }),
    sounding_board: parseArtifact('sounding_board', {
      recommendations: [
        {
          ...q1.sounding_board!.recommendations[0]!,
          verdict: 'ready',
          confidence: 'high',
          evidenceGaps: [],
          objections: q1.sounding_board!.recommendations[0]!.objections.map((o) => ({
            ...o,
            status: 'answered_with_evidence' as const,
            response: o.response ?? 'Hired a contract ML engineer in April.',
          })),
          ceoOneLiner: 'Spend $425k so spot quotes go out in minutes and brokerage margin climbs to 17%.',
        },
        q1.sounding_board!.recommendations[1]!,
        {
          ...q1.sounding_board!.recommendations[2]!,
          verdict: 'drop',
          confidence: 'medium',
          objections: [
            {
              lens: 'cfo',
              objection: 'No customer demand after two quarters',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
          ],
        },
        {
          id: 'c4',
          claim: 'Pilot a customer-service agent for shipment-status questions',
          roadmapEntryIds: ['e6'],
          objections: [
            {
              lens: 'board',
              objection: 'Who is liable when the agent promises a date we miss?',
              basis: null,
              response: 'It only quotes TMS ETAs.',
              status: 'answered_with_reason',
              closedByMessageId: null,
            },
            {
              lens: 'board',
              objection: 'Liability wording with the top-5 shippers',
              basis: null,
              response: null,
              status: 'open',
              closedByMessageId: null,
            },
          ],
          preMortem: [
            {
              stakeholder: 'Customer-service lead',
              story: 'The agent promised dates during peak and we missed them.',
              cause: 'TMS ETAs lag during peak',
              mitigation: {
                action: 'Hand peak-season questions to people',
                owner: null,
                timing: 'from October',
                trigger: null,
              },
            },
          ],
          flipConditions: [],
          evidenceGaps: ['Shipper acceptance of agent answers'],
          strongestAlternative: 'Hire four seasonal agents for peak instead.',
          verdict: 'revise',
          readyDespite: null,
          confidence: 'medium',
          ceoOneLiner: 'Let an AI agent answer the status questions that fill 61% of our queue.',
          supportingPoints: ['$350k EBITDA a year', 'Six weeks to a pilot'],
        },
      ],
    }),
  };
}

// ---------- ready-made export inputs ----------

/** What the export functions take, for Northwind in the given quarter, drafted by the offline facilitator. */
export function northwindExportInput(quarter: '2027-Q1' | '2027-Q2' = '2027-Q1'): ExportInput {
  const q2 = quarter === '2027-Q2';
  return {
    client: NORTHWIND_CLIENT,
    session: northwindSession(quarter),
    artifacts: q2 ? northwindArtifactsQ2() : northwindArtifactsQ1(),
    stale: [],
    generatedAt: new Date(q2 ? '2027-04-21T17:00:00.000Z' : '2027-01-27T17:00:00.000Z'),
    provider: { label: 'the offline facilitator (no AI model)' },
  };
}

/**
 * The fixture as a model would draft it in another session: the dialogue's insights and assumptions
 * cite no message of the fixture's own transcript (its ids are not that session's), so a reference
 * to a message is null, "emerged across several", as the extractor prompt allows.
 */
export function withoutMessageIds(artifacts: ArtifactSet): ArtifactSet {
  const dialogue = artifacts.dialogue;
  if (!dialogue) return artifacts;
  return {
    ...artifacts,
    dialogue: {
      ...dialogue,
      insights: dialogue.insights.map((i) => ({ ...i, fromMessageId: null })),
      assumptions: dialogue.assumptions.map((a) => ({ ...a, fromMessageId: null })),
    },
  };
}

/**
 * Northwind's export with its first recommendation called ready while its first objection is still
 * open, for the reason given (readyDespite): what the memo and the deck must both say.
 */
export function calledReadyDespite(reason: string): ExportInput {
  const input = northwindExportInput();
  const [first, ...rest] = input.artifacts.sounding_board!.recommendations;
  const open = { ...first!.objections[0]!, status: 'open' as const, closedByMessageId: null };
  return {
    ...input,
    artifacts: {
      ...input.artifacts,
      sounding_board: {
        recommendations: [
          { ...first!, verdict: 'ready', objections: [open], readyDespite: { reason, messageId: 12 } },
          ...rest,
        ],
      },
    },
  };
}
