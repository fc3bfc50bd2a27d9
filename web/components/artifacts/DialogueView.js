import { html } from '../../lib/html.js';
import { EditableText, EnumSelect } from './editing.js';
import { ASSUMPTION_STATUSES } from '/shared/domain.mjs';
import { Origin } from './provenance.js';

/**
 * Step 3: the ledger: insights and assumptions tied to the exchanges they came from, assumptions with their status.
 * @param {{
 *   data: import('/shared/domain.mjs').DialogueArtifact,
 *   trends?: readonly import('/shared/domain.mjs').Trend[],
 *   answers?: Readonly<Record<string, number>>,
 * }} props
 */
export function DialogueView({ data, trends, answers }) {
  /** @param {string} id */
  const name = (id) => trends?.find((t) => t.id === id)?.name ?? id;
  return html`
    <div class="artifact-body dialogue-view">
      ${
        data.trendSummaries.length > 0 &&
        html`
        <section>
          <h4>Per trend</h4>
          <ul class="plain-list">
            ${data.trendSummaries.map(
              (s, i) => html`
              <li key=${s.trendId}><strong>${name(s.trendId)}</strong>${answers?.[s.trendId] !== undefined ? html` <span class="muted small">(${answers[s.trendId]} answers)</span>` : ''}:${' '}<${EditableText} value=${s.summary} path=${['trendSummaries', i, 'summary']} label=${`summary of ${name(s.trendId)}`} multiline />
                <div class="small"><${Origin} at=${`trendSummaries.${i}`} /></div></li>`,
            )}
          </ul>
        </section>`
      }
      <section>
        <h4>Insights</h4>
        ${
          data.insights.length === 0
            ? html`<p class="muted small">None distilled yet.</p>`
            : html`
          <ul class="insight-list">
            ${data.insights.map(
              (ins, i) => html`
              <li key=${ins.id}><span class="chip chip-muted">${ins.id}</span> <span class="chip">${name(ins.trendId)}</span>${' '}<${EditableText} value=${ins.text} path=${['insights', i, 'text']} label=${`insight ${ins.id}`} multiline />
                <div class="small"><${Origin} at=${`insights.${i}`} /></div></li>`,
            )}
          </ul>`
        }
      </section>
      <section>
        <h4>Assumption ledger</h4>
        ${
          data.assumptions.length === 0
            ? html`<p class="muted small">No assumptions named yet.</p>`
            : html`
          <div class="table-scroll">
            <table class="data-table stack-narrow">
              <thead><tr><th scope="col">Assumption</th><th scope="col">Trend</th><th scope="col">Status</th><th scope="col">Note</th></tr></thead>
              <tbody>
                ${data.assumptions.map(
                  (a, i) => html`
                  <tr key=${a.id}>
                    <td data-label="Assumption"><${EditableText} value=${a.text} path=${['assumptions', i, 'text']} label=${`assumption ${a.id}`} multiline />
                      <div class="small"><${Origin} at=${`assumptions.${i}`} /></div></td>
                    <td data-label="Trend">${name(a.trendId)}</td>
                    <td data-label="Status"><span class=${`badge badge-assumption-${a.status}`}>${a.status}</span>
                      <${EnumSelect} value=${a.status} path=${['assumptions', i, 'status']} label=${`Status of assumption ${a.id}`} options=${ASSUMPTION_STATUSES} /></td>
                    <td data-label="Note"><${EditableText} value=${a.note} path=${['assumptions', i, 'note']} label=${`note on assumption ${a.id}`} multiline nullable /></td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        }
      </section>
    </div>`;
}
