import { html } from '../../lib/html.js';
import { GAPS, HORIZON_LABELS, IMPACT_SCOPES, IMPACT_SCOPE_LABELS, orGap } from '/shared/domain.mjs';
import { EditableText } from './editing.js';
import { Origin } from './provenance.js';

/** @type {Readonly<Record<NonNullable<import('/shared/domain.mjs').Forecast['direction']>, string>>} */
const ARROWS = { up: '▲ up', down: '▼ down', mixed: '◆ mixed' };

/**
 * Step 4: what changes for the company, its industry and its market, with a signpost each.
 * @param {{ data: import('/shared/domain.mjs').ImpactArtifact, trends?: readonly import('/shared/domain.mjs').Trend[] }} props
 */
export function ImpactView({ data, trends }) {
  /** @param {string | null} id */
  const name = (id) => (id ? (trends?.find((t) => t.id === id)?.name ?? id) : '—');
  return html`
    <div class="artifact-body impact-view table-scroll">
      <table class="data-table stack-narrow impact-table">
        <thead><tr>
          <th scope="col">What changes</th><th scope="col">Direction</th><th scope="col">Magnitude</th>
          <th scope="col">Horizon</th><th scope="col">Confidence</th><th scope="col">Signpost</th>
        </tr></thead>
        ${IMPACT_SCOPES.map((scope) => {
          const rows = data.forecasts.map((f, i) => ({ f, i })).filter(({ f }) => f.scope === scope);
          return html`
            <tbody key=${scope} data-scope=${scope}>
              <tr class="group-row"><th scope="rowgroup" colspan="6">${IMPACT_SCOPE_LABELS[scope]} <span class="muted small">${rows.length === 0 ? '— nothing forecast yet' : ''}</span></th></tr>
              ${rows.map(
                ({ f, i }) => html`
                <tr key=${i}>
                  <td data-label="What changes"><${EditableText} value=${f.change} path=${['forecasts', i, 'change']} label=${`change ${i + 1}`} multiline />
                    <div class="muted small">${name(f.trendId)}${f.reasoning ? ` · ${f.reasoning}` : ''}</div>
                    <div class="small"><${Origin} at=${`forecasts.${i}`} /></div></td>
                  <td data-label="Direction">${f.direction ? html`<span class=${`direction direction-${f.direction}`}>${ARROWS[f.direction]}</span>` : html`<span class="muted gap">${GAPS.direction}</span>`}</td>
                  <td data-label="Magnitude">${orGap(f.magnitude, 'magnitude')}</td>
                  <td data-label="Horizon">${orGap(f.horizon, 'horizon', (h) => HORIZON_LABELS[h])}</td>
                  <td data-label="Confidence">${orGap(f.confidence, 'confidence')}</td>
                  <td data-label="Signpost"><${EditableText} value=${f.signpost} path=${['forecasts', i, 'signpost']} label=${`signpost ${i + 1}`} nullable placeholder=${GAPS.signpost} /></td>
                </tr>`,
              )}
            </tbody>`;
        })}
      </table>
    </div>`;
}
