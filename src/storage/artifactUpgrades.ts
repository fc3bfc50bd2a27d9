/**
 * The rewrites of stored artifact data that migrations made, each under the schema version that made
 * it: the migration runs it over the database, and a restored archive written before that version gets
 * the same rewrite, so an old archive restores into the current schema. Pure, over the JSON as older
 * builds wrote it, and frozen with its migration.
 */

type Json = Record<string, unknown>;

interface ArtifactUpgrade {
  readonly version: number;
  readonly steps: readonly string[];
  readonly upgrade: (data: Json) => Json;
}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export const ARTIFACT_UPGRADES: readonly ArtifactUpgrade[] = [
  {
    // The context's constraints gained the numbers the computed facts need; unknown before, so null.
    version: 13,
    steps: ['context'],
    upgrade: (data) =>
      isObject(data.constraints)
        ? { ...data, constraints: { budgetAmount: null, teamWeeksPerQuarter: null, ...data.constraints } }
        : data,
  },
];

/** An artifact's data (JSON text) as the upgrades after schema version `from`, up to `to`, leave it. */
export function upgradeArtifactText(step: string, text: string, from: number, to = Number.POSITIVE_INFINITY): string {
  const upgrades = ARTIFACT_UPGRADES.filter((u) => u.version > from && u.version <= to && u.steps.includes(step));
  if (upgrades.length === 0) return text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text; // the row's own validation says what is wrong with it
  }
  if (!isObject(data)) return text;
  return JSON.stringify(upgrades.reduce((d, u) => u.upgrade(d), data));
}
