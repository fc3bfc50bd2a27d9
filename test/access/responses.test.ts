/**
 * What every answer of the real server carries, and how it refuses what it cannot read: security
 * headers on every response (streams and exports included), no-store on the API, a JSON 404 for an
 * unknown API path, a 400 for a malformed path, a 422 for text that is not Unicode.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../support/rawHttp.js';
import { startServerProcess, tempDatabasePath, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let databasePath: string;
let sessionId: number;
const JSON_HEADERS = { 'content-type': 'application/json' };

beforeAll(async () => {
  databasePath = tempDatabasePath();
  server = await startServerProcess({ DATABASE_PATH: databasePath, PROVIDER: 'offline', STREAM_FLUSH_MS: '20' });
  const created = await post('/api/sessions', {
    clientName: 'Northwind Logistics',
    industry: 'Logistics',
    quarter: '2027-Q1',
  });
  expect(created.status).toBe(201);
  sessionId = created.json<{ session: { id: number } }>().session.id;
});

afterAll(async () => {
  await server?.kill();
  if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.url, { path, headers });
const post = (path: string, body: unknown) =>
  rawRequest(server.url, { method: 'POST', path, headers: JSON_HEADERS, body: JSON.stringify(body) });

function expectSecurityHeaders(res: RawResponse) {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
}

describe('headers on every response', () => {
  it('the page and its modules carry the security headers', async () => {
    for (const path of ['/', '/app.js', '/styles.css', '/vendor/preact.mjs', '/sessions/1']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
    }
  });

  it('every API answer, errors included, also says no-store', async () => {
    for (const path of [
      '/api/health',
      '/api/clients',
      `/api/sessions/${sessionId}`,
      '/api/sessions/999',
      '/api/nope',
    ]) {
      const res = await get(path);
      expectSecurityHeaders(res);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('a streamed reply and a reattached stream carry them too', async () => {
    const streamed = await post(`/api/sessions/${sessionId}/messages`, { content: 'We move freight for retailers.' });
    expect(streamed.status).toBe(200);
    expect(streamed.headers['content-type']).toContain('text/event-stream');
    expect(streamed.body).toContain('event: done');
    expectSecurityHeaders(streamed);
    expect(streamed.headers['cache-control']).toMatch(/^no-store\b/);
    const reattached = await get(`/api/sessions/${sessionId}/stream`);
    expect(reattached.headers['content-type']).toContain('text/event-stream');
    expectSecurityHeaders(reattached);
    expect(reattached.headers['cache-control']).toMatch(/^no-store\b/);
  });

  it('every export carries them, with no-store', async () => {
    for (const file of ['memo.md', 'memo.html', 'roadmap.csv', 'risks.csv', 'state-of-the-tech.md']) {
      const res = await get(`/api/sessions/${sessionId}/export/${file}`);
      expect(res.status, file).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers['cache-control'], file).toBe('no-store');
    }
  });
});

describe('paths the server does not know or cannot read', () => {
  it('an unknown API path is a JSON 404, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api/sessions/1/nope'],
      ['POST', '/api/nope'],
    ] as const) {
      const res = await rawRequest(server.url, { method, path, headers: JSON_HEADERS, body: '{}' });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json<{ error: { message: string } }>().error.message).toBe(`There is no ${method} ${path}.`);
    }
  });

  it('a malformed percent-encoding in the path is a 400, with no stack trace in the log', async () => {
    for (const path of ['/%FF', '/abc%', '/api/sessions/%E0%A4%A', '/%ED%A0%80']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/address is malformed/);
      expectSecurityHeaders(res);
    }
    expect(server.output()).not.toMatch(/URIError|Unexpected error|\n\s+at /);
  });
});

describe('text that is not Unicode is refused, not stored as something else', () => {
  const messages = async () =>
    (await get(`/api/sessions/${sessionId}/messages`)).json<{ messages: unknown[] }>().messages;
  const sessions = async () => (await get('/api/sessions')).json<{ sessions: unknown[] }>().sessions;

  it('an escaped lone surrogate is a 422 naming the field', async () => {
    const before = await messages();
    const res = await rawRequest(server.url, {
      method: 'POST',
      path: `/api/sessions/${sessionId}/messages`,
      headers: JSON_HEADERS,
      body: '{"content": "Margin fell \\ud800 sharply"}',
    });
    expect(res.status).toBe(422);
    const { error } = res.json<{ error: { field: string; message: string } }>();
    expect(error.field).toBe('content');
    expect(error.message).toMatch(/"content" is not valid Unicode text.*lone surrogate/);
    expect(await messages()).toEqual(before);
  });

  it('bytes that are not UTF-8 are a 422 naming the field', async () => {
    const before = await sessions();
    const body = Buffer.concat([
      Buffer.from('{"clientName": "Acme '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('", "industry": "Retail", "quarter": "2027-Q2"}'),
    ]);
    const res = await rawRequest(server.url, { method: 'POST', path: '/api/sessions', headers: JSON_HEADERS, body });
    expect(res.status).toBe(422);
    const { error } = res.json<{ error: { field: string; message: string } }>();
    expect(error.field).toBe('clientName');
    expect(error.message).toMatch(/not UTF-8/);
    expect(await sessions()).toEqual(before);
  });

  it('a surrogate pair (an emoji) is text like any other', async () => {
    const res = await post('/api/sessions', { clientName: 'Acme 🚚', industry: 'Retail', quarter: '2027-Q3' });
    expect(res.status).toBe(201);
    expect(res.json<{ client: { name: string } }>().client.name).toBe('Acme 🚚');
  });
});
