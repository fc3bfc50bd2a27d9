import { html, useEffect, useState } from '../../lib/html.js';
import { loadPictures } from '../../pictures.js';
import { GAPS, SEVERITY_BANDS, orGap, severityOf } from '/shared/domain.mjs';
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
    : html`<span class="muted gap">${GAPS.severity}</span>`;
}

/**
 * Step 5: the register ranked by score, severity derived from likelihood × impact, and the 5×5 heat map.
 * @param {{ data: import('/shared/domain.mjs').RisksArtifact, trends?: readonly import('/shared/domain.mjs').Trend[] }} props
 */
export function RisksView({ data, trends }) {
  const pictures = usePictures();
  // Scored first, by score then impact; unscored after, in register order (as the domain's rankRisks).
  const ranked = data.risks
    .map((r, i) => ({ r, i, score: r.likelihood !== null && r.impact !== null ? r.likelihood * r.impact : null }))
    .sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) || (a.score === null ? a.i - b.i : (b.r.impact ?? 0) - (a.r.impact ?? 0)),
    );
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
                <td data-label="Score" class="num" data-score=${score ?? ''}>${score ?? html`<span class="muted gap">${GAPS.score}</span>`}</td>
                <td data-label="Severity"><${SeverityBadge} severity=${r.likelihood === null || r.impact === null ? null : severityOf(r.likelihood, r.impact)} /></td>
                <td data-label="Mitigation"><${EditableText} value=${r.mitigation} path=${['risks', i, 'mitigation']} label=${`mitigation of ${r.id}`} multiline nullable placeholder=${GAPS.mitigation} /></td>
                <td data-label="Owner"><${EditableText} value=${r.owner} path=${['risks', i, 'owner']} label=${`owner of ${r.id}`} nullable placeholder=${GAPS.owner} /></td>
                <td data-label="Early warning"><${EditableText} value=${r.trigger} path=${['risks', i, 'trigger']} label=${`early-warning trigger of ${r.id}`} multiline nullable placeholder=${GAPS.trigger} /></td>
                <td data-label="Review" class="nowrap">${orGap(r.reviewDate, 'reviewDate')}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
}
