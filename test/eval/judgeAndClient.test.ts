import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { factsOf, modelClient } from '../../eval/clientModel.js';
import { JudgeVerdict, dialogueTranscript, judgeDialogue } from '../../eval/judge.js';
import { loadPersonas } from '../../eval/persona.js';
import { loadEvalPrompt } from '../../eval/prompts.js';
import type { SessionRecord } from '../../eval/record.js';
import type { ChatMessage, ChatModel } from '../../src/providers/index.js';

/** A ChatModel that answers with what it is given and records what it was sent. */
function recordingModel(answer: { text?: string; value?: unknown }) {
  const sent: ChatMessage[][] = [];
  const model: ChatModel = {
    identity: { provider: 'openai', label: 'test double', model: 'test' },
    async *stream(messages) {
      sent.push([...messages]);
      yield { type: 'text-delta', text: answer.text ?? '' };
      yield { type: 'finish', usage: { tokensIn: 120, tokensOut: 30 }, finishReason: 'stop' };
    },
    async structured<T>(messages: readonly ChatMessage[], schema: z.ZodType<T>) {
      sent.push([...messages]);
      return { value: schema.parse(answer.value), usage: { tokensIn: 900, tokensOut: 80 }, calls: [] };
    },
  };
  return { model, sent };
}

const persona = loadPersonas(undefined, ['freight-carrier'])[0]!;
const record = {
  persona,
  session: { clientName: 'Ridgeline Freight', industry: 'Trucking', quarter: '2027-Q1' },
  messages: [
    { id: 1, step: 'context', role: 'user', kind: 'chat', content: 'Context answer', status: 'complete' },
    {
      id: 2,
      step: 'dialogue',
      role: 'assistant',
      kind: 'opening',
      content: 'What does autonomy touch first?',
      status: 'complete',
    },
    { id: 3, step: 'dialogue', role: 'user', kind: 'chat', content: 'All drivers gone by 2028.', status: 'complete' },
    { id: 4, step: 'dialogue', role: 'assistant', kind: 'draft', content: 'Updated the ledger.', status: 'complete' },
  ],
} as unknown as SessionRecord;

describe('the judge', () => {
  const verdict = {
    buildsOnAnswers: 2,
    challengesAssumptions: 3,
    variesFamilies: 4,
    staysConcrete: 2,
    score: 3,
    reasons: ['Moved on after “all drivers gone by 2028” without asking how sure.'],
  };

  it('reads the dialogue alone, in order, the drafts left out', () => {
    expect(dialogueTranscript(record)).toBe(
      'Facilitator: What does autonomy touch first?\n\nClient: All drivers gone by 2028.',
    );
  });

  it('sends the rubric with the dialogue and scores it, with its reasons and tokens', async () => {
    const { model, sent } = recordingModel({ value: verdict });
    const { check, tokens } = await judgeDialogue(model, loadEvalPrompt('judge'), record);
    expect(sent[0]![0]!.content).toContain('Client: All drivers gone by 2028.');
    expect(sent[0]![0]!.content).toContain('Ridgeline Freight');
    expect(check).toMatchObject({ name: 'judge_socratic', score: 3, passed: 0, total: 1 });
    expect(check.failures[0]!.excerpt).toContain('without asking how sure');
    expect(check.reasons).toContain(verdict.reasons[0]);
    expect(tokens).toEqual({ in: 900, out: 80 });
  });

  it('passes a dialogue scored 4 or more', async () => {
    const { model } = recordingModel({ value: { ...verdict, score: 4 } });
    const { check } = await judgeDialogue(model, loadEvalPrompt('judge'), record);
    expect(check).toMatchObject({ passed: 1, failures: [] });
  });

  it('refuses a score outside 1–5', () => {
    expect(JudgeVerdict.safeParse({ ...verdict, score: 6 }).success).toBe(false);
  });
});

describe('the client model', () => {
  it("answers the facilitator's last words from the persona's facts and voice", async () => {
    const { model, sent } = recordingModel({ text: ' Turnover is 68%, and it costs us. ' });
    const voice = modelClient(model, loadEvalPrompt('client'));
    const scripted = persona.steps.context[6]!;
    const said = await voice.answer({ persona, step: 'context', scripted, lastFacilitator: 'What are your numbers?' });
    expect(said).toEqual({ text: 'Turnover is 68%, and it costs us.', tokens: { in: 120, out: 30 } });
    const [system, user] = sent[0]!;
    expect(system!.content).toContain(factsOf(persona));
    expect(system!.content).toContain(persona.voice);
    expect(system!.content).not.toMatch(/\{\{/);
    expect(user).toEqual({ role: 'user', content: 'What are your numbers?' });
  });

  it('falls back to the scripted answer when the model says nothing', async () => {
    const { model } = recordingModel({ text: '  ' });
    const scripted = persona.steps.context[1]!;
    const said = await modelClient(model, loadEvalPrompt('client')).answer({
      persona,
      step: 'context',
      scripted,
      lastFacilitator: '',
    });
    expect(said.text).toBe(scripted.say);
  });
});
