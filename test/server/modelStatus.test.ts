import { describe, expect, it } from 'vitest';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { readSSE } from '../support/sse.js';
import { createOfflineFacilitator } from '../../src/facilitators/offline/index.js';

const health = async (h: ReturnType<typeof harness>) =>
  (await (await h.app.request('/api/health')).json()) as {
    lastModelCall: null | { ok: boolean; kind?: string; message?: string; at: string };
  };

describe("the model's last call, in /api/health", () => {
  it('says nothing before the first call, names a failed one with its message, and clears when the model answers again', async () => {
    const facilitator = new ScriptedFacilitator();
    const h = harness(facilitator);
    const { session } = await h.createSession();
    expect((await health(h)).lastModelCall).toBeNull();

    facilitator.script = { chunks: ['Hello ', 'there.'], failAfter: 0 };
    await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' }));
    expect((await health(h)).lastModelCall).toMatchObject({
      ok: false,
      kind: 'network',
      message: 'The connection to the model broke mid-reply.',
    });

    facilitator.script = { chunks: ['Hello ', 'there.'] };
    await readSSE(await h.json('POST', `/api/sessions/${session.id}/retry`));
    expect((await health(h)).lastModelCall).toMatchObject({ ok: true });
  });

  it('counts a reply the user stopped as nothing, and an answer that failed validation as the model answering', async () => {
    const facilitator = new ScriptedFacilitator();
    const h = harness(facilitator);
    const { session } = await h.createSession();
    facilitator.script = { chunks: ['a', 'b', 'c', 'd'], delayMs: 50 };
    const post = h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' });
    const response = await post;
    await h.json('POST', `/api/sessions/${session.id}/stop`);
    await readSSE(response);
    expect((await health(h)).lastModelCall).toBeNull();

    // The scripted draft fails validation (invalid_output): the model was reached.
    await readSSE(await h.json('POST', `/api/sessions/${session.id}/draft`));
    expect((await health(h)).lastModelCall).toMatchObject({ ok: true });
  });

  it('stays null with the offline facilitator', async () => {
    const h = harness(createOfflineFacilitator());
    const { session } = await h.createSession();
    await readSSE(await h.json('POST', `/api/sessions/${session.id}/messages`, { content: 'We broker freight.' }));
    expect((await health(h)).lastModelCall).toBeNull();
  });
});
