/**
 * Where each item of an artifact came from, shown beside the item: the messages it was drawn from,
 * the facilitator and prompt that drafted it, the quarter it was carried from, the advisor's edits.
 */
import { createContext, html, useContext } from '../../lib/html.js';

/** @typedef {import('../../types.js').Origin} Origin */
/** @typedef {import('../../types.js').ItemProvenance} ItemProvenance */
/** @typedef {{ provenance: Readonly<Record<string, ItemProvenance>>, itemKeys: Readonly<Record<string, string>> }} Provenances */

/** The provenance of the artifact shown, by item key, and each item's key by its place in the data. */
export const ProvenanceContext = createContext(/** @type {Provenances | null} */ (null));

/** "reviewDate" → "review date"; '' (a whole value) → "the text". */
export const fieldLabel = (/** @type {string} */ f) =>
  f === '' ? 'value' : f.replace(/([A-Z])/g, ' $1').toLowerCase();

/** @param {Origin} origin */
function originText(origin) {
  switch (origin.kind) {
    case 'carried':
      return `Carried from ${origin.quarter}`;
    case 'advisor':
      return 'Added by you';
    case 'drafted': {
      const by = origin.provider === 'offline' ? 'the offline facilitator' : (origin.model ?? origin.provider);
      return `Drafted by ${by}${origin.promptVersion ? ` (${origin.promptVersion})` : ''}`;
    }
    default:
      return 'Unknown origin';
  }
}

/** The fields edited, " (likelihood, impact)"; nothing when the item is one value. */
const named = (/** @type {string[]} */ fields) => {
  const names = fields.filter((f) => f !== '');
  return names.length ? ` (${names.map(fieldLabel).join(', ')})` : '';
};

/**
 * One item's provenance as a short line; `p` as stored, or null when nothing is known.
 * @param {{ p: ItemProvenance | null | undefined }} props
 */
export function ProvenanceLine({ p }) {
  if (!p) return null;
  const ids = p.origin.kind === 'drafted' ? p.origin.messageIds : [];
  return html`<span class=${`provenance provenance-${p.origin.kind}${p.edited.length ? ' provenance-edited' : ''}`} data-provenance=${p.origin.kind}>
    ${originText(p.origin)}${
      ids.length > 0 &&
      html`, from ${ids.map((id, i) => html`${i ? ', ' : ''}<a href=${`#message-${id}`} key=${id}>message ${id}</a>`)}`
    }${p.edited.length > 0 && html` · <strong>edited by you</strong>${named(p.edited)}`}
  </span>`;
}

/**
 * The provenance of the item at `at` ("risks.1", "summary") of the artifact being shown.
 * @param {{ at: string }} props
 */
export function Origin({ at }) {
  const ctx = useContext(ProvenanceContext);
  const key = ctx?.itemKeys[at];
  return ctx && key ? html`<${ProvenanceLine} p=${ctx.provenance[key]} />` : null;
}
