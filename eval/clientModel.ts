/**
 * --client-model: a model plays the client from the persona's facts and voice, answering what the
 * facilitator actually asked. Traps are still said as scripted (runner.ts), so they stay comparable.
 */
import { STEPS } from '../src/domain/index.js';
import { fillTemplate } from '../src/facilitators/promptLibrary.js';
import type { ChatModel } from '../src/providers/index.js';
import type { Persona } from './persona.js';
import type { EvalPrompt } from './prompts.js';
import type { ClientVoice } from './runner.js';

export function factsOf(persona: Persona): string {
  const f = persona.facts;
  return [
    `- Revenue: ${f.revenue}`,
    `- People: ${f.headcount}`,
    `- Systems: ${f.systems.join('; ')}`,
    `- The CEO's goals: ${f.ceoGoals.join('; ')}`,
    `- Constraints: ${f.constraints.join('; ')}`,
    ...f.other.map((o) => `- ${o}`),
  ].join('\n');
}

export function modelClient(model: ChatModel, prompt: EvalPrompt): ClientVoice {
  return {
    async answer({ persona, step, scripted, lastFacilitator }) {
      const system = fillTemplate(prompt.text, {
        role: persona.voice.split(':')[0]!.trim(),
        client: persona.client.name,
        industry: persona.client.industry,
        region: persona.client.region,
        currency: persona.client.currency,
        step: STEPS[step].title,
        voice: persona.voice,
        facts: factsOf(persona),
        scripted: scripted.say,
      });
      let text = '';
      let tokens = { in: 0, out: 0 };
      for await (const part of model.stream(
        [
          { role: 'system', content: system },
          { role: 'user', content: lastFacilitator.trim() || '(The step begins; say what you came to say.)' },
        ],
        { signal: AbortSignal.timeout(300_000) },
      )) {
        if (part.type === 'text-delta') text += part.text;
        else tokens = { in: part.usage.tokensIn ?? 0, out: part.usage.tokensOut ?? 0 };
      }
      // An empty answer would be refused by the product; the scripted one keeps the session going.
      return { text: text.trim() || scripted.say, tokens };
    },
  };
}
