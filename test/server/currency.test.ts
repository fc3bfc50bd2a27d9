import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../src/engine/engine.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';

const body = async <T>(res: Response) => (await res.json()) as T;
type ErrorBody = { error: { message: string; field?: string } };

describe("a client's currency", () => {
  it('is asked for with a new client and carried in the session view', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession({ currency: 'eur' });
    const view = await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`));
    expect(view.client.currency).toBe('EUR');
  });

  it('is null, "not set", when none was given', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession();
    expect((await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`))).client.currency).toBeNull();
  });

  it('can be changed or cleared with PATCH on the client', async () => {
    const h = harness(new ScriptedFacilitator());
    const { session } = await h.createSession({ currency: 'USD' });
    const { client } = await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`));
    const changed = await h.json('PATCH', `/api/clients/${client.id}`, { currency: 'CHF' });
    expect(changed.status).toBe(200);
    expect((await body<{ client: { currency: string } }>(changed)).client.currency).toBe('CHF');
    expect((await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`))).client.currency).toBe('CHF');
    await h.json('PATCH', `/api/clients/${client.id}`, { currency: null });
    expect((await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`))).client.currency).toBeNull();
  });

  it('is set on a known client by a new session that names one', async () => {
    const h = harness(new ScriptedFacilitator());
    await h.createSession();
    const { session } = await h.createSession({ quarter: '2027-Q2', currency: 'GBP' });
    expect((await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`))).client.currency).toBe('GBP');
  });

  it.each(['€', 'EURO', 'XYZ', 12])('refuses %s with a 422 naming the field', async (bad) => {
    const h = harness(new ScriptedFacilitator());
    const created = await h.json('POST', '/api/sessions', {
      clientName: 'Acme',
      industry: 'Retail',
      quarter: '2027-Q1',
      currency: bad,
    });
    expect(created.status).toBe(422);
    const error = (await body<ErrorBody>(created)).error;
    expect(error.field).toBe('currency');
    expect(error.message).toMatch(/ISO 4217/);
    expect(await body(await h.app.request('/api/clients'))).toEqual({ clients: [] });

    const { session } = await h.createSession();
    const { client } = await body<SessionView>(await h.app.request(`/api/sessions/${session.id}`));
    const patched = await h.json('PATCH', `/api/clients/${client.id}`, { currency: bad });
    expect(patched.status).toBe(422);
    expect((await body<ErrorBody>(patched)).error.field).toBe('currency');
  });
});
