import { describe, expect, it } from 'vitest';
import { countDialogueAnswers, steering } from '../../src/domain/index.js';

describe('the dialogue answers the guard counts', () => {
  it('counts answers per trend, "don\'t know" included, and leaves out steering and questions asked back', () => {
    const counts = countDialogueAnswers([
      { trendId: 't1', content: 'Dispatch exceptions first: 400 a week.' },
      { trendId: 't1', content: 'What do you mean by second-order effects?' },
      { trendId: 't1', content: "don't know" },
      { trendId: 't1', content: 'next trend please' },
      { trendId: 't2', content: 'The AI Act matters because we score carriers.' },
      { trendId: 't2', content: "OK, that's enough" },
      { trendId: null, content: 'Unfiled.' },
    ]);
    expect(counts).toEqual({ t1: 2, t2: 1 });
  });

  it('reads a short steering message, and not a long answer that happens to say "move on"', () => {
    expect(steering('next trend')).toBe('move_on');
    expect(steering("that's enough")).toBe('enough');
    expect(
      steering('If we move on pricing first, the shippers will follow within two quarters of the launch.'),
    ).toBeNull();
  });
});
