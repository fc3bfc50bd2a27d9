import { html } from '../../lib/html.js';
import {
  GAPS,
  OBJECTION_LENS_LABELS,
  OBJECTION_STATUSES,
  OBJECTION_STATUS_LABELS,
  VERDICTS,
  objectionText,
  openObjections,
  orGap,
  readyDespiteText,
  roadmapFacts,
} from '/shared/domain.mjs';
import { EditableText, EnumSelect } from './editing.js';
import { Origin } from './provenance.js';
import { FactsBlock } from './FactsBlock.js';

/** @param {{ title: string, items: readonly string[] | null | undefined }} props */
function List({ title, items }) {
  if (!items || items.length === 0) return null;
  return html`<section><h5>${title}</h5><ul class="plain-list">${items.map((x, i) => html`<li key=${i}>${x}</li>`)}</ul></section>`;
}

/**
 * Step 7: every recommendation attacked from four seats, then a verdict and one sentence for the CEO.
 * @param {{
 *   data: import('/shared/domain.mjs').SoundingBoardArtifact,
 *   roadmap?: import('/shared/domain.mjs').RoadmapArtifact | null,
 *   constraints?: import('/shared/domain.mjs').ContextArtifact['constraints'] | null,
 * }} props
 */
export function SoundingBoardView({ data, roadmap = null, constraints = null }) {
  return html`
    <div class="artifact-body sounding-view">
      ${roadmap && html`<${FactsBlock} facts=${roadmapFacts(roadmap.entries, constraints)} title="The numbers the pressure test faces" />`}
      ${data.recommendations.map(
        (r, i) => html`
        <article class=${`recommendation verdict-${r.verdict ?? 'none'}`} key=${r.id} data-recommendation-id=${r.id}>
          <header class="rec-head">
            <span class=${`badge verdict verdict-badge-${r.verdict ?? 'none'}`}>${orGap(r.verdict, 'verdict')}</span>
            <span class="muted small">${orGap(r.confidence, 'confidence', (c) => `confidence ${c}`)}</span>
            <${EnumSelect} value=${r.verdict} path=${['recommendations', i, 'verdict']} label=${`Verdict on ${r.id}`} options=${VERDICTS} gap=${GAPS.verdict} />
          </header>
          <h4 class="rec-claim"><${EditableText} value=${r.claim} path=${['recommendations', i, 'claim']} label=${`claim of ${r.id}`} multiline nullable placeholder=${GAPS.claim} /></h4>
          <p class="small"><${Origin} at=${`recommendations.${i}`} /></p>
          <blockquote class="ceo-line">
            <span class="label">For the CEO</span>
            <${EditableText} value=${r.ceoOneLiner} path=${['recommendations', i, 'ceoOneLiner']} label=${`CEO one-liner of ${r.id}`} multiline nullable placeholder=${GAPS.oneLiner} />
          </blockquote>
          ${
            readyDespiteText(r) &&
            html`<p class="ready-despite small" data-testid="ready-despite"><span class="badge badge-warn">Ready despite open objections</span> ${readyDespiteText(r)}${r.readyDespite?.messageId != null ? html` <span class="muted">(message #${r.readyDespite.messageId})</span>` : null}</p>`
          }
          ${r.supportingPoints.length > 0 && html`<ol class="supporting">${r.supportingPoints.map((p, j) => html`<li key=${j}>${p}</li>`)}</ol>`}
          <details open=${openObjections(r).length > 0}>
            <summary>Objections (${openObjections(r).length} open of ${r.objections.length}), pre-mortem, evidence</summary>
            ${
              r.objections.length > 0 &&
              html`
              <ul class="objections">
                ${r.objections.map(
                  (o, j) => html`
                  <li key=${j} class=${`objection objection-${o.status}`} data-status=${o.status}>
                    <span class="chip">${OBJECTION_LENS_LABELS[o.lens] ?? o.lens}</span> ${o.objection}
                    ${o.basis && html`<div class="small objection-basis">On: ${o.basis}</div>`}
                    ${o.response ? html`<div class="muted small">Answer: ${o.response}</div>` : html`<div class="small warn-text">Not answered yet</div>`}
                    <div class="small objection-status">
                      <span class=${`badge ${o.status === 'open' ? 'badge-warn' : 'badge-ok'}`}>${OBJECTION_STATUS_LABELS[o.status]}</span>
                      ${o.closedByMessageId !== null && html` <span class="muted">in message #${o.closedByMessageId}</span>`}
                      ${' '}<${EnumSelect} value=${o.status} path=${['recommendations', i, 'objections', j, 'status']} label=${`Status of the ${OBJECTION_LENS_LABELS[o.lens]} objection`} options=${OBJECTION_STATUSES} labels=${OBJECTION_STATUS_LABELS} />
                    </div>
                    <div class="small"><${Origin} at=${`recommendations.${i}.objections.${j}`} /></div></li>`,
                )}
              </ul>`
            }
            ${
              r.preMortem.length > 0 &&
              html`<section><h5>Pre-mortem: it is 12 months later and this failed</h5>
                <ul class="plain-list pre-mortem">${r.preMortem.map(
                  (p, j) => html`<li key=${j}><strong>${p.stakeholder ?? 'Someone'}:</strong> ${p.story}
                    ${p.cause && html`<div class="small">Cause: ${p.cause}</div>`}
                    <div class="small">${
                      p.mitigation
                        ? html`Mitigation: ${p.mitigation.action} · owner ${p.mitigation.owner ?? html`<span class="fact-gap">${GAPS.owner}</span>`} · ${p.mitigation.timing ?? html`<span class="fact-gap">no timing yet</span>`} · trigger ${p.mitigation.trigger ?? html`<span class="fact-gap">${GAPS.trigger}</span>`}`
                        : html`<span class="fact-gap">No mitigation yet</span>`
                    }</div></li>`,
                )}</ul></section>`
            }
            <${List} title="What would flip the verdict" items=${r.flipConditions} />
            <${List} title="Evidence still missing" items=${r.evidenceGaps} />
            ${r.strongestAlternative && html`<section><h5>Strongest alternative</h5><p>${r.strongestAlternative}</p></section>`}
            <${List} title="Objections still open" items=${openObjections(r).map(objectionText)} />
          </details>
        </article>`,
      )}
    </div>`;
}
