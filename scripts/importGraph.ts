/**
 * The picture of the source's imports: every relative import between files under src/, the
 * circles among them, and the arrows between layers (src/<folder>/). `npm run imports` prints
 * the layer graph as Mermaid; test/architecture/imports.test.ts holds the rules it must obey.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Static imports, re-exports and dynamic imports, type-only ones included: a type import ties modules too. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file (relative to src/) and the files it imports, resolved from their `.js` specifiers. */
export function fileGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts');
      targets.push(relative(SRC, target));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** A file's layer: its folder under src/, or the file itself for top-level files (main.ts, config.ts). */
export function layerOf(file: string): string {
  const [first, second] = file.split('/');
  return second === undefined ? (first ?? file).replace(/\.ts$/, '') : (first ?? file);
}

/** Every circle of imports, each as the files around it (first file repeated at the end). */
export function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/** Arrows between layers, each with one file that makes it (for a readable failure). */
export function layerArrows(graph: Map<string, string[]>): Map<string, string> {
  const arrows = new Map<string, string>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = layerOf(file);
      const to = layerOf(target);
      if (from !== to && !arrows.has(`${from} -> ${to}`)) arrows.set(`${from} -> ${to}`, `${file} imports ${target}`);
    }
  }
  return arrows;
}

export function mermaid(graph: Map<string, string[]>): string {
  const lines = [...layerArrows(graph).keys()].sort().map((a) => `  ${a.replace(' -> ', ' --> ')}`);
  return ['```mermaid', 'graph TD', ...lines, '```'].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = fileGraph();
  console.log(mermaid(graph));
  const found = circles(graph);
  if (found.length > 0) {
    console.error(`\n${found.length} circle(s):\n${found.map((c) => `  ${c.join(' -> ')}`).join('\n')}`);
    process.exitCode = 1;
  }
}
