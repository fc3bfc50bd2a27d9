import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, artifactForms } from '../domain/index.js';
import type { Engine } from '../engine/engine.js';
import { errorResponse, validate } from './errors.js';
import {
  type AccessPolicy,
  accessGate,
  allowedHostNames,
  hostAllowList,
  jsonBodies,
  sameOriginWrites,
  securityHeaders,
  wellFormedPath,
} from './protection/index.js';
import { ARCHIVE_MAX_BYTES, backupRoutes } from './routes/backup.js';
import { exportRoutes } from './routes/exports.js';
import { libraryRoutes } from './routes/library.js';
import { sessionRoutes } from './routes/sessions.js';
import { SearchQuery } from './schemas.js';

export interface AppOptions {
  readonly engine: Engine;
  readonly version: string;
  /** Serves the page and its modules; absent in API-only tests. */
  readonly staticRoutes?: Hono;
  /** Who may reach the server; by default its loopback names, with no token (in-process tests). */
  readonly access?: AccessOptions;
}

export interface AccessOptions {
  /** Host names requests may address it by (see allowedHostNames). */
  readonly allowedHosts: ReadonlySet<string>;
  readonly policy: AccessPolicy;
}

const LOOPBACK_ONLY: AccessOptions = { allowedHosts: allowedHostNames('127.0.0.1', []), policy: { kind: 'open' } };

export function createApp({ engine, version, staticRoutes, access = LOOPBACK_ONLY }: AppOptions): Hono {
  const app = new Hono();
  app.onError((e, c) => errorResponse(c, e));
  const noSuchRoute = (c: Context) =>
    errorResponse(c, new AppError('not_found', `There is no ${c.req.method} ${c.req.path}.`));
  app.notFound(noSuchRoute);
  // In this order: every answer gets the headers; a path that cannot be read, a name that is not
  // ours, a write from another site are refused before the token is even looked at; then the token.
  app.use(
    '*',
    securityHeaders(),
    wellFormedPath(),
    hostAllowList(access.allowedHosts),
    sameOriginWrites(),
    accessGate(access.policy),
    jsonBodies(),
  );
  const apiLimit = limitBody(1024 * 1024);
  // A backup archive being restored holds every transcript: it gets room of its own.
  const archiveLimit = limitBody(ARCHIVE_MAX_BYTES);
  app.use('/api/*', (c, next) => (c.req.path === '/api/restore' ? archiveLimit(c, next) : apiLimit(c, next)));
  app.use('/login', limitBody(16 * 1024));

  app.get('/api/health', (c) =>
    c.json({ ok: true, version, provider: engine.identity, lastModelCall: engine.lastModelCall }),
  );
  /** The artifacts' fields as the page's forms show them, described from the artifact schemas (one source). */
  const forms = artifactForms();
  app.get('/api/forms', (c) => c.json({ forms }));
  app.get('/api/search', (c) => {
    const { q, clientId } = validate(SearchQuery, c.req.query());
    return c.json({ query: q, hits: engine.search(q, clientId) });
  });
  app.route('/api', libraryRoutes(engine));
  app.route('/api', backupRoutes(engine, version));
  app.route('/api/sessions', sessionRoutes(engine));
  app.route('/api/sessions', exportRoutes(engine));
  // The page's client-side routes must not answer for the API: an unknown API path is a JSON 404.
  app.all('/api/*', noSuchRoute);
  if (staticRoutes) app.route('/', staticRoutes);
  return app;
}

/**
 * Refuses a request body over `maxSize` with a 400 naming the body. A declared Content-Length is
 * checked from the header alone. Hono's bodyLimit would first touch `c.req.raw.body`, which makes
 * @hono/node-server build a full web Request with a stream over the socket and then read the JSON
 * through that stream instead of straight from the socket: about 0.3 ms a post (bench/). A body of
 * unknown length (chunked) still goes through bodyLimit, which counts it as it reads.
 */
function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    errorResponse(
      c,
      new AppError('validation', `The request body is larger than ${sizeInWords(maxSize)}.`, { field: '(body)' }),
    );
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
    }
    return streamed(c, next);
  };
}

const sizeInWords = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);
