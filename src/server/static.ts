import { build } from 'esbuild';
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = join(ROOT, 'web');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Browser modules served straight from node_modules: no build step. Each is an ES module file the
 * page imports by absolute path (/vendor/<name>); no import map, which our CSP would count as an inline script.
 */
const VENDOR: Readonly<Record<string, string>> = {
  'preact.mjs': 'preact/dist/preact.mjs',
  'preact-hooks.mjs': 'preact/hooks/dist/hooks.mjs',
  'htm.mjs': 'htm/dist/htm.mjs',
  'marked.mjs': 'marked/lib/marked.esm.js',
  'purify.mjs': 'dompurify/dist/purify.es.mjs',
};

/**
 * The pure modules the page shares with the server, bundled from src/ once on first request: one
 * source for both sides, still no build step for the user. domain.mjs holds the zod-free domain
 * (src/domain/shared.ts: step titles, severity bands, levels, horizons, statuses and their labels),
 * imported by the page at start; pictures.mjs the SVG builders, loaded when a picture is first drawn.
 */
const SHARED_ENTRIES: Readonly<Record<string, string>> = {
  'domain.mjs': `export * from './src/domain/shared.ts';`,
  'pictures.mjs': `export * from './src/export/pictures.ts';`,
};

export interface SharedBundle {
  readonly code: string;
  /** The source files bundled, relative to the project (e.g. src/domain/steps.ts). */
  readonly inputs: readonly string[];
}

const sharedBundles = new Map<string, Promise<SharedBundle>>();

/** The named shared module (`domain.mjs`, `pictures.mjs`), or null if there is none by that name. */
export function sharedModule(name: string): Promise<SharedBundle> | null {
  const entry = SHARED_ENTRIES[name];
  if (entry === undefined) return null;
  let bundle = sharedBundles.get(name);
  if (!bundle) {
    bundle = build({
      stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: `shared-${name}.ts` },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      minify: true,
      legalComments: 'none',
      metafile: true,
    }).then((r) => ({
      code: r.outputFiles[0]!.text,
      inputs: Object.keys(r.metafile.inputs).filter((f) => f !== `shared-${name}.ts`),
    }));
    sharedBundles.set(name, bundle);
  }
  return bundle;
}

/** Serves web/ and the vendored modules; paths are confined to their folders. */
export function staticRoutes(webDir: string = WEB_DIR): Hono {
  const app = new Hono();
  app.get('/shared/:file', async (c) => {
    const bundle = sharedModule(c.req.param('file'));
    if (!bundle) return c.notFound();
    return c.body((await bundle).code, 200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-cache' });
  });
  app.get('/vendor/:file', async (c) => {
    const target = VENDOR[c.req.param('file')];
    if (!target) return c.notFound();
    let body = await readFile(join(ROOT, 'node_modules', target), 'utf8');
    // preact/hooks imports the bare name "preact"; without an import map (an inline script, which our CSP forbids) point it at our copy.
    if (c.req.param('file') === 'preact-hooks.mjs') body = body.replace(/from\s*"preact"/g, 'from"/vendor/preact.mjs"');
    return c.body(body, 200, { 'content-type': TYPES['.js']!, 'cache-control': 'public, max-age=3600' });
  });
  app.get('/*', async (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = normalize(join(webDir, decodeURIComponent(path)));
    if (!file.startsWith(webDir + sep)) return c.notFound();
    try {
      const body = await readFile(file);
      return c.body(body, 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
    } catch {
      // Client-side routes (e.g. /sessions/12) load the page itself.
      if (!extname(file)) {
        const index = await readFile(join(webDir, 'index.html'));
        return c.body(index, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
      }
      return c.notFound();
    }
  });
  return app;
}
