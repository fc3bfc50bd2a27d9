/**
 * Who may change what is stored, at the HTTP level (the browser side is test/browser/crossSite.test.ts):
 * a write from another origin or site is a 403, a body that is not JSON a 415, and a script that
 * sends neither Origin nor Sec-Fetch-Site is served as before.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawHttp.js';
import { startServerProcess, tempDatabasePath, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let databasePath: string;
let own: string;

beforeAll(async () => {
  databasePath = tempDatabasePath();
  server = await startServerProcess({ DATABASE_PATH: databasePath, PROVIDER: 'offline' });
  own = server.url;
});

afterAll(async () => {
  await server?.kill();
  if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
});

const newSession = JSON.stringify({ clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q1' });
const create = (headers: Record<string, string>, body = newSession) =>
  rawRequest(server.url, { method: 'POST', path: '/api/sessions', headers, body });
const clientNames = async () =>
  (await rawRequest(server.url, { path: '/api/clients' }))
    .json<{ clients: { name: string }[] }>()
    .clients.map((c) => c.name);

describe('writes come from the server’s own page only', () => {
  it('the curl of the finding (text/plain, a foreign Origin) is refused and creates nothing', async () => {
    const res = await create({ 'content-type': 'text/plain', origin: 'http://127.0.0.1:44851' });
    expect(res.status).toBe(403);
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      "Changes are accepted only from this server's own page; this request came from http://127.0.0.1:44851. Nothing was changed.",
    );
    expect(await clientNames()).toEqual([]);
  });

  it('a foreign Origin is a 403 even with a JSON body, and so is Origin: null', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `${own.replace('127.0.0.1', 'localhost')}`,
      'http://127.0.0.1',
    ]) {
      const res = await create({ 'content-type': 'application/json', origin });
      expect(res.status, origin).toBe(403);
    }
    expect(await clientNames()).toEqual([]);
  });

  it('a Sec-Fetch-Site other than same-origin or none is a 403', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await create({ 'content-type': 'application/json', 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(`Sec-Fetch-Site: ${site}`);
    }
    expect(await clientNames()).toEqual([]);
  });

  it('a body that is not JSON is a 415, whoever sends it', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await create({ 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/Content-Type: application\/json/);
    }
    expect((await create({})).status).toBe(415);
    expect(await clientNames()).toEqual([]);
  });

  it('the own page’s requests, and scripts that send neither header, are served', async () => {
    const fromPage = await create({
      'content-type': 'application/json; charset=utf-8',
      origin: own,
      'sec-fetch-site': 'same-origin',
    });
    expect(fromPage.status).toBe(201);
    const typed = await create(
      { 'content-type': 'application/json', 'sec-fetch-site': 'none' },
      newSession.replace('2027-Q1', '2027-Q2'),
    );
    expect(typed.status).toBe(201);
    const script = await create({ 'content-type': 'application/json' }, newSession.replace('2027-Q1', '2027-Q3'));
    expect(script.status).toBe(201);
    // A write with no body at all needs no content type.
    const id = script.json<{ session: { id: number } }>().session.id;
    const draft = await rawRequest(server.url, { method: 'POST', path: `/api/sessions/${id}/draft` });
    expect(draft.status).toBe(200);
    expect(draft.body).toContain('event: done');
    expect(await clientNames()).toEqual(['Northwind Logistics']);
  });

  it('reading needs no Origin check: a GET from another site is not a write', async () => {
    const res = await rawRequest(server.url, { path: '/api/health', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});
