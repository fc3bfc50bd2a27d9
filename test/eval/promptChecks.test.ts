import { describe, expect, it } from 'vitest';
import {
  citedIdsVisible,
  contextWhole,
  familiesVisible,
  messagesLabelled,
  stepRequests,
} from '../../eval/checks/prompts.js';
import type { EvalMessage, ModelRequest } from '../../eval/record.js';
import { STEP_IDS } from '../../src/domain/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';

const message = (over: Partial<EvalMessage>): EvalMessage => ({
  id: 1,
  step: 'dialogue',
  role: 'user',
  kind: 'chat',
  content: 'We broker freight.',
  status: 'complete',
  family: null,
  trendId: 't1',
  promptVersion: null,
  tokensIn: null,
  tokensOut: null,
  promptTokens: null,
  ...over,
});

const request = (tool: string | null, ...contents: Array<[string, string]>): ModelRequest => ({
  tool,
  messages: contents.map(([role, content]) => ({ role, content })),
});

describe('the checks on what the model was sent', () => {
  const answer = message({ id: 7 });
  const question = message({ id: 8, role: 'assistant', content: 'What shows it?', family: 'probe_evidence' });

  it('find a message sent without its id, trend or family, and pass a labelled one', () => {
    const bare = stepRequests(
      [request(null, ['system', 'x'], ['user', answer.content], ['assistant', question.content]), request('dialogue')],
      STEP_IDS,
    );
    expect(messagesLabelled(bare, [answer, question]).filter(Boolean)).toHaveLength(2);
    expect(familiesVisible(bare, [answer, question]).filter(Boolean)).toHaveLength(1);

    const labelled = stepRequests(
      [
        request(
          null,
          ['user', `[m7 · t1 · client] ${answer.content}`],
          ['assistant', `[m8 · t1 · you · family: probe_evidence] ${question.content}`],
        ),
        request('question_family', ['user', question.content]),
        request('dialogue'),
      ],
      STEP_IDS,
    );
    expect(labelled.map((r) => [r.step, r.index])).toEqual([
      ['dialogue', 0],
      ['dialogue', 2],
    ]);
    expect(messagesLabelled(labelled, [answer, question])).toEqual([null, null]);
    expect(familiesVisible(labelled, [answer, question])).toEqual([null]);
    const noTrend = stepRequests(
      [request(null, ['user', `[m7 · client] ${answer.content}`]), request('dialogue')],
      STEP_IDS,
    );
    expect(messagesLabelled(noTrend, [answer])[0]?.detail).toBe('sent without its trend (t1)');
  });

  it('find a roadmap entry cut mid-item, and accept one left out by name', () => {
    const artifacts = northwindArtifactsQ1();
    const whole = JSON.stringify(artifacts.roadmap) + JSON.stringify(artifacts.risks);
    const cut = `${JSON.stringify(artifacts.roadmap).slice(0, 1200)}…${JSON.stringify(artifacts.risks)}`;
    const check = (system: string) =>
      contextWhole(stepRequests([request('sounding_board', ['system', system])], STEP_IDS), artifacts).filter(Boolean);
    expect(check(whole)).toEqual([]);
    const failures = check(cut);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((f) => f!.where)).toContain('sounding_board · request 1 · roadmap e5');
    const named = `${cut}\nLeft out to fit this prompt: Roadmap: ${artifacts.roadmap!.entries.map((e) => e.id).join(', ')}.`;
    expect(check(named)).toEqual([]);
  });

  it('find an id a draft cites that its prompt never showed', () => {
    const artifacts = northwindArtifactsQ1();
    const ids = (shown: string) =>
      citedIdsVisible(stepRequests([request('sounding_board', ['system', shown])], STEP_IDS), {
        sounding_board: artifacts.sounding_board,
      }).filter(Boolean);
    expect(ids('e1 e2 e3 e5')).toEqual([]);
    expect(ids('e1 e2 e3 e50').map((f) => f!.detail)).toEqual(['cites “e5”, which its prompt did not show']);
  });
});
