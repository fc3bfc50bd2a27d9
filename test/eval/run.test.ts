/**
 * The eval in CI: every persona through the offline facilitator and the fake model, the way
 * `npm run eval` runs them, and the report written. It asserts the harness, not the scores.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TURN_CHECKS } from '../../eval/checks/turn.js';
import { evaluate } from '../../eval/evaluate.js';
import { fakeModelFacilitator, offlineFacilitator, type EvalFacilitator } from '../../eval/facilitators.js';
import { loadPersonas, trapsOf } from '../../eval/persona.js';
import { toJson, toMarkdown, type ResultsJson, type SessionResult } from '../../eval/report.js';

/** Checks on the request bodies the fake model records: nothing to judge offline, all of it for the fake. */
const PROMPT_CHECKS = ['ids_visible', 'families_visible', 'context_whole', 'cited_ids_visible'];

const CHECKS = [
  ...TURN_CHECKS.map((c) => c.name),
  'traps_challenged',
  'numbers_faithful',
  'currency_understood',
  'names_faithful',
  'ids_resolve',
  'no_placeholders',
  'no_default_scores',
  'four_lenses',
  'pre_mortem',
  'objections_from_facts',
  ...PROMPT_CHECKS,
];

describe('npm run eval, with the offline facilitator and the fake model', () => {
  const personas = loadPersonas();
  const facilitators: EvalFacilitator[] = [];
  let results: SessionResult[] = [];
  const out = mkdtempSync(join(tmpdir(), 'foresight-eval-'));

  beforeAll(async () => {
    facilitators.push(offlineFacilitator(), await fakeModelFacilitator());
    results = await evaluate(facilitators, personas);
    const meta = { generatedAt: new Date().toISOString(), commit: null };
    writeFileSync(join(out, 'RESULTS.md'), toMarkdown(results, { ...meta, command: 'npm run eval' }));
    writeFileSync(join(out, 'results.json'), JSON.stringify(toJson(results, meta)));
  }, 120_000);
  afterAll(() => Promise.all(facilitators.map((f) => f.close())));

  it('runs every persona through all seven steps with each facilitator, every trap sent', () => {
    expect(results.map((r) => `${r.record.facilitator.kind}:${r.record.persona.id}`)).toEqual(
      ['offline', 'fake'].flatMap((k) => personas.map((p) => `${k}:${p.id}`)),
    );
    for (const r of results) {
      const label = `${r.record.facilitator.kind} ${r.record.persona.id}`;
      expect(r.record.problems, label).toEqual([]);
      expect(r.record.stepsDone, label).toHaveLength(7);
      expect(
        trapsOf(r.record.persona).filter((t) => r.record.trapMessages[t.trap.id] == null),
        label,
      ).toEqual([]);
    }
  });

  it('computes every check for every session; the offline facilitator gives each something to judge', () => {
    for (const r of results) {
      expect(r.checks.map((c) => c.name)).toEqual(CHECKS);
      for (const c of r.checks) {
        expect(c.passed + c.failures.length, `${c.name}`).toBe(c.total);
        if (r.record.facilitator.kind === 'offline' && !PROMPT_CHECKS.includes(c.name))
          expect(c.total, `offline ${r.record.persona.id} ${c.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('reads what the fake model was sent: every message with its id, every question with its family, context whole, cited ids visible', () => {
    for (const r of results.filter((x) => x.record.facilitator.kind === 'fake')) {
      for (const name of PROMPT_CHECKS) {
        const c = r.checks.find((x) => x.name === name)!;
        expect(c.total, `${r.record.persona.id} ${name}`).toBeGreaterThan(0);
        expect(c.failures, `${r.record.persona.id} ${name}`).toEqual([]);
      }
    }
  });

  it('counts the fake model’s tokens and none for the offline facilitator', () => {
    for (const r of results) {
      const t = r.record.tokens.facilitator;
      if (r.record.facilitator.kind === 'offline') expect(t).toEqual({ in: 0, out: 0 });
      else expect(t.in).toBeGreaterThan(0);
    }
  });

  it('writes the report: a summary row per facilitator and persona, the fake model marked meaningless, failures with excerpts', () => {
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    const rows = md.split('\n').filter((l) => /^\| (offline|fake model)[^|]*\| `/.test(l));
    expect(rows).toHaveLength(2 * personas.length);
    for (const row of rows) expect(row.split('|').length - 2).toBe(3 + CHECKS.length);
    expect(md).toMatch(/fake model \*\(meaningless\)\*/);
    expect(md).toMatch(/## Traps missed/);
    expect(md).toMatch(/> Client: “/);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsJson;
    expect(json.sessions).toHaveLength(2 * personas.length);
    expect(json.sessions[0]!.checks.map((c) => c.name)).toEqual(CHECKS);
  });
});
