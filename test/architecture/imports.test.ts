import { describe, expect, it } from 'vitest';
import { circles, fileGraph, layerArrows } from '../../scripts/importGraph.js';

/**
 * Imports flow one way: server → engine → domain, with storage, providers and facilitators at the
 * edges, and main.ts wiring them together. Each layer may import only the layers listed here.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  config: [],
  storage: ['domain'],
  providers: ['domain'],
  export: ['domain'],
  engine: ['domain', 'storage'],
  facilitators: ['domain', 'engine', 'providers', 'config'],
  server: ['domain', 'engine', 'export'],
  main: ['config', 'domain', 'engine', 'facilitators', 'server', 'storage'],
};

describe('the imports between source files', () => {
  const graph = fileGraph();

  it('form no circles', () => {
    expect(circles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('run only down the layers, never back up', () => {
    const wrong = [...layerArrows(graph)]
      .filter(([arrow]) => {
        const [from, to] = arrow.split(' -> ') as [string, string];
        return !(ALLOWED[from] ?? []).includes(to);
      })
      .map(([, example]) => example);
    expect(wrong).toEqual([]);
  });

  it('know every layer (a new folder under src/ gets its place in the rules)', () => {
    const layers = new Set([...graph.keys()].map((f) => f.split('/')[0]!.replace(/\.ts$/, '')));
    expect([...layers].filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it('catch a circle and an arrow back up when there is one', () => {
    const bad = new Map([
      ['domain/a.ts', ['engine/b.ts']],
      ['engine/b.ts', ['domain/a.ts']],
    ]);
    expect(circles(bad)).toEqual([['domain/a.ts', 'engine/b.ts', 'domain/a.ts']]);
    expect([...layerArrows(bad).keys()]).toContain('domain -> engine');
  });
});
