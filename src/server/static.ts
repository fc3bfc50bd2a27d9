import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = join(ROOT, 'web');
const require = createRequire(import.meta.url);

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
 * page imports by these names (see web/index.html's import map).
 */
const VENDOR: Readonly<Record<string, string>> = {
  'preact.mjs': 'preact/dist/preact.mjs',
  'preact-hooks.mjs': 'preact/hooks/dist/hooks.mjs',
  'htm.mjs': 'htm/dist/htm.mjs',
  'marked.mjs': 'marked/lib/marked.esm.js',
  'purify.mjs': 'dompurify/dist/purify.es.mjs',
};

/** Serves web/ and the vendored modules; paths are confined to their folders. */
export function staticRoutes(webDir: string = WEB_DIR): Hono {
  const app = new Hono();
  app.get('/vendor/:file', async (c) => {
    const target = VENDOR[c.req.param('file')];
    if (!target) return c.notFound();
    const body = await readFile(require.resolve(target));
    return c.body(body, 200, { 'content-type': TYPES['.js']!, 'cache-control': 'public, max-age=3600' });
  });
  // The domain's pure modules the page shares with the server (SVG pictures), compiled on the fly is not
  // possible without a build, so the page imports them from /shared once they exist as plain JS.
  app.get('/*', async (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = normalize(join(webDir, decodeURIComponent(path)));
    if (!file.startsWith(webDir + sep)) return c.notFound();
    try {
      const body = await readFile(file);
      return c.body(body, 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
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
