import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/importGraph.js';

/**
 * The page is plain JavaScript with JSDoc types, checked by the same `tsc --noEmit` that checks
 * src/ (npm test). These hold the settings that make that so, and keep any file from opting out.
 */

function pageFiles(dir: string = join(ROOT, 'web')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageFiles(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

interface TsConfig {
  compilerOptions: { allowJs?: boolean; checkJs?: boolean; strict?: boolean; paths?: Record<string, string[]> };
  include: string[];
}

describe('the page is type-checked', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as TsConfig;

  it('with the strictness of src/', () => {
    expect(config.include).toContain('web');
    expect(config.compilerOptions).toMatchObject({ allowJs: true, checkJs: true, strict: true });
  });

  it('with every module the page imports by URL mapped to its types', () => {
    const urls = new Set(
      pageFiles().flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(\s*)'(\/[^']+)'/g)].map((m) => m[1]!),
      ),
    );
    expect(urls.size).toBeGreaterThan(3);
    expect([...urls].filter((url) => !config.compilerOptions.paths?.[url])).toEqual([]);
  });

  it('with no file opting out', () => {
    const optOuts = pageFiles().flatMap((file) =>
      /@ts-(nocheck|ignore|expect-error)/.test(readFileSync(file, 'utf8')) ? [relative(ROOT, file)] : [],
    );
    expect(optOuts).toEqual([]);
  });
});
