import { Engine } from '../../src/engine/engine.js';
import type { Facilitator } from '../../src/engine/facilitator.js';
import { createApp } from '../../src/server/app.js';
import { openDatabase, type Db } from '../../src/storage/index.js';

/** The whole server in-process, called with app.request: no port. */
export function harness(facilitator: Facilitator, options: { db?: Db; flushIntervalMs?: number } = {}) {
  const db = options.db ?? openDatabase(':memory:');
  const engine = new Engine({ db, facilitator, flushIntervalMs: options.flushIntervalMs ?? 20 });
  const app = createApp({ engine, version: 'test' });
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const createSession = async (over: Record<string, unknown> = {}) => {
    const res = await json('POST', '/api/sessions', {
      clientName: 'Northwind Logistics',
      industry: 'Logistics',
      quarter: '2027-Q1',
      ...over,
    });
    if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
    return (await res.json()) as { session: { id: number } };
  };
  /** Accepts the step's draft as the page's *Accept all* does, confirming the values it lists as read from the chat. */
  const acceptDraft = (id: number, step: string, body: Record<string, unknown> = {}) =>
    json('POST', `/api/sessions/${id}/artifacts/${step}/accept`, { confirmReadings: true, ...body });
  return { db, engine, app, json, createSession, acceptDraft };
}
