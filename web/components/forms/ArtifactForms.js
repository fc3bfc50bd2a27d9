/**
 * An artifact edited through forms rather than JSON: each item of its lists (roadmap entries, risks,
 * forecasts, trends, recommendations) opens as a form of its fields, and can be removed; a new one
 * is added from an empty form; the artifact's own fields (the context's lists, its constraints) are
 * one form. Every save is a hand edit: a new revision, recorded as the advisor's.
 */
import { html, useState } from '../../lib/html.js';
import { ItemForm } from './ItemForm.js';
import { blankItem, itemLine } from './values.js';

/** @typedef {import('../../types.js').FieldSpec} FieldSpec */
/** @typedef {import('../../session/useSession.js').ShownError} ShownError */
/** @typedef {import('../../format.js').FieldPath} FieldPath */

/** A list whose items are whole records (four fields or more) gets a form per item; smaller ones stay fields. @param {FieldSpec} f */
const isCollection = (f) => f.kind === 'items' && (f.fields?.length ?? 0) >= 4;

/**
 * @param {{
 *   fields: readonly FieldSpec[],
 *   data: Record<string, unknown>,
 *   refs: import('./values.js').RefChoices,
 *   save: (path: FieldPath, value: unknown) => Promise<ShownError | null>,
 *   disabled: boolean,
 *   title: string,
 * }} props
 */
export function ArtifactForms({ fields, data, refs, save, disabled, title }) {
  const own = fields.filter((f) => !isCollection(f));
  const collections = fields.filter(isCollection);
  const ownValue = Object.fromEntries(own.map((f) => [f.key, data[f.key]]));
  return html`
    <div class="artifact-forms" data-testid="artifact-forms">
      ${
        own.length > 0 &&
        html`<${ItemForm} key=${JSON.stringify(ownValue)} fields=${own} value=${ownValue} path=${[]} refs=${refs} disabled=${disabled}
          label=${title} onSave=${(/** @type {Record<string, unknown>} */ v) => save([], { ...data, ...v })} />`
      }
      ${collections.map(
        (
          c,
        ) => html`<${Collection} key=${c.key} spec=${c} items=${/** @type {Record<string, unknown>[]} */ (data[c.key] ?? [])}
          refs=${refs} save=${save} disabled=${disabled} />`,
      )}
    </div>`;
}

/**
 * @param {{
 *   spec: FieldSpec,
 *   items: readonly Record<string, unknown>[],
 *   refs: import('./values.js').RefChoices,
 *   save: (path: FieldPath, value: unknown) => Promise<ShownError | null>,
 *   disabled: boolean,
 * }} props
 */
function Collection({ spec, items, refs, save, disabled }) {
  const [adding, setAdding] = useState(false);
  const fields = spec.fields ?? [];
  const ids = items.map((x) => String(x.id ?? ''));
  const full = spec.max !== null && items.length >= spec.max;
  return html`
    <section class="form-collection" aria-label=${spec.label} data-collection=${spec.key}>
      <h3 class="form-collection-title">${spec.label} <span class="muted small">(${items.length})</span></h3>
      ${items.length === 0 && !adding ? html`<p class="muted small">None yet.</p>` : null}
      ${items.map(
        (item, i) => html`
        <details key=${String(item.id ?? i)} class="form-item" data-item=${String(item.id ?? i)}>
          <summary><bdi>${itemLine(item)}</bdi></summary>
          <${ItemForm} key=${JSON.stringify(item)} fields=${fields} value=${item} path=${[spec.key, i]} refs=${refs} disabled=${disabled}
            label=${`Edit ${itemLine(item)}`}
            onSave=${(/** @type {Record<string, unknown>} */ v) => save([spec.key, i], v)}
            onRemove=${() =>
              save(
                [spec.key],
                items.filter((_, j) => j !== i),
              )} />
        </details>`,
      )}
      ${
        adding
          ? html`<div class="form-item form-item-new"><${ItemForm} fields=${fields} value=${blankItem(fields, ids)} path=${[spec.key, items.length]} refs=${refs}
              disabled=${disabled} label=${`New ${spec.label.toLowerCase()}`} saveLabel="Add"
              onCancel=${() => setAdding(false)}
              onSave=${async (/** @type {Record<string, unknown>} */ v) => {
                const failed = await save([spec.key, items.length], v);
                if (!failed) setAdding(false);
                return failed;
              }} /></div>`
          : html`<button type="button" class="btn btn-small" disabled=${disabled || full} onClick=${() => setAdding(true)}>Add to ${spec.label.toLowerCase()}</button>`
      }
    </section>`;
}
