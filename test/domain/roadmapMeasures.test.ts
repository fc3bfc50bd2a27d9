import { describe, expect, it } from 'vitest';
import { RoadmapArtifact, isClosed, metricProgress, roadmapGaps } from '../../src/domain/index.js';
import { minimal } from '../support/minimal.js';

const entry = () => minimal.roadmap().entries[0]!;

describe('roadmap entry status', () => {
  it('is required, so a model must say where every entry stands', () => {
    const { status: _status, ...rest } = entry();
    const parsed = RoadmapArtifact.safeParse({ entries: [rest] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['entries', 0, 'status']);
    expect(RoadmapArtifact.safeParse({ entries: [{ ...entry(), status: 'abandoned' }] }).success).toBe(false);
  });

  it("requires the metric's latest value to be said, even when it is null", () => {
    const { current: _current, ...metric } = entry().metric!;
    expect(RoadmapArtifact.safeParse({ entries: [{ ...entry(), metric }] }).success).toBe(false);
    expect(RoadmapArtifact.safeParse({ entries: [{ ...entry(), metric: { ...metric, current: '2' } }] }).success).toBe(
      true,
    );
  });

  it('counts done and dropped as closed: nothing left to start, so no gaps before Monday', () => {
    const thin = { ...entry(), owner: null, deadline: null, metric: null };
    expect(roadmapGaps(thin)).toEqual(['owner', 'deadline', 'success metric']);
    expect(roadmapGaps({ ...thin, status: 'in_progress' })).toEqual(['owner', 'deadline', 'success metric']);
    expect(roadmapGaps({ ...thin, status: 'done' })).toEqual([]);
    expect(roadmapGaps({ ...thin, status: 'dropped' })).toEqual([]);
    expect((['planned', 'in_progress', 'done', 'dropped'] as const).map((status) => isClosed({ status }))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('metricProgress', () => {
  it('says how far the latest value has come from the baseline toward the target', () => {
    expect(metricProgress({ baseline: '1', current: '2', target: '3' })).toBe(0.5);
    expect(metricProgress({ baseline: '14%', current: '14.6%', target: '17%' })).toBe(0.2);
    expect(metricProgress({ baseline: '0%', current: '40%', target: '40%' })).toBe(1);
    expect(metricProgress({ baseline: '0%', current: '45 %', target: '40%' })).toBe(1.125);
  });

  it('works for metrics where lower is better, and says when one moved away', () => {
    expect(metricProgress({ baseline: '$2.1M/yr', current: '$1.75M/yr', target: '$1.7M/yr' })).toBe(0.875);
    expect(metricProgress({ baseline: '4 hours', current: '5 hours', target: '30 minutes' })).toBeNull(); // hours vs minutes
    expect(metricProgress({ baseline: '240 minutes', current: '300 minutes', target: '30 minutes' })).toBeCloseTo(
      -0.2857,
      4,
    );
    expect(metricProgress({ baseline: '$1,200k', current: '$1,000k', target: '$800k' })).toBe(0.5);
  });

  it('reads a value with words after its unit as that number: "0% of tickets" → 91% → 95%', () => {
    expect(metricProgress({ baseline: '0% of tickets', current: '91%', target: '95%' })).toBeCloseTo(0.9579, 4);
    expect(metricProgress({ baseline: '240 minutes', current: '30 seconds', target: '30 minutes' })).toBeNull();
  });

  it('refuses to guess: no baseline, no latest value, different kinds of number or several numbers give null', () => {
    expect(metricProgress({ baseline: null, current: '2', target: '3' })).toBeNull();
    expect(metricProgress({ baseline: '1', current: null, target: '3' })).toBeNull();
    expect(metricProgress({ baseline: '$2.1M', current: '$1,750k', target: '$1.7M' })).toBeNull();
    expect(metricProgress({ baseline: '2 of 5 teams', current: '3 of 5 teams', target: '5 of 5 teams' })).toBeNull();
    expect(metricProgress({ baseline: '3', current: '3', target: '3' })).toBeNull();
  });
});
