import type { z } from 'zod';
import type { StepId } from '../steps.js';
import { ContextArtifact } from './context.js';
import { TrendsArtifact } from './trends.js';
import { DialogueArtifact } from './dialogue.js';
import { ImpactArtifact } from './impact.js';
import { RisksArtifact } from './risks.js';
import { RoadmapArtifact } from './roadmap.js';
import { SoundingBoardArtifact } from './soundingBoard.js';

export * from './common.js';
export * from './context.js';
export * from './trends.js';
export * from './dialogue.js';
export * from './impact.js';
export * from './risks.js';
export * from './roadmap.js';
export * from './soundingBoard.js';

/** The artifact each step must produce, by step: the one table every boundary validates against. */
export const ARTIFACT_SCHEMAS = {
  context: ContextArtifact,
  trends: TrendsArtifact,
  dialogue: DialogueArtifact,
  impact: ImpactArtifact,
  risks: RisksArtifact,
  roadmap: RoadmapArtifact,
  sounding_board: SoundingBoardArtifact,
} as const satisfies Record<StepId, z.ZodType>;

export type ArtifactOf<S extends StepId> = z.infer<(typeof ARTIFACT_SCHEMAS)[S]>;

/** The latest artifact of each step that has one. */
export type ArtifactSet = { [S in StepId]?: ArtifactOf<S> };

export function parseArtifact<S extends StepId>(step: S, data: unknown): ArtifactOf<S> {
  return ARTIFACT_SCHEMAS[step].parse(data) as ArtifactOf<S>;
}

export function safeParseArtifact<S extends StepId>(step: S, data: unknown) {
  return ARTIFACT_SCHEMAS[step].safeParse(data);
}
