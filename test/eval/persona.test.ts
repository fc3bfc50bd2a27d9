import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAS_DIR, TrapKind, loadPersonas, parsePersona, trapsOf } from '../../eval/persona.js';
import { STEP_IDS } from '../../src/domain/index.js';

describe('the persona files', () => {
  const personas = loadPersonas();

  it('are valid and cover the four clients the eval promises', () => {
    expect(personas.map((p) => p.id).sort()).toEqual([
      'b2b-saas',
      'dental-group',
      'freight-carrier',
      'precision-manufacturer',
    ]);
  });

  it('answer every step, and each persona springs every kind of trap', () => {
    for (const p of personas) {
      for (const step of STEP_IDS) expect(p.steps[step].length, `${p.id} ${step}`).toBeGreaterThan(0);
      expect(new Set(trapsOf(p).map((t) => t.trap.kind)), p.id).toEqual(new Set(TrapKind.options));
    }
  });

  it('talk as people do: a pasted multi-line brief and a "skip" in each', () => {
    for (const p of personas) {
      const said = STEP_IDS.flatMap((s) => p.steps[s].map((a) => a.say));
      expect(
        said.some((s) => s.split('\n').length >= 4),
        p.id,
      ).toBe(true);
      expect(
        said.some((s) => /^skip$/i.test(s.trim())),
        p.id,
      ).toBe(true);
    }
  });

  it('include European amounts where the client is European', () => {
    const manufacturer = personas.find((p) => p.id === 'precision-manufacturer')!;
    const said = STEP_IDS.flatMap((s) => manufacturer.steps[s].map((a) => a.say)).join('\n');
    expect(said).toContain('EUR 450.000');
    expect(said).toContain('€ 1,2 Mio.');
  });
});

describe('parsing a persona file', () => {
  const valid = JSON.parse(readFileSync(join(PERSONAS_DIR, 'freight-carrier.json'), 'utf8'));

  it('joins a pasted brief given as lines into one message', () => {
    expect(parsePersona(JSON.stringify(valid)).steps.context[0]!.say.split('\n').length).toBeGreaterThan(3);
  });

  it('refuses a trap of an unknown kind, naming where', () => {
    const bad = structuredClone(valid);
    bad.steps.dialogue[0].trap.kind = 'flattery';
    expect(() => parsePersona(JSON.stringify(bad), 'bad.json')).toThrow(/bad\.json[\s\S]*steps\.dialogue\.0/);
  });

  it('refuses a persona with a step missing, and a trap id used twice', () => {
    const missing = structuredClone(valid);
    delete missing.steps.risks;
    expect(() => parsePersona(JSON.stringify(missing))).toThrow(/steps\.risks/);
    const twice = structuredClone(valid);
    twice.steps.dialogue[2].trap.id = twice.steps.dialogue[0].trap.id;
    expect(() => parsePersona(JSON.stringify(twice))).toThrow(/used twice/);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => parsePersona('{ nope', 'x.json')).toThrow(/x\.json: not valid JSON/);
  });
});
