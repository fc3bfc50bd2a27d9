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
  {
    // Objections gained a status (closed only by evidence or a reasoned answer, with the message that
    // gave it) and the fact they rest on; the pre-mortem became stakeholders' failure stories with
    // mitigations; the verdict gained what would flip it. Before, an objection with an answer counted
    // as answered: it keeps that as "answered with a reason", naming no message (none was recorded).
    // The open objections were a list of sentences beside them, now derived from the status; those
    // sentences are kept, as evidence still missing, so nothing written is lost.
    version: 15,
    steps: ['sounding_board'],
    upgrade: (data) =>
      Array.isArray(data.recommendations)
        ? { ...data, recommendations: data.recommendations.map((r) => (isObject(r) ? recommendation15(r) : r)) }
        : data,
  },
  {
    // The context's constraints gained the freeze windows (what, from, to) as data: none on record before.
    version: 20,
    steps: ['context'],
    upgrade: (data) =>
      isObject(data.constraints) ? { ...data, constraints: { freezes: [], ...data.constraints } } : data,
  },
  {
    // "Ready" said with objections open became a field of the recommendation (its reason and message).
    // Before, the reason was appended to each open objection's response; where a ready recommendation's
    // responses end that way, the reason moves into the field (no message was recorded) and each response
    // gets back what it was. Anything else is left as written.
    version: 20,
    steps: ['sounding_board'],
    upgrade: (data) =>
      Array.isArray(data.recommendations)
        ? { ...data, recommendations: data.recommendations.map((r) => (isObject(r) ? recommendation20(r) : r)) }
        : data,
  },
];

/** What earlier builds appended to an open objection's response when "ready" was said with a reason. */
const READY_APPENDED = /(?:^|; )called ready despite it: “([^”]+)”$/;

function recommendation20(r: Json): Json {
  if ('readyDespite' in r) return r;
  const objections = Array.isArray(r.objections) ? r.objections : [];
  const appended = objections.map((o) =>
    isObject(o) && typeof o.response === 'string' ? READY_APPENDED.exec(o.response) : null,
  );
  const reason = appended.find((m) => m !== null)?.[1] ?? null;
  if (r.verdict !== 'ready' || reason === null) return { ...r, readyDespite: null };
  return {
    ...r,
    readyDespite: { reason, messageId: null },
    objections: objections.map((o, i) => {
      const m = appended[i];
      if (!m || m[1] !== reason || !isObject(o) || typeof o.response !== 'string') return o;
      const before = o.response.slice(0, m.index);
      return { ...o, response: before === '' ? null : before };
    }),
  };
}

const LEGACY_OPEN = 'Open objection (recorded before objections had a status): ';

function recommendation15(r: Json): Json {
  const { openObjections, ...rest } = r;
  const objections = Array.isArray(r.objections) ? r.objections : [];
  const preMortem = Array.isArray(r.preMortem) ? r.preMortem : [];
  const gaps = Array.isArray(r.evidenceGaps) ? r.evidenceGaps : [];
  const open = (Array.isArray(openObjections) ? openObjections : []).filter((x): x is string => typeof x === 'string');
  return {
    ...rest,
    objections: objections.map((o) =>
      isObject(o)
        ? {
            basis: null,
            status: typeof o.response === 'string' && o.response.trim() !== '' ? 'answered_with_reason' : 'open',
            closedByMessageId: null,
            ...o,
          }
        : o,
    ),
    preMortem: preMortem.map((p) =>
      typeof p === 'string' ? { stakeholder: null, story: p, cause: null, mitigation: null } : p,
    ),
    flipConditions: Array.isArray(r.flipConditions) ? r.flipConditions : [],
    evidenceGaps: [...gaps, ...open.map((o) => `${LEGACY_OPEN}${o}`.slice(0, 1000))].slice(0, 40),
  };
}

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
