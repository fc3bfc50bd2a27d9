import { html, useId, useState } from '../../lib/html.js';
import { HORIZON_LABELS, TREND_LENS_LABELS } from '/shared/domain.mjs';
import { EditableText, FieldError, useEdit } from './editing.js';
import { Origin } from './provenance.js';

/** @typedef {import('/shared/domain.mjs').Trend} Trend */
/** @template {EventTarget} T @typedef {import('../../lib/html.js').TargetedEvent<T>} TargetedEvent */

/**
 * Step 2: the candidates; choosing 2–3 is an edit of the artifact (a new revision).
 * @param {{ data: import('/shared/domain.mjs').TrendsArtifact }} props
 */
export function TrendsView({ data }) {
  const { save, disabled } = useEdit();
  const chosen = data.trends.filter((t) => t.chosen).length;
  const note =
    chosen < 2
      ? `Choose ${2 - chosen} more (2–3 in all).`
      : chosen > 3
        ? `${chosen} chosen: keep at most 3.`
        : `${chosen} chosen: ready to explore.`;
  return html`
    <div class="artifact-body trends-view">
      <p class=${`choose-note ${chosen >= 2 && chosen <= 3 ? 'ok' : 'warn'}`} aria-live="polite">${note}</p>
      <ul class="trend-list">
        ${data.trends.map(
          (t, i) => html`
          <li key=${t.id} class=${`trend-card ${t.chosen ? 'trend-chosen' : ''}`} data-trend-id=${t.id}>
            <div class="trend-head">
              <label class="trend-choose">
                <input type="checkbox" checked=${t.chosen} disabled=${disabled}
                  onChange=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => save(['trends', i, 'chosen'], e.currentTarget.checked)} />
                <span class="trend-name">${t.name}</span>
              </label>
              <span class="chip">${TREND_LENS_LABELS[t.lens] ?? t.lens}</span>
              ${t.timeToImpact && html`<span class="chip chip-muted">${HORIZON_LABELS[t.timeToImpact]}</span>`}
              ${t.origin === 'user' && html`<span class="chip chip-accent">yours</span>`}
            </div>
            <div class="trend-desc"><${EditableText} value=${t.description} path=${['trends', i, 'description']} label=${`description of ${t.name}`} multiline /></div>
            <details>
              <summary>Why now, signals, relevance</summary>
              <dl class="facts">
                <dt>Why now</dt><dd><${EditableText} value=${t.whyNow} path=${['trends', i, 'whyNow']} label=${`why now for ${t.name}`} multiline nullable /></dd>
                <dt>Why it matters here</dt><dd><${EditableText} value=${t.relevance} path=${['trends', i, 'relevance']} label=${`relevance of ${t.name}`} multiline nullable /></dd>
                <dt>Signals</dt>
                <dd>${t.signals.length ? html`<ul class="plain-list">${t.signals.map((s, j) => html`<li key=${j}>${s}</li>`)}</ul>` : html`<span class="muted">No evidence yet.</span>`}</dd>
              </dl>
            </details>
            <div class="small"><${Origin} at=${`trends.${i}`} /></div>
            <${FieldError} path=${['trends', i]} />
          </li>`,
        )}
      </ul>
      ${!disabled && html`<${AddTrend} trends=${data.trends} onAdd=${(/** @type {Trend} */ trend) => save(['trends', data.trends.length], trend)} />`}
    </div>`;
}

/**
 * The user's own trend, added beside the proposed ones.
 * @param {{ trends: readonly Trend[], onAdd: (trend: Trend) => Promise<unknown> }} props
 */
function AddTrend({ trends, onAdd }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(
    /** @type {{ name: string, lens: Trend['lens'], description: string }} */ ({
      name: '',
      lens: 'industry',
      description: '',
    }),
  );
  if (!open)
    return html`<button type="button" class="btn btn-small btn-ghost" onClick=${() => setOpen(true)}>+ Add your own trend</button>`;
  /** @param {SubmitEvent} e */
  const submit = async (e) => {
    e.preventDefault();
    let n = trends.length + 1;
    while (trends.some((t) => t.id === `u${n}`)) n += 1;
    const failed = await onAdd({
      id: `u${n}`,
      name: form.name,
      lens: form.lens,
      description: form.description,
      whyNow: null,
      signals: [],
      timeToImpact: null,
      relevance: null,
      chosen: false,
      origin: 'user',
    });
    if (!failed) {
      setForm({ name: '', lens: 'industry', description: '' });
      setOpen(false);
    }
  };
  return html`
    <form class="stack add-trend" onSubmit=${submit}>
      <div class="field"><label for=${`${id}-name`}>Trend name</label>
        <input id=${`${id}-name`} value=${form.name} onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => setForm({ ...form, name: e.currentTarget.value })} /></div>
      <div class="field"><label for=${`${id}-lens`}>Lens</label>
        <select id=${`${id}-lens`} value=${form.lens} onChange=${(/** @type {TargetedEvent<HTMLSelectElement>} */ e) => setForm({ ...form, lens: /** @type {Trend['lens']} */ (e.currentTarget.value) })}>
          ${Object.entries(TREND_LENS_LABELS).map(([k, v]) => html`<option value=${k} key=${k}>${v}</option>`)}
        </select></div>
      <div class="field"><label for=${`${id}-desc`}>One-line description</label>
        <input id=${`${id}-desc`} value=${form.description} onInput=${(/** @type {TargetedEvent<HTMLInputElement>} */ e) => setForm({ ...form, description: e.currentTarget.value })} /></div>
      <${FieldError} path=${['trends', trends.length]} />
      <div class="button-row">
        <button type="submit" class="btn btn-small btn-primary">Add trend</button>
        <button type="button" class="btn btn-small btn-ghost" onClick=${() => setOpen(false)}>Cancel</button>
      </div>
    </form>`;
}
