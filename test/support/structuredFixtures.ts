import type { ArtifactSet, StepId } from '../../src/domain/index.js';

/**
 * What a fake model returns for a structured call named `name`: the step's fixture for a draft
 * ("risks"), and for the critic that follows a draft ("sounding_board_critic") its reasoning and the
 * same fixture as its revision.
 */
export function structuredFixture(name: string, fixtures: ArtifactSet): unknown {
  const critic = /^(.+)_critic$/.exec(name);
  if (critic) {
    return {
      reasoning: 'Checked every entry against the computed facts and each lens (fixed critic reply).',
      revised: fixtures[critic[1] as StepId],
    };
  }
  return fixtures[name as StepId];
}
