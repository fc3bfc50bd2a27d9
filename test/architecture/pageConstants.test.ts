import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as domain from '../../src/domain/index.js';
import * as shared from '../../src/domain/shared.js';
import { sharedModule, staticRoutes } from '../../src/server/static.js';
import { ROOT } from '../../scripts/importGraph.js';

/**
 * The page takes the domain's constants (step titles, severity bands, levels, horizons, statuses and
 * their labels) from /shared/domain.mjs, never from a copy of its own: a copy drifts the day the
 * domain changes and nobody remembers the page.
 */

const WEB = join(ROOT, 'web');

function pageFiles(dir: string = WEB): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageFiles(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

const isStringList = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'string');

/**
 * Every closed list of values the domain names (zod enums and `as const` lists), and the labels of
 * its tables keyed by such a list (STEPS, HORIZON_LABELS, …) and of its severity bands. Labels of
 * one word ("Done", "Impact") are left out: the page says those about other things too.
 */
function domainVocabulary(): { lists: string[][]; labels: Set<string> } {
  const values = Object.values({ ...domain, ...shared }) as unknown[];
  const lists: string[][] = [];
  for (const value of values) {
    const options = value && typeof value === 'object' ? (value as { options?: unknown }).options : undefined;
    if (isStringList(options)) lists.push([...options]);
    else if (isStringList(value)) lists.push([...value]);
  }
  const keyedByList = (value: object) => lists.some((list) => sameSet(list, Object.keys(value)));
  const texts: string[] = domain.SEVERITY_BANDS.map((b) => b.meaning);
  for (const value of values) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !keyedByList(value)) continue;
    for (const entry of Object.values(value) as unknown[]) {
      if (typeof entry === 'string') texts.push(entry);
      else if (entry && typeof entry === 'object' && 'title' in entry && typeof entry.title === 'string')
        texts.push(entry.title);
    }
  }
  return { lists, labels: new Set(texts.filter((t) => t.includes(' '))) };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const QUOTED = /'([^'\\\n]*)'|"([^"\\\n]*)"/g;
const STRING_ARRAY = /\[\s*(?:(?:'[^'\n]*'|"[^"\n]*")\s*,\s*)+(?:'[^'\n]*'|"[^"\n]*")\s*,?\s*\]/g;

/** What in `source` repeats the domain: a list of its values, or one of its labels as a string literal. */
function copiesOfDomain(source: string, vocabulary = domainVocabulary()): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(STRING_ARRAY)) {
    const items = [...m[0].matchAll(QUOTED)].map((q) => q[1] ?? q[2] ?? '');
    if (vocabulary.lists.some((list) => sameSet(list, items))) found.push(m[0]);
  }
  for (const m of source.matchAll(QUOTED)) {
    const text = m[1] ?? m[2] ?? '';
    if (vocabulary.labels.has(text)) found.push(m[0]);
  }
  return found;
}

describe('the page and the domain', () => {
  it('the page declares none of the domain constants itself', () => {
    const vocabulary = domainVocabulary();
    expect(vocabulary.lists.length).toBeGreaterThan(5);
    const copies = pageFiles().flatMap((file) =>
      copiesOfDomain(readFileSync(file, 'utf8'), vocabulary).map((c) => `${relative(ROOT, file)}: ${c}`),
    );
    expect(copies).toEqual([]);
  });

  it('would notice a copied list or label', () => {
    expect(
      copiesOfDomain(`const VERDICTS = ['ready', 'revise', 'drop'];
        export const STEP = { dialogue: { number: 3, title: 'Socratic dialogue' } };
        const H = { '6-18': "6–18 months" };`),
    ).toEqual(["['ready', 'revise', 'drop']", "'Socratic dialogue'", '"6–18 months"']);
  });

  it('bundles only src/domain for the page (no zod, no other layer)', async () => {
    const bundle = await sharedModule('domain.mjs')!;
    expect(bundle.inputs.filter((f) => !f.startsWith('src/domain/'))).toEqual([]);
    expect(bundle.inputs).toContain('src/domain/stepInfo.ts');
    expect(bundle.code.length).toBeLessThan(20_000);
  });

  it('serves the shared modules it knows and no other', async () => {
    const app = staticRoutes();
    const domainModule = await app.request('/shared/domain.mjs');
    expect(domainModule.status).toBe(200);
    expect(await domainModule.text()).toContain('Socratic dialogue');
    expect((await app.request('/shared/engine.mjs')).status).toBe(404);
  });
});
