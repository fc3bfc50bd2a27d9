import { describe, expect, it } from 'vitest';
import {
  EMPTY_CONVERSATION,
  applyConversationEvents,
  classifyUserMessage,
  conversationFromMessages,
  typedAction,
  type ConversationEvent,
  type TranscriptMessage,
} from '../../src/domain/index.js';

const asked = (messageId: number, trendId: string, id: string | null, family: 'clarify' | 'implications' | null) =>
  ({ type: 'asked', messageId, trendId, question: { id, family } }) as const satisfies ConversationEvent;
const said = (messageId: number, trendId: string, text: string): ConversationEvent[] => {
  const filed = classifyUserMessage(text, 'dialogue');
  return [
    { type: 'user_message', messageId, trendId, intent: filed.intent },
    ...(filed.action ? [{ type: 'action' as const, action: filed.action, to: 't2' }] : []),
  ];
};

describe('the dialogue state, kept as data', () => {
  it('counts answers per trend, "don\'t know" included, and leaves out commands and questions asked back', () => {
    const state = applyConversationEvents(EMPTY_CONVERSATION, [
      asked(1, 't1', 'clarify-1', 'clarify'),
      ...said(2, 't1', 'Dispatch exceptions first: 400 a week.'),
      ...said(3, 't1', 'What do you mean by second-order effects?'),
      ...said(4, 't1', "don't know"),
      ...said(5, 't1', 'next trend please'),
      asked(6, 't2', 'clarify-1', 'clarify'),
      ...said(7, 't2', 'The AI Act matters because we score carriers.'),
      ...said(8, 't2', "OK, that's enough"),
    ]);
    expect(state.answersByTrend).toEqual({ t1: 2, t2: 1 });
    expect(state.trendId).toBe('t2');
    expect(state.enough).toBe(true);
    expect(state.familiesByTrend).toEqual({ t1: ['clarify'], t2: ['clarify'] });
  });

  it('takes typed words for an action only when the whole message is the command', () => {
    expect(typedAction('next trend')).toBe('next_trend');
    expect(typedAction('Next trend, please.')).toBe('next_trend');
    expect(typedAction("That's enough")).toBe('enough');
    expect(typedAction('skip')).toBe('skip');
    expect(typedAction('Stop hiring is the key lever')).toBeNull();
    expect(typedAction('Enough capacity is the problem: we lack two engineers.')).toBeNull();
    expect(
      typedAction('If we move on pricing first, the shippers will follow within two quarters of the launch.'),
    ).toBeNull();
    expect(classifyUserMessage('Stop hiring is the key lever', 'dialogue')).toEqual({ intent: 'answer', action: null });
  });

  it('knows "Next trend" and "That\'s enough" only in the dialogue; skipping a question anywhere', () => {
    expect(classifyUserMessage('next trend', 'context')).toEqual({ intent: 'answer', action: null });
    expect(classifyUserMessage('skip', 'risks')).toEqual({ intent: 'command', action: 'skip' });
    expect(classifyUserMessage('anything at all', 'dialogue', 'enough')).toEqual({
      intent: 'command',
      action: 'enough',
    });
  });

  it('files a skipped bank question as declined, and an answer wins over a decline', () => {
    const state = applyConversationEvents(EMPTY_CONVERSATION, [
      { type: 'asked', messageId: 1, trendId: null, question: { id: 'budget', family: null } },
      { type: 'user_message', messageId: 2, trendId: null, intent: 'command' },
      { type: 'action', action: 'skip' },
      { type: 'filed', entries: [{ questionId: 'team', declined: true }] },
      { type: 'filed', entries: [{ questionId: 'team', declined: false }] },
    ]);
    expect(state.filed).toEqual({ budget: 'declined', team: 'answered' });
    expect(state.lastQuestion).toMatchObject({ id: 'budget', answered: true });
  });

  it('builds the same state from stored messages as from the events that stored them', () => {
    const m = (over: Partial<TranscriptMessage> & Pick<TranscriptMessage, 'id' | 'role'>): TranscriptMessage => ({
      step: 'dialogue',
      trendId: 't1',
      kind: 'chat',
      content: 'x',
      status: 'complete',
      questionId: null,
      questionFamily: null,
      intent: null,
      action: null,
      supersededBy: null,
      ...over,
    });
    const state = conversationFromMessages([
      m({ id: 1, role: 'assistant', questionId: 'c1', questionFamily: 'clarify' }),
      m({ id: 2, role: 'user', intent: 'answer' }),
      m({ id: 3, role: 'assistant', kind: 'draft' }),
      m({ id: 4, role: 'assistant', questionId: 'i1', questionFamily: 'implications' }),
      m({ id: 5, role: 'user', intent: 'command', action: 'enough' }),
    ]);
    expect(state).toEqual(
      applyConversationEvents(EMPTY_CONVERSATION, [
        asked(1, 't1', 'c1', 'clarify'),
        { type: 'user_message', messageId: 2, trendId: 't1', intent: 'answer' },
        asked(4, 't1', 'i1', 'implications'),
        { type: 'user_message', messageId: 5, trendId: 't1', intent: 'command' },
        { type: 'action', action: 'enough' },
      ]),
    );
  });
});
