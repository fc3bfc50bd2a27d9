import { describe, expect, it } from 'vitest';
import {
  atMost70Words,
  buildsOnLastAnswer,
  familyNotRepeated,
  noAdviceInDialogue,
  noPraise,
  oneQuestion,
} from '../../eval/checks/turn.js';
import type { Turn } from '../../eval/checks/types.js';

const turn = (text: string, over: Partial<Turn> = {}): Turn => ({
  step: 'dialogue',
  messageId: 7,
  text,
  lastAnswer: 'Autonomous trucks will replace all our drivers by 2028.',
  family: null,
  previousFamily: null,
  previousQuestion: null,
  ...over,
});

describe('one_question', () => {
  it('passes a reply that asks exactly one question', () => {
    expect(oneQuestion(turn('What would have to be true for every driver to be gone by 2028?')).ok).toBe(true);
  });
  it('catches a questionnaire and a lecture', () => {
    expect(oneQuestion(turn('Why 2028? And which lanes first?'))).toEqual({ ok: false, detail: 'asks 2 questions' });
    expect(oneQuestion(turn('Autonomy is coming slowly. Regulation lags.'))).toEqual({
      ok: false,
      detail: 'asks no question',
    });
  });
  it('does not count a question the reply quotes from the client', () => {
    expect(oneQuestion(turn('You asked “should we worry?”. What would make it worrying for you?')).ok).toBe(true);
  });
});

describe('at_most_70_words', () => {
  it('passes 70 words and catches 71', () => {
    expect(atMost70Words(turn(`${'word '.repeat(69)}why?`)).ok).toBe(true);
    expect(atMost70Words(turn(`${'word '.repeat(70)}why?`))).toEqual({ ok: false, detail: '71 words' });
  });
});

describe('builds_on_answer', () => {
  it('passes a reply that takes up a word of the last answer', () => {
    expect(buildsOnLastAnswer(turn('Which drivers would go first, and why those?'))?.ok).toBe(true);
  });
  it('catches a reply that ignores the answer', () => {
    expect(buildsOnLastAnswer(turn('What is your cloud budget this year?'))?.ok).toBe(false);
  });
  it('does not apply after a skip or with no answer', () => {
    expect(buildsOnLastAnswer(turn('What is your cloud budget?', { lastAnswer: 'skip' }))).toBeNull();
    expect(buildsOnLastAnswer(turn('What is your cloud budget?', { lastAnswer: null }))).toBeNull();
  });
});

describe('no_praise', () => {
  it('catches a compliment', () => {
    expect(noPraise(turn('Great point! What makes 2028 the year?')).ok).toBe(false);
    expect(noPraise(turn('That is a really insightful observation. Why 2028?')).ok).toBe(false);
  });
  it('passes a plain question, and praise the client said themselves', () => {
    expect(noPraise(turn('What makes 2028 the year?')).ok).toBe(true);
    expect(noPraise(turn('You said “great point from the CFO”. Which point?')).ok).toBe(true);
  });
});

describe('no_advice', () => {
  it('catches advice in the dialogue', () => {
    expect(noAdviceInDialogue(turn('You should buy WorkHound. What would the drivers say?'))?.ok).toBe(false);
    expect(noAdviceInDialogue(turn('I would recommend building it. Who would own it?'))?.ok).toBe(false);
  });
  it('passes a question that turns the request back, and quotes of the client', () => {
    expect(noAdviceInDialogue(turn('What would decide buy or build for you: cost, or who owns the data?'))?.ok).toBe(
      true,
    );
    expect(noAdviceInDialogue(turn('You said “should we go with Dentr”. What matters most in that choice?'))?.ok).toBe(
      true,
    );
  });
  it('does not apply outside the dialogue', () => {
    expect(noAdviceInDialogue(turn('You should fund it.', { step: 'roadmap' }))).toBeNull();
  });
});

describe('family_varies', () => {
  it('catches the same family twice in a row', () => {
    expect(
      familyNotRepeated(turn('What do you mean by replace?', { family: 'clarify', previousFamily: 'clarify' }))?.ok,
    ).toBe(false);
  });
  it('passes a change of family, and does not apply where no family is recorded', () => {
    expect(
      familyNotRepeated(turn('What have you seen?', { family: 'probe_evidence', previousFamily: 'clarify' }))?.ok,
    ).toBe(true);
    expect(familyNotRepeated(turn('What have you seen?'))).toBeNull();
  });
  it('does not count the same question asked again after a question back', () => {
    expect(
      familyNotRepeated(
        turn('I cannot answer that. The question still open: What have you seen?', {
          family: 'probe_evidence',
          previousFamily: 'probe_evidence',
          previousQuestion: 'What have you seen?',
        }),
      ),
    ).toBeNull();
  });
});
