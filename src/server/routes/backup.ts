import { Hono } from 'hono';
import { z } from 'zod';
import { invalid } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { slug } from '../../export/index.js';
import { validate } from '../errors.js';

/** The largest archive the page can upload; a larger one restores with `npm run restore`. */
export const ARCHIVE_MAX_BYTES = 256 * 1024 * 1024;

const BackupQuery = z.object({ clientId: z.coerce.number().int().positive().optional() });
const RestoreQuery = z.object({ merge: z.enum(['true', 'false']).default('false') });

/** Back up (download an archive) and restore (upload one), as `npm run backup` and `npm run restore` do. */
export function backupRoutes(engine: Engine, version: string): Hono {
  const app = new Hono();

  app.get('/backup', (c) => {
    const { clientId } = validate(BackupQuery, c.req.query());
    const archive = engine.library.backup(version, clientId);
    const who = 'client' in archive.scope ? `_${slug(archive.scope.client, 'client')}` : '';
    const name = `foresight-backup${who}_${archive.createdAt.slice(0, 10)}.json`;
    return c.body(JSON.stringify(archive), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  /** The body is the archive file as it was downloaded; `?merge=true` joins clients of the same name. */
  app.post('/restore', async (c) => {
    const { merge } = validate(RestoreQuery, c.req.query());
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length === 0) throw invalid('Choose a backup file (.json) to restore.', 'archive');
    const report = engine.library.restore(bytes.toString('utf8'), { mergeClients: merge === 'true' });
    return c.json({ restored: report }, 201);
  });

  return app;
}
