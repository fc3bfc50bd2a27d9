import { serve } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/storage/index.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';

/** Request bodies as Node delivers them under @hono/node-server: whole with the headers, chunked, or malformed. */
describe('request bodies on a real socket', () => {
  const db = openDatabase(':memory:');
  const app = createApp({ engine: new Engine({ db, facilitator: new ScriptedFacilitator() }), version: 'test' });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  let port = 0;
  beforeAll(async () => {
    if (!server.listening) await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => void server.close());

  /** Posts the pieces as separate writes, `gapMs` apart, and reads the whole answer. */
  const post = (path: string, pieces: Array<string | Buffer>, headers: Record<string, string>, gapMs = 0) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { port, host: '127.0.0.1', path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      const writeFrom = (i: number) => {
        if (i === pieces.length) return void req.end();
        req.write(pieces[i]!);
        if (gapMs > 0) setTimeout(() => writeFrom(i + 1), gapMs);
        else writeFrom(i + 1);
      };
      writeFrom(0);
    });
  const session = JSON.stringify({ clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q1' });

  it('reads a body sent whole with its Content-Length', async () => {
    const res = await post('/api/sessions', [session], { 'content-length': String(Buffer.byteLength(session)) });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).session.quarter).toBe('2027-Q1');
  });

  it('reads a chunked body, and one whose bytes come in two writes', async () => {
    // Another quarter: the same client's 2027-Q1 exists since the test above (a duplicate is a 409).
    const q3 = session.replace('2027-Q1', '2027-Q3');
    const chunked = await post('/api/sessions', [q3.slice(0, 20), q3.slice(20)], {
      'transfer-encoding': 'chunked',
    });
    expect(chunked.status).toBe(201);
    const utf8 = JSON.stringify({
      clientName: 'Société Générale Logistique',
      industry: 'Logistics',
      quarter: '2027-Q2',
    });
    const bytes = Buffer.from(utf8);
    // Cut inside "é": the halves are not valid UTF-8 on their own.
    const split = await post(
      '/api/sessions',
      [bytes.subarray(0, 21), bytes.subarray(21)],
      { 'content-length': String(bytes.length) },
      20,
    );
    expect(split.body).toContain('"session"');
    expect(split.status).toBe(201);
    expect(JSON.parse(split.body).client.name).toBe('Société Générale Logistique');
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const res = await post('/api/sessions', ['{"clientName": '], { 'content-length': '15' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/not valid JSON/);
  });
});
