import { describe, expect, it } from 'vitest';
import { STEP_IDS, chosenTrends, scopesMissing, unmetToLeave } from '../../src/domain/index.js';
import { northwindArtifactsQ1, northwindArtifactsQ2, northwindExportInput } from '../support/fixtures.js';

describe('the Northwind fixtures', () => {
  it.each([
    ['2027-Q1', northwindArtifactsQ1],
    ['2027-Q2', northwindArtifactsQ2],
  ])('hold a validated artifact for every one of the seven steps in %s', (_quarter, build) => {
    const artifacts = build();
    expect(Object.keys(artifacts).sort()).toEqual([...STEP_IDS].sort());
    const facts = { artifacts, exchangesByTrend: { t1: 3, t2: 3, t4: 3, t5: 3 } };
    const unmet = STEP_IDS.flatMap((step) => unmetToLeave(step, facts).map((c) => c.code));
    // Q1 keeps honest gaps: a forecast nobody named a signpost for, a study with no owner or metric yet.
    expect(unmet).toEqual(
      _quarter === '2027-Q1' ? ['forecasts_without_signpost', 'entries_without_owner', 'entries_without_metric'] : [],
    );
    expect(scopesMissing(artifacts.impact!)).toEqual([]);
  });

  it('keeps two trends, drops one and adds one between the quarters', () => {
    const names = (a: ReturnType<typeof northwindArtifactsQ1>) => chosenTrends(a.trends!).map((t) => t.name);
    expect(names(northwindArtifactsQ1())).toEqual([
      'AI-assisted freight pricing',
      'Shipper demand for Scope 3 emissions data',
      'Nearshoring of manufacturing to Mexico',
    ]);
    expect(names(northwindArtifactsQ2())).toEqual([
      'AI-assisted freight pricing',
      'Shipper demand for Scope 3 emissions data',
      'Agentic AI in customer service',
    ]);
  });

  it('returns fresh objects on every call, so a test may edit its copy', () => {
    const a = northwindExportInput();
    a.artifacts.risks!.risks[0]!.likelihood = 1;
    expect(northwindExportInput().artifacts.risks!.risks[0]!.likelihood).toBe(4);
  });
});
