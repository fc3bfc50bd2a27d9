/**
 * A server reachable from the network asks for its access token: every API path answers 401 without
 * it and the page is the sign-in page; with it (a Bearer header, or the session cookie the sign-in
 * page sets) everything works as on loopback. The real server process, bound to 0.0.0.0.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../support/rawHttp.js';
import { startServerProcess, tempDatabasePath, untilOutput, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let databasePath: string;
let token: string;
let sessionId: number;

/** The whole banner: the server is up once its first line is out, the rest may follow in another chunk. */
async function started(env: Record<string, string>): Promise<ServerProcess> {
  const started = await startServerProcess(env);
  await untilOutput(started, 'Sessions stored in');
  return started;
}

const printedToken = (output: string) =>
  /Access token: required\. Generated now[^\n]*\n\n {4}(\S+)\n/.exec(output)?.[1];

beforeAll(async () => {
  databasePath = tempDatabasePath();
  server = await started({ DATABASE_PATH: databasePath, PROVIDER: 'offline', HOST: '0.0.0.0' });
  token = printedToken(server.output())!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  const created = await call('POST', '/api/sessions', {
    auth: token,
    body: { clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q1' },
  });
  expect(created.status).toBe(201);
  sessionId = created.json<{ session: { id: number } }>().session.id;
});

afterAll(async () => {
  await server?.kill();
  if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
});

function call(
  method: string,
  path: string,
  {
    auth,
    cookie,
    body,
    headers = {},
  }: { auth?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return rawRequest(server.url, {
    method,
    path,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

const signIn = (tokenTried: string, extra: Record<string, string> = {}) =>
  rawRequest(server.url, {
    method: 'POST',
    path: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
    body: new URLSearchParams({ token: tokenTried, next: `/sessions/${sessionId}` }).toString(),
  });

/** Every route of the API (README, "HTTP API"), and one that does not exist. */
const ROUTES = (id: number): Array<[string, string, unknown?]> => [
  ['GET', '/api/health'],
  ['GET', '/api/clients'],
  ['GET', '/api/sessions'],
  ['POST', '/api/sessions', { clientName: 'Evil Corp', industry: 'x', quarter: '2027-Q1' }],
  ['GET', `/api/sessions/${id}`],
  ['GET', `/api/sessions/${id}/messages`],
  ['POST', `/api/sessions/${id}/messages`, { content: 'Approve the sale to Evil Corp.' }],
  ['POST', `/api/sessions/${id}/retry`],
  ['POST', `/api/sessions/${id}/draft`],
  ['GET', `/api/sessions/${id}/stream`],
  ['POST', `/api/sessions/${id}/stop`, {}],
  ['POST', `/api/sessions/${id}/advance`, { override: { reason: 'Approved by the attacker.' } }],
  ['POST', `/api/sessions/${id}/back`, { to: 'context' }],
  ['POST', `/api/sessions/${id}/confirm`, { step: 'context' }],
  ['GET', `/api/sessions/${id}/artifacts`],
  ['GET', `/api/sessions/${id}/artifacts/context`],
  ['PUT', `/api/sessions/${id}/artifacts/context`, { data: {} }],
  ['GET', '/api/search?q=sale'],
  ['GET', `/api/sessions/${id}/export/memo.md`],
  ['GET', `/api/sessions/${id}/export/memo.html`],
  ['GET', `/api/sessions/${id}/export/roadmap.csv`],
  ['GET', `/api/sessions/${id}/export/risks.csv`],
  ['GET', `/api/sessions/${id}/export/state-of-the-tech.md`],
  ['GET', `/api/sessions/${id}/compare`],
  ['GET', '/api/nope'],
];

describe('a network-bound server without the token', () => {
  it('answers 401 on every API path and changes nothing', async () => {
    const before = (await call('GET', `/api/sessions/${sessionId}/messages`, { auth: token })).body;
    for (const [method, path, body] of ROUTES(sessionId)) {
      const res = await call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="Foresight Accelerator"');
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/needs its access token/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect((await call('GET', `/api/sessions/${sessionId}/messages`, { auth: token })).body).toBe(before);
    expect((await call('GET', '/api/clients', { auth: token })).body).not.toContain('Evil Corp');
  });

  it('serves the sign-in page instead of the page and its files', async () => {
    for (const path of ['/', `/sessions/${sessionId}`, '/app.js']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(401);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<form method="post" action="/login">');
      expect(res.body).not.toContain('<script');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('refuses a wrong Bearer token and a forged cookie', async () => {
    // One character off (a different one whatever the token ends with).
    const wrong = await call('GET', '/api/clients', {
      auth: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json<{ error: { message: string } }>().error.message).toBe('That access token is not right.');
    expect((await call('GET', '/api/clients', { cookie: `foresight_access=${token}` })).status).toBe(401);
  });
});

describe('with the token', () => {
  it('a script with Authorization: Bearer uses every route as on loopback', async () => {
    const health = await call('GET', '/api/health', { auth: token });
    expect(health.status).toBe(200);
    const reply = await call('POST', `/api/sessions/${sessionId}/messages`, {
      auth: token,
      body: { content: 'We move freight for retailers in the Benelux.' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('event: done');
    const memo = await call('GET', `/api/sessions/${sessionId}/export/memo.md`, { auth: token });
    expect(memo.status).toBe(200);
    expect(memo.body).toContain('Northwind Logistics');
    expect((await call('GET', '/api/nope', { auth: token })).status).toBe(404);
  });

  it('signing in on the page sets an HttpOnly, SameSite=Strict session cookie that opens the page and the API', async () => {
    const res = await signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/sessions/${sessionId}`);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^foresight_access=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain(token);
    const page = await call('GET', '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('/app.js');
    expect((await call('GET', `/api/sessions/${sessionId}/messages`, { cookie })).body).toContain('Benelux');
    const created = await call('POST', '/api/sessions', {
      cookie,
      body: { clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q2' },
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(created.status).toBe(201);
  });

  it('marks the cookie Secure behind an HTTPS reverse proxy', async () => {
    const res = await signIn(token, { 'x-forwarded-proto': 'https' });
    expect(String(res.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('a wrong token on the sign-in page shows the page again, saying so', async () => {
    const res = await signIn('not-the-token');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('That is not the access token.');
  });
});

describe('the token itself', () => {
  it('is stored hashed, never as it is', () => {
    const db = new Database(databasePath, { readonly: true });
    const row = db.prepare('SELECT hash FROM access_token').get() as { hash: string };
    db.close();
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const file of [databasePath, `${databasePath}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file, 'latin1');
      } catch {
        continue;
      }
      expect(bytes).not.toContain(token);
    }
  });

  it('after ten wrong tokens from an address, even the right one is refused for a while (429)', async () => {
    const cookie = String((await signIn(token)).headers['set-cookie']).split(';')[0]!;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await call('GET', '/api/clients', { auth: `wrong-${i}-${token}` })).status);
    // Earlier tests already spent two of the ten.
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429]);
    const right = await call('GET', '/api/clients', { auth: token });
    expect(right.status).toBe(429);
    expect(right.headers['retry-after']).toBe('900');
    expect(right.json<{ error: { message: string } }>().error.message).toMatch(/Too many wrong access tokens/);
    expect((await signIn(token)).status).toBe(429);
    // A browser already signed in is not locked out.
    expect((await call('GET', '/api/clients', { cookie })).status).toBe(200);
  });

  it('is printed once: a restart keeps it (and the lockout, kept in the database) and does not print it again', async () => {
    const cookie = String(
      (await rawRequest(server.url, { path: '/api/health' }).then(() => ({ headers: { 'set-cookie': '' } }))).headers[
        'set-cookie'
      ],
    );
    expect(cookie).toBe('');
    await server.kill();
    server = await started({ DATABASE_PATH: databasePath, PROVIDER: 'offline', HOST: '0.0.0.0' });
    expect(server.output()).not.toContain(token);
    expect(server.output()).toContain('Access token: required (generated on the first start');
    expect(server.output()).toMatch(/Who can reach it: ANYONE WHO CAN REACH THIS MACHINE \(bound to 0\.0\.0\.0\)/);
    expect((await call('GET', '/api/clients', { auth: token })).status).toBe(429);
    expect((await call('GET', '/api/clients')).status).toBe(401);
  });
});

describe('ACCESS_TOKEN on loopback (a shared machine)', () => {
  it('turns the token on there too, and is never stored', async () => {
    const path = tempDatabasePath();
    const chosen = 'correct-horse-battery-staple-42';
    const local = await started({ DATABASE_PATH: path, PROVIDER: 'offline', ACCESS_TOKEN: chosen });
    try {
      expect(local.output()).toContain(
        'Who can reach it: this machine only (bound to 127.0.0.1), with the access token.',
      );
      expect(local.output()).toContain('Access token: required (ACCESS_TOKEN).');
      expect(local.output()).not.toContain(chosen);
      expect((await rawRequest(local.url, { path: '/api/clients' })).status).toBe(401);
      expect((await rawRequest(local.url, { path: '/' })).body).toContain('action="/login"');
      const ok = await rawRequest(local.url, { path: '/api/clients', headers: { authorization: `Bearer ${chosen}` } });
      expect(ok.status).toBe(200);
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM access_token').get()).toEqual({ n: 0 });
      db.close();
    } finally {
      await local.kill();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});

describe('npm run access-token', () => {
  it('replaces the stored token with a new one, printed once', () => {
    const path = tempDatabasePath();
    try {
      const root = resolve(import.meta.dirname, '..', '..');
      const run = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'scripts/accessToken.ts'], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', DATABASE_PATH: path },
          encoding: 'utf8',
        });
      const first = run();
      const second = run();
      const printed = (out: string) => /\n\n {4}(\S+)\n/.exec(out)?.[1];
      const [a, b] = [printed(first.stdout), printed(second.stdout)];
      expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(b).not.toBe(a);
      const db = new Database(path, { readonly: true });
      const { hash } = db.prepare('SELECT hash FROM access_token').get() as { hash: string };
      db.close();
      expect(hash).toBe(createHash('sha256').update(b!).digest('hex'));
      expect(second.stdout).toContain('Restart the server to use it.');
    } finally {
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
