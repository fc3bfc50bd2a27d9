import { Hono } from 'hono';
import { notFound } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import type { Trashed } from '../../engine/library.js';
import { readJson } from '../body.js';
import { validate } from '../errors.js';
import { ClientIdParam, ListClientsQuery, SessionIdParam, UpdateClientBody, UpdateSessionBody } from '../schemas.js';

/** Renaming, archiving, the trash and restoring from it: clients and sessions as an advisor manages them. */
export function libraryRoutes(engine: Engine): Hono {
  const app = new Hono();
  const library = engine.library;
  const clientId = (raw: string) => {
    const parsed = ClientIdParam.safeParse(raw);
    if (!parsed.success) throw notFound(`Client "${raw}"`);
    return parsed.data;
  };
  const sessionId = (raw: string) => {
    const parsed = SessionIdParam.safeParse(raw);
    if (!parsed.success) throw notFound(`Session "${raw}"`);
    return parsed.data;
  };
  /** A delete answers with what went to the trash and the request that undoes it. */
  const withUndo = (t: Trashed) => ({
    trashed: t,
    undo: { method: 'POST', path: `/api/${t.kind === 'client' ? 'clients' : 'sessions'}/${t.id}/restore` },
  });

  app.get('/clients', (c) => {
    const { archived } = validate(ListClientsQuery, c.req.query());
    return c.json({ clients: library.listClients(archived) });
  });
  app.patch('/clients/:id', async (c) => {
    const id = clientId(c.req.param('id'));
    return c.json({ client: library.updateClient(id, await readJson(c, UpdateClientBody)) });
  });
  app.delete('/clients/:id', (c) => c.json(withUndo(library.trashClient(clientId(c.req.param('id'))))));
  app.post('/clients/:id/restore', (c) => c.json({ client: library.restoreClient(clientId(c.req.param('id'))) }));

  app.patch('/sessions/:id', async (c) => {
    const id = sessionId(c.req.param('id'));
    const { title } = await readJson(c, UpdateSessionBody);
    return c.json({ session: library.renameSession(id, title || null) });
  });
  app.delete('/sessions/:id', (c) => c.json(withUndo(library.trashSession(sessionId(c.req.param('id'))))));
  app.post('/sessions/:id/restore', (c) => c.json({ session: library.restoreSession(sessionId(c.req.param('id'))) }));

  app.get('/trash', (c) => c.json(library.trash()));
  app.delete('/trash', (c) => c.json({ purged: library.emptyTrash() }));
  return app;
}
