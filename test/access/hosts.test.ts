/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches the
 * server with `Host: evil.example`. The real server answers only the names it knows, before any route.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawHttp.js';
import { startServerProcess, tempDatabasePath, untilOutput, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let databasePath: string;
let port: string;
let sessionId: number;

beforeAll(async () => {
  databasePath = tempDatabasePath();
  server = await startServerProcess({
    DATABASE_PATH: databasePath,
    PROVIDER: 'offline',
    ALLOWED_HOSTS: 'Foresight.example.com, studio.local',
  });
  port = new URL(server.url).port;
  const created = await rawRequest(server.url, {
    method: 'POST',
    path: '/api/sessions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q1' }),
  });
  sessionId = created.json<{ session: { id: number } }>().session.id;
  const posted = await rawRequest(server.url, {
    method: 'POST',
    path: `/api/sessions/${sessionId}/messages`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'Confidential: we plan to sell the Rotterdam depot.' }),
  });
  expect(posted.status).toBe(200);
});

afterAll(async () => {
  await server?.kill();
  if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
});

const as = (host: string, path: string, method = 'GET') =>
  rawRequest(server.url, {
    method,
    path,
    headers: { host, 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: '{}' }),
  });

describe('the Host allow-list', () => {
  it('a rebinding Host reads nothing: 421 on the transcript, the page and a write', async () => {
    const transcript = () => as(`127.0.0.1:${port}`, `/api/sessions/${sessionId}/messages`);
    const before = (await transcript()).body;
    for (const [path, method] of [
      [`/api/sessions/${sessionId}/messages`, 'GET'],
      ['/api/clients', 'GET'],
      [`/api/sessions/${sessionId}/export/memo.md`, 'GET'],
      ['/', 'GET'],
      [`/api/sessions/${sessionId}/draft`, 'POST'],
    ] as const) {
      const res = await as(`evil.example:${port}`, path, method);
      expect(res.status, `${method} ${path}`).toBe(421);
      expect(res.body).not.toContain('Rotterdam');
      expect(res.body).not.toContain('Northwind');
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(
        /does not answer to the name "evil.example".*ALLOWED_HOSTS/,
      );
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    // The refused draft did not run.
    expect((await transcript()).body).toBe(before);
  });

  it('answers its loopback names, with or without the port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST', `[::1]:${port}`]) {
      const res = await as(host, `/api/sessions/${sessionId}/messages`);
      expect(res.status, host).toBe(200);
      expect(res.body).toContain('Rotterdam');
    }
  });

  it('answers the names in ALLOWED_HOSTS, and no name that merely contains one', async () => {
    expect((await as('foresight.example.com', '/api/clients')).status).toBe(200);
    expect((await as(`studio.local:${port}`, '/api/clients')).status).toBe(200);
    expect((await as('foresight.example.com.evil.example', '/api/clients')).status).toBe(421);
    expect((await as('evil-foresight.example.com', '/api/clients')).status).toBe(421);
  });

  it('the banner says who can reach it and the names it answers to', async () => {
    await untilOutput(server, 'Sessions stored in');
    expect(server.output()).toContain('Who can reach it: this machine only (bound to 127.0.0.1).');
    expect(server.output()).toContain('localhost, 127.0.0.1, [::1], foresight.example.com, studio.local');
    expect(server.output()).toContain('Access token: off.');
  });
});
