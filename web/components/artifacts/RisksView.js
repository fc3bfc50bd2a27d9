import { html, useEffect, useState } from '../../lib/html.js';
import { loadPictures } from '../../pictures.js';
import { SEVERITY_BANDS, severityOf } from '/shared/domain.mjs';
import { dash } from '../../format.js';
import { SvgPicture } from '../SafeHtml.js';
import { EditableText, ScoreSelect } from './editing.js';
import { Origin } from './provenance.js';

/** The shared pictures module (heat map and timeline built once, for the page and the HTML export), when it has loaded. */
export function usePictures() {
  const [pictures, setPictures] = useState(/** @type {import('../../pictures.js').Pictures | null} */ (null));
  useEffect(() => {
    let alive = true;
    loadPictures().then((p) => alive && setPictures(p));
    return () => {
      alive = false;
    };
  }, []);
  return pictures;
}

/** @param {{ severity: import('/shared/domain.mjs').Severity | null }} props */
export function SeverityBadge({ severity }) {
  return severity
    ? html`<span class=${`badge severity severity-${severity.toLowerCase()}`}>${severity}</span>`
    : html`<span class="muted">—</span>`;
}

/**
 * Step 5: the register ranked by score, severity derived from likelihood × impact, and the 5×5 heat map.
 * @param {{ data: import('/shared/domain.mjs').RisksArtifact, trends?: readonly import('/shared/domain.mjs').Trend[] }} props
 */
export function RisksView({ data, trends }) {
  const pictures = usePictures();
  const ranked = data.risks
    .map((r, i) => ({ r, i, score: r.likelihood * r.impact }))
    .sort((a, b) => b.score - a.score || b.r.impact - a.r.impact);
  /** @param {string | null} id */
  const trendName = (id) => (id ? (trends?.find((t) => t.id === id)?.name ?? id) : null);

  return html`
    <div class="artifact-body risks-view">
      ${pictures?.ok && html`<${SvgPicture} svg=${pictures.riskHeatMapSvg(data)} label="Risk heat map: likelihood × impact" class="picture heat-map" />`}
      ${pictures && !pictures.ok && html`<p class="muted small">The heat map is unavailable (the pictures module did not load).</p>`}
      <p class="bands small muted">Score = likelihood × impact. ${SEVERITY_BANDS.map((b, i) => html`<span key=${b.severity}>${i ? ' · ' : ''}<${SeverityBadge} severity=${b.severity} /> ≥${b.minScore} ${b.meaning}</span>`)}</p>
      <div class="table-scroll">
        <table class="data-table stack-narrow risk-table">
          <thead><tr>
            <th scope="col">Risk</th><th scope="col">L</th><th scope="col">I</th><th scope="col">Score</th><th scope="col">Severity</th>
            <th scope="col">Mitigation</th><th scope="col">Owner</th><th scope="col">Early warning</th><th scope="col">Review</th>
          </tr></thead>
          <tbody>
            ${ranked.map(
              ({ r, i, score }) => html`
              <tr key=${r.id} data-risk-id=${r.id}>
                <td data-label="Risk" class="risk-threat"><span class="chip chip-muted">${r.id}</span> <span class="chip">${r.category}</span>${' '}<${EditableText} value=${r.threat} path=${['risks', i, 'threat']} label=${`threat of ${r.id}`} multiline />
                  ${trendName(r.trendId) && html`<div class="muted small">${trendName(r.trendId)}</div>`}
                  <div class="small"><${Origin} at=${`risks.${i}`} /></div></td>
                <td data-label="Likelihood"><${ScoreSelect} value=${r.likelihood} path=${['risks', i, 'likelihood']} label=${`Likelihood of ${r.id} (1–5)`} /></td>
                <td data-label="Impact"><${ScoreSelect} value=${r.impact} path=${['risks', i, 'impact']} label=${`Impact of ${r.id} (1–5)`} /></td>
                <td data-label="Score" class="num" data-score=${score}>${score}</td>
                <td data-label="Severity"><${SeverityBadge} severity=${severityOf(r.likelihood, r.impact)} /></td>
                <td data-label="Mitigation"><${EditableText} value=${r.mitigation} path=${['risks', i, 'mitigation']} label=${`mitigation of ${r.id}`} multiline nullable /></td>
                <td data-label="Owner"><${EditableText} value=${r.owner} path=${['risks', i, 'owner']} label=${`owner of ${r.id}`} nullable /></td>
                <td data-label="Early warning"><${EditableText} value=${r.trigger} path=${['risks', i, 'trigger']} label=${`early-warning trigger of ${r.id}`} multiline nullable /></td>
                <td data-label="Review" class="nowrap">${dash(r.reviewDate)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
}
