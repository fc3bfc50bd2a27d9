/** Small display helpers. */

const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** @param {number | null | undefined} n */
export const number = (n) => (n === null || n === undefined ? '—' : plain.format(n));
/** @param {string | null | undefined} s */
export const dash = (s) => (s === null || s === undefined || s === '' ? '—' : s);

/** What the "Draft …" button says for each step. */
/** @type {Readonly<Record<import('/shared/domain.mjs').StepId, string>>} */
export const DRAFT_LABELS = {
  context: 'company context',
  trends: 'trend candidates',
  dialogue: 'insight & assumption ledger',
  impact: 'impact forecast',
  risks: 'risk register',
  roadmap: 'roadmap',
  sounding_board: 'pressure-tested recommendations',
};

/** @param {string | null | undefined} iso */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The quarter after the one `date` falls in, e.g. 2027-Q1 in November 2026. */
/** @param {Date} [date] */
export function nextQuarter(date = new Date()) {
  const q = Math.floor(date.getMonth() / 3) + 1;
  return q === 4 ? `${date.getFullYear() + 1}-Q1` : `${date.getFullYear()}-Q${q + 1}`;
}

/** A path into an artifact's data, e.g. ['risks', 0, 'threat']. @typedef {readonly (string | number)[]} FieldPath */

/**
 * A deep copy of `obj` with the value at `path` (array of keys) replaced.
 * @param {unknown} obj
 * @param {FieldPath} path
 * @param {unknown} value
 * @returns {unknown}
 */
export function setIn(obj, path, value) {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const key = /** @type {string | number} */ (head);
  const source = /** @type {Record<string | number, unknown> | null | undefined} */ (obj);
  const copy = /** @type {Record<string | number, unknown>} */ (Array.isArray(obj) ? [...obj] : { ...source });
  copy[key] = setIn(source?.[key], rest, value);
  return copy;
}

/** The server names a field like "data.risks.0.threat"; ours is ['risks', 0, 'threat']. */
/** @param {FieldPath} path */
export const fieldName = (path) => ['data', ...path].join('.');
