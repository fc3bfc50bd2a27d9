import { describe, expect, it } from 'vitest';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { minimal } from '../support/minimal.js';

type ErrorBody = { error: { kind: string; message: string; field?: string } };

/** A snapshot of everything stored, to prove a refused request changed nothing. */
function snapshot(h: ReturnType<typeof harness>) {
  const all = (table: string) => h.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  return JSON.stringify({ c: all('clients'), s: all('sessions'), m: all('messages'), a: all('artifacts') });
}

async function expectError(res: Response, status: number, message: RegExp, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as ErrorBody;
  expect(body.error.message).toMatch(message);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body;
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  it('malformed JSON is a 400 saying so', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    const before = snapshot(h);
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/messages`, '{"content": "unterminated'),
      400,
      /not valid JSON/,
    );
    await expectError(await h.json('POST', '/api/sessions', '{nope'), 400, /not valid JSON/);
    expect(snapshot(h)).toBe(before);
  });

  it('a missing or wrong field is a 422 naming the field', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    const before = snapshot(h);
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/messages`, {}),
      422,
      /content.*required/,
      'content',
    );
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: '   ' }),
      422,
      /must not be empty/,
      'content',
    );
    await expectError(
      await h.json('POST', '/api/sessions', { clientName: 'Acme', industry: 'Retail', quarter: 'Q1 2027' }),
      422,
      /2027-Q1/,
      'quarter',
    );
    await expectError(
      await h.json('POST', '/api/sessions', { industry: 'Retail', quarter: '2027-Q1' }),
      422,
      /required/,
      'clientName',
    );
    await expectError(await h.json('POST', `/api/sessions/${session.id}/back`, { to: 'strategy' }), 422, /./, 'to');
    expect(snapshot(h)).toBe(before);
  });

  it('a step out of order is a 409 that says what to do', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    const before = snapshot(h);
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/advance`, {}),
      409,
      /The company context is not drafted yet/,
    );
    await expectError(await h.json('POST', `/api/sessions/${session.id}/back`, { to: 'roadmap' }), 409, /earlier step/);
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/confirm`, { step: 'trends' }),
      409,
      /not stale/,
    );
    await expectError(
      await h.json('PUT', `/api/sessions/${session.id}/artifacts/roadmap`, { data: minimal.roadmap() }),
      409,
      /not been reached/,
    );
    expect(snapshot(h)).toBe(before);
  });

  it('an unknown session id is a 404, as is an unknown route', async () => {
    const h = harness(new ScriptedFacilitator());
    await expectError(await h.app.request('/api/sessions/9999'), 404, /Session 9999 was not found/);
    await expectError(await h.json('POST', '/api/sessions/9999/messages', { content: 'Hello' }), 404, /not found/);
    await expectError(await h.app.request('/api/sessions/abc'), 404, /not found/);
    await expectError(await h.app.request('/api/nothing-here'), 404, /There is no GET/);
  });

  it('an invalid artifact edit is a 422 with the path of the bad field, and keeps the history', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    const ok = await h.json('PUT', `/api/sessions/${session.id}/artifacts/context`, { data: minimal.context() });
    expect(ok.status).toBe(200);
    const before = snapshot(h);
    const bad = { ...minimal.context(), keyNumbers: [{ label: 'ARR', value: '' }] };
    await expectError(
      await h.json('PUT', `/api/sessions/${session.id}/artifacts/context`, { data: bad }),
      422,
      /data\.keyNumbers\.0\.value/,
      'data.keyNumbers.0.value',
    );
    await expectError(await h.json('PUT', `/api/sessions/${session.id}/artifacts/nonsense`, { data: {} }), 422, /./);
    expect(snapshot(h)).toBe(before);
  });

  it('a body over 1 MB is refused', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    await expectError(
      await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'x'.repeat(1_100_000) }),
      400,
      /larger than 1 MB/,
    );
  });

  it('search needs words', async () => {
    const h = harness(new ScriptedFacilitator());
    await expectError(await h.app.request('/api/search?q='), 422, /type something/, 'q');
  });
});
