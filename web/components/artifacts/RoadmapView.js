import { html } from '../../lib/html.js';
import {
  HORIZON_LABELS,
  HORIZONS,
  ROADMAP_STATUSES,
  ROADMAP_STATUS_LABELS,
  GAPS,
  amountsNote,
  enterpriseValueEffect,
  isClosed,
  orGap,
  roadmapFacts,
} from '/shared/domain.mjs';
import { number } from '../../format.js';
import { money, useCurrency } from '../../money.js';
import { SvgPicture } from '../SafeHtml.js';
import { EditableText, EnumSelect } from './editing.js';
import { FactsBlock } from './FactsBlock.js';
import { usePictures } from './RisksView.js';
import { Origin } from './provenance.js';

/**
 * Step 6: entries a team can start on Monday, with where each stands (planned, in progress, done,
 * dropped: done and dropped rows are greyed), the metric's latest value, their money, and a timeline by horizon.
 * @param {{ data: import('/shared/domain.mjs').RoadmapArtifact, constraints?: import('/shared/domain.mjs').ContextArtifact['constraints'] | null }} props
 */
export function RoadmapView({ data, constraints = null }) {
  const pictures = usePictures();
  const currency = useCurrency();
  /** @param {number | null} n */
  const amount = (n) =>
    n === null
      ? html`<span class="muted gap">${GAPS.amount}</span>`
      : html`<span class="money" title=${money(n, currency, { compact: false })}>${money(n, currency)}</span>`;
  const entries = data.entries.map((e, i) => ({ e, i }));
  return html`
    <div class="artifact-body roadmap-view">
      ${
        pictures?.ok
          ? html`<${SvgPicture} svg=${pictures.roadmapTimelineSvg(data)} label="Roadmap timeline by horizon" class="picture timeline" />`
          : html`<${TextTimeline} entries=${data.entries} />`
      }
      <${FactsBlock} facts=${roadmapFacts(data.entries, constraints)} />
      <div class="table-scroll">
        <table class="data-table stack-narrow roadmap-table">
          <thead><tr>
            <th scope="col">Entry</th><th scope="col">Status</th><th scope="col">Horizon</th><th scope="col" class="num" title="Effort in weeks">Weeks</th><th scope="col">Owner</th>
            <th scope="col">Deadline</th><th scope="col">Metric: baseline → target, now</th><th scope="col" class="num">Cost</th>
            <th scope="col" class="num">EBITDA / yr</th><th scope="col" class="num">EV effect</th>
          </tr></thead>
          <tbody>
            ${entries.map(({ e, i }) => {
              const f = e.financial;
              // EV = EBITDA effect × the stated multiple: the domain's formula.
              const value = enterpriseValueEffect(f);
              return html`
                <tr key=${e.id} data-entry-id=${e.id} data-status=${e.status} class=${isClosed(e) ? `entry-closed entry-${e.status}` : undefined}>
                  <td data-label="Entry" class="entry-title"><span class="chip chip-muted">${e.id}</span>${' '}<${EditableText} value=${e.title} path=${['entries', i, 'title']} label=${`title of ${e.id}`} />
                    <div class="small"><${Origin} at=${`entries.${i}`} /></div>
                    <details class="small"><summary>Rationale${e.adr ? ' & ADR' : ''}</summary>
                      <div><${EditableText} value=${e.rationale} path=${['entries', i, 'rationale']} label=${`rationale of ${e.id}`} multiline nullable placeholder=${GAPS.rationale} /></div>
                      ${f.capexOpex && html`<p><strong>CapEx / OpEx:</strong> ${f.capexOpex}</p>`}
                      ${f.assumption && html`<p><strong>Assumption:</strong> ${f.assumption}</p>`}
                      ${
                        e.adr &&
                        html`<dl class="facts adr">
                        <dt>Context</dt><dd>${orGap(e.adr.context, 'context')}</dd><dt>Decision</dt><dd>${e.adr.decision}</dd>
                        <dt>Alternatives</dt><dd>${e.adr.alternatives.join('; ') || '—'}</dd><dt>Consequences</dt><dd>${orGap(e.adr.consequences, 'consequences')}</dd>
                      </dl>`
                      }
                    </details></td>
                  <td data-label="Status" class="nowrap entry-status"><span class=${`badge badge-roadmap-${e.status}`}>${ROADMAP_STATUS_LABELS[e.status]}</span>
                    <${EnumSelect} value=${e.status} path=${['entries', i, 'status']} label=${`Status of ${e.id}`} options=${ROADMAP_STATUSES} labels=${ROADMAP_STATUS_LABELS} /></td>
                  <td data-label="Horizon" class="nowrap">${orGap(e.horizon, 'horizon', (h) => HORIZON_LABELS[h])}</td>
                  <td data-label="Effort (weeks)" class="num">${e.effortWeeks === null ? html`<span class="muted gap">${GAPS.effort}</span>` : number(e.effortWeeks)}</td>
                  <td data-label="Owner"><${EditableText} value=${e.owner} path=${['entries', i, 'owner']} label=${`owner of ${e.id}`} nullable placeholder=${GAPS.owner} /></td>
                  <td data-label="Deadline" class="nowrap"><${EditableText} value=${e.deadline} path=${['entries', i, 'deadline']} label=${`deadline of ${e.id}`} nullable placeholder=${GAPS.deadline} /></td>
                  <td data-label="Metric">${
                    e.metric
                      ? html`<bdi>${e.metric.name}</bdi>: <span class="nowrap">${orGap(e.metric.baseline, 'baseline')} → ${e.metric.target}</span>
                      <span class="metric-now small">now: <${EditableText} value=${e.metric.current} path=${['entries', i, 'metric', 'current']} label=${`latest value of the metric of ${e.id}`} nullable placeholder=${GAPS.measured} /></span>`
                      : html`<span class="muted gap">${GAPS.metric}</span>`
                  }</td>
                  <td data-label="Cost" class="num">${amount(f.oneOffCost)}</td>
                  <td data-label="EBITDA / yr" class="num">${amount(f.annualEbitdaEffect)}</td>
                  <td data-label="EV effect" class="num" title=${value !== null ? `${money(value, currency, { compact: false })} = ${money(f.annualEbitdaEffect ?? 0, currency, { compact: false })} EBITDA × ${f.evMultiple} (assumed multiple)` : 'Needs an EBITDA effect and a multiple'}>
                    ${value !== null ? html`<span class="money">${money(value, currency)}</span> <span class="muted small">(×${f.evMultiple})</span>` : html`<span class="muted gap">${f.annualEbitdaEffect === null ? GAPS.amount : GAPS.multiple}</span>`}</td>
                </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p class=${`small amounts-note${currency === null ? ' gap-note' : ' muted'}`}>${amountsNote(currency)}</p>
    </div>`;
}

/**
 * When the shared pictures are unavailable: the same grouping as plain text.
 * @param {{ entries: readonly import('/shared/domain.mjs').RoadmapEntry[] }} props
 */
function TextTimeline({ entries }) {
  return html`
    <ol class="text-timeline" aria-label="Roadmap by horizon">
      ${[...HORIZONS, null].map(
        (h) => html`
        <li key=${h ?? 'none'}><strong>${orGap(h, 'horizon', (x) => HORIZON_LABELS[x])}</strong>:
          ${
            entries
              .filter((e) => e.horizon === h)
              .map(
                (e) =>
                  `${e.title} (${e.effortWeeks === null ? `effort ${GAPS.effort}` : `${number(e.effortWeeks)} w`}${e.status === 'planned' ? '' : `, ${ROADMAP_STATUS_LABELS[e.status].toLowerCase()}`})`,
              )
              .join(' · ') || 'nothing planned'
          }</li>`,
      )}
    </ol>`;
}
