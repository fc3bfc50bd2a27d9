/**
 * Migration 7's rewrite of stored artifacts: the placeholders older builds stored as if they were
 * content become nulls (gaps the exports name) and their text goes. Pure, over the JSON as those
 * builds wrote it, and frozen with the migration: it never follows later schema changes.
 *
 * What is recognised, because older builds marked it:
 * - risks: "[likelihood and impact not given: 3 is a placeholder]" after a threat (the score it names
 *   becomes null unless it was changed by hand since, then it stays); the "Not discussed yet — …
 *   placeholders (3 of 5)" risks that stood in for an empty register are removed;
 * - impact: "Not stated in your answers: … (recorded as …)." in a forecast's reasoning (each field it
 *   names becomes null where it still holds the placeholder value); "Not discussed yet —" forecasts go;
 * - roadmap: the "Not defined yet — no initiative named" entry goes; the placeholder rationale and
 *   decision-record context and consequences become null;
 * - sounding board: the placeholder recommendation and CEO line become null.
 * Not recognisable, and so kept: an offline verdict recorded as "revise, low" or a horizon recorded as
 * 0–6 months without a word said; nothing in the stored artifact tells those from a stated value.
 */

type Json = Record<string, unknown>;

const RISK_SCORE_NOTE = /\s*\[(likelihood and impact|likelihood|impact) not given: 3 is a placeholder\]\s*$/;
const PLACEHOLDER_RISK = /^Not discussed yet — .*placeholders \(3 of 5\)/;
const NOT_DISCUSSED = /^Not discussed yet —/;
const FORECAST_NOTE = /\s*Not stated in your answers: ([a-z, ]+?) \(recorded as [^)]*\)\./;
const FORECAST_PLACEHOLDERS: Readonly<Record<string, string>> = {
  direction: 'mixed',
  magnitude: 'medium',
  horizon: '6-18',
  confidence: 'low',
};
const NO_INITIATIVE = 'Not defined yet — no initiative named';
const NO_RATIONALE = 'Rationale not given yet: say which trend, insight or risk this answers.';
const NO_ADR_CONTEXT = 'Context not stated yet: what forces this decision?';
const NO_ADR_CONSEQUENCES = 'Not stated yet.';
const NO_CLAIM = 'Not stated yet — the recommendation to pressure-test has not been written down.';
const NO_ONE_LINER = 'Not stated yet.';

const list = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);

function risks(data: Json): Json {
  const kept = list(data.risks)
    .filter((r) => !(typeof r.threat === 'string' && PLACEHOLDER_RISK.test(r.threat)))
    .map((r) => {
      const note = typeof r.threat === 'string' ? RISK_SCORE_NOTE.exec(r.threat) : null;
      if (!note) return r;
      const named = note[1]!.split(' and ');
      const out: Json = { ...r, threat: (r.threat as string).slice(0, note.index).trim() };
      for (const field of named) if (out[field] === 3) out[field] = null;
      return out;
    });
  return { ...data, risks: kept };
}

function impact(data: Json): Json {
  const kept = list(data.forecasts)
    .filter((f) => !(typeof f.change === 'string' && NOT_DISCUSSED.test(f.change)))
    .map((f) => {
      const note = typeof f.reasoning === 'string' ? FORECAST_NOTE.exec(f.reasoning) : null;
      if (!note) return f;
      const named = note[1]!.split(/, | and /);
      const reasoning = (f.reasoning as string).replace(note[0], '').trim();
      const out: Json = { ...f, reasoning: reasoning === '' ? null : reasoning };
      for (const field of named)
        if (field in FORECAST_PLACEHOLDERS && out[field] === FORECAST_PLACEHOLDERS[field]) out[field] = null;
      return out;
    });
  return { ...data, forecasts: kept };
}

function roadmap(data: Json): Json {
  const kept = list(data.entries)
    .filter((e) => e.title !== NO_INITIATIVE)
    .map((e) => {
      const out: Json = { ...e };
      if (out.rationale === NO_RATIONALE) out.rationale = null;
      const adr = out.adr as Json | null | undefined;
      if (adr && typeof adr === 'object') {
        out.adr = {
          ...adr,
          context: adr.context === NO_ADR_CONTEXT ? null : adr.context,
          consequences: adr.consequences === NO_ADR_CONSEQUENCES ? null : adr.consequences,
        };
      }
      return out;
    });
  return { ...data, entries: kept };
}

function soundingBoard(data: Json): Json {
  const recommendations = list(data.recommendations).map((r) => ({
    ...r,
    claim: r.claim === NO_CLAIM ? null : r.claim,
    ceoOneLiner: r.ceoOneLiner === NO_ONE_LINER ? null : r.ceoOneLiner,
  }));
  return { ...data, recommendations };
}

const BY_STEP: Readonly<Record<string, (data: Json) => Json>> = {
  risks,
  impact,
  roadmap,
  sounding_board: soundingBoard,
};

/** The artifact without the placeholders older builds stored; the same object when there were none. */
export function withoutPlaceholders(step: string, data: unknown): unknown {
  const rewrite = BY_STEP[step];
  if (!rewrite || data === null || typeof data !== 'object') return data;
  return rewrite(data as Json);
}
