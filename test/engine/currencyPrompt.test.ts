import { openAiTestModel } from '../support/models.js';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnInput } from '../../src/engine/facilitator.js';
import { ModelFacilitator } from '../../src/facilitators/model/modelFacilitator.js';
import { PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import { message, turnInput } from '../offline/driver.js';
import { allArtifacts } from '../support/minimal.js';
import { OPENAI_CHAT_URL, openAiStreamBody, replies, scriptedRoute } from '../support/wire.js';

describe("the model is told the client's currency", () => {
  const route = scriptedRoute('post', OPENAI_CHAT_URL, [
    replies.sse(openAiStreamBody(['Who owns it?'], { input: 10, output: 3 })),
  ]);
  const server = setupServer(route.handler);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const facilitator = new ModelFacilitator(openAiTestModel(), PromptLibrary.load(), 4000);

  /** The system prompt the model receives for a roadmap reply, for a client with `currency`. */
  async function systemPrompt(currency: string | null): Promise<string> {
    const base = turnInput('roadmap', allArtifacts(), [
      message({ step: 'roadmap', role: 'user', content: 'Pricing model first: about 450.000 one-off.' }),
    ]);
    const input: TurnInput = { ...base, session: { ...base.session, currency } };
    for await (const _ of facilitator.reply(input, new AbortController().signal)) {
      // drain the stream
    }
    const body = route.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    return body.messages.find((m) => m.role === 'system')!.content;
  }

  it('names the currency amounts are recorded in, as plain numbers', async () => {
    const system = await systemPrompt('EUR');
    expect(system).toContain("Northwind Logistics's currency: EUR. Record every amount as a plain number in it");
    expect(system).not.toContain('{{currency}}');
  });

  it('says it is not set, so the model asks rather than guesses', async () => {
    const system = await systemPrompt(null);
    expect(system).toContain("Northwind Logistics's currency: not set.");
    expect(system).toMatch(/ask which currency before recording it/);
  });
});
