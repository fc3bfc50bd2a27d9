/**
 * The values a form works with: an empty item built from its fields' descriptions (a gap where the
 * schema allows one), the line an item is listed under, and the choices a picker offers.
 */

/** @typedef {import('../../types.js').FieldSpec} FieldSpec */
/** @typedef {import('../../../src/domain/forms/hints.js').RefTarget} RefTarget */
/** @typedef {{ id: string, label: string }} RefChoice */
/** What the pickers choose from, by target. @typedef {Readonly<Record<RefTarget, readonly RefChoice[]>>} RefChoices */

/**
 * The empty value of a field: null where it may be a gap, an empty list, the first choice, or an
 * object of empty fields. An id is the next free one of `ids` with their letters ("e3" after e1, e2).
 * @param {FieldSpec} spec
 * @param {readonly string[]} [ids]
 * @returns {unknown}
 */
export function blankOf(spec, ids = []) {
  if (spec.kind === 'id') return nextId(ids, spec.key);
  if (spec.kind === 'list' || spec.kind === 'refs' || spec.kind === 'items') return [];
  if (spec.nullable) return null;
  if (spec.kind === 'group') return blankItem(spec.fields ?? [], ids);
  if (spec.kind === 'choice') return spec.options?.[0]?.value ?? '';
  if (spec.kind === 'boolean') return false;
  if (spec.kind === 'number' || spec.kind === 'money' || spec.kind === 'score') return null;
  return '';
}

/**
 * @param {readonly FieldSpec[]} fields
 * @param {readonly string[]} [ids]
 * @returns {Record<string, unknown>}
 */
export function blankItem(fields, ids = []) {
  return Object.fromEntries(fields.map((f) => [f.key, blankOf(f, ids)]));
}

/**
 * @param {readonly string[]} ids
 * @param {string} fallback
 */
function nextId(ids, fallback) {
  const prefix = /^[a-z]+/i.exec(ids[0] ?? '')?.[0] ?? fallback.charAt(0);
  const numbers = ids.map((id) => Number(/(\d+)$/.exec(id)?.[1] ?? 0));
  return `${prefix}${Math.max(0, ...numbers) + 1}`;
}

const TITLE_KEYS = ['title', 'name', 'threat', 'claim', 'change', 'text', 'label', 'summary', 'objection'];

/**
 * The line an item is listed under: its id and its title, name, threat… as written.
 * @param {unknown} item
 */
export function itemLine(item) {
  if (typeof item !== 'object' || item === null) return String(item ?? '');
  const fields = /** @type {Record<string, unknown>} */ (item);
  const title = TITLE_KEYS.map((k) => fields[k]).find((v) => typeof v === 'string' && v.trim() !== '');
  const id = typeof fields.id === 'string' ? fields.id : null;
  return [id, typeof title === 'string' ? title : null].filter(Boolean).join(' · ') || 'New item';
}

/**
 * What the pickers offer in this session: its trends (chosen first), risks, roadmap entries, insights.
 * @param {import('../../types.js').ArtifactsByStep} artifacts
 * @returns {RefChoices}
 */
export function refChoices(artifacts) {
  const trends = [...(artifacts.trends?.data.trends ?? [])].sort((a, b) => Number(b.chosen) - Number(a.chosen));
  return {
    trends: trends.map((t) => ({ id: t.id, label: `${t.name}${t.chosen ? '' : ' (not chosen)'}` })),
    risks: (artifacts.risks?.data.risks ?? []).map((r) => ({ id: r.id, label: r.threat })),
    entries: (artifacts.roadmap?.data.entries ?? []).map((e) => ({ id: e.id, label: e.title })),
    insights: (artifacts.dialogue?.data.insights ?? []).map((i) => ({ id: i.id, label: i.text })),
  };
}
