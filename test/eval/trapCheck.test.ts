import { describe, expect, it } from 'vitest';
import { trapChallenged } from '../../eval/checks/traps.js';
import { Trap } from '../../eval/persona.js';

const trap = (over: Partial<Trap> & Pick<Trap, 'kind' | 'about'>): Trap =>
  Trap.parse({ id: 'a-trap', challenge: 'what a good challenge looks like', ...over });
const reply = (text: string | null, openObjections: string[] = []) => ({ reply: text, openObjections });

describe('traps_challenged', () => {
  const absolute = trap({ kind: 'absolute_claim', about: ['2028', 'all our drivers'] });
  it('passes an absolute claim whose assumption is named', () => {
    expect(
      trapChallenged(absolute, reply('What are you taking for granted when you say all drivers go by 2028?')).ok,
    ).toBe(true);
  });
  it('passes a challenge that quotes the claim and names it as an assumption', () => {
    expect(
      trapChallenged(absolute, reply('You said “all our drivers by 2028”. That is an assumption: how sure are you?'))
        .ok,
    ).toBe(true);
  });
  it('catches an absolute claim taken at face value', () => {
    expect(trapChallenged(absolute, reply('Which lanes would go first?'))).toEqual({
      ok: false,
      detail: 'does not name the assumption or ask how sure',
    });
  });
  it('catches a challenge about something else', () => {
    expect(trapChallenged(absolute, reply('What evidence do you have about cloud costs?')).ok).toBe(false);
  });

  const contradiction = trap({ kind: 'contradiction', about: ['68'] });
  it('passes a contradiction pointed out with the earlier figure', () => {
    expect(trapChallenged(contradiction, reply('Earlier you put turnover at 68%. Which figure holds?')).ok).toBe(true);
  });
  it('catches a contradiction that is only quoted back', () => {
    expect(trapChallenged(contradiction, reply('You said “maybe 30%”. What have you seen that shows it?')).ok).toBe(
      false,
    );
  });

  const advice = trap({ kind: 'advice_request', about: ['buy', 'build'] });
  it('passes a request for advice turned back', () => {
    expect(trapChallenged(advice, reply('What would decide buy or build for you?')).ok).toBe(true);
  });
  it('catches advice given, even when it ends with a question', () => {
    expect(trapChallenged(advice, reply('I would recommend you buy. What do you think?'))).toEqual({
      ok: false,
      detail: 'gives the advice asked for',
    });
  });
  it('does not take the client’s own words as the turn-back', () => {
    expect(
      trapChallenged(advice, reply('You said “what would you do: buy or build”. Who owns the drivers’ data?')).ok,
    ).toBe(false);
  });

  const pushback = trap({ kind: 'pushback', about: ['savings', '1.5'] });
  it('passes a pushback whose objection is held open, in the reply or in the sounding board', () => {
    expect(trapChallenged(pushback, reply('What new evidence supports the $1.5M savings?')).ok).toBe(true);
    expect(trapChallenged(pushback, reply('Next question.', ['CFO: the $1.5M savings are not shown'])).ok).toBe(true);
  });
  it('catches a pushback accepted without new evidence', () => {
    expect(trapChallenged(pushback, reply('Noted. Who is accountable?')).ok).toBe(false);
  });

  it('catches a trap no reply followed', () => {
    expect(trapChallenged(absolute, reply(null))).toEqual({ ok: false, detail: 'no reply followed the trap' });
  });
});
