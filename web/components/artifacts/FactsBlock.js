import { html } from '../../lib/html.js';
import { EV_SENSITIVITY } from '/shared/domain.mjs';
import { number } from '../../format.js';
import { money as moneyIn, useCurrency } from '../../money.js';

/** @typedef {import('/shared/domain.mjs').RoadmapFacts} RoadmapFacts */
/** @typedef {import('/shared/domain.mjs').Tally} Tally */

/** "at least" when some entries did not state the input (the sum is then a floor). @param {Tally} t */
const floor = (t) => (t.missing.length > 0 ? '≥ ' : '');
/** @param {number} n */
const weeks = (n) => `${number(n)} wk`;

/**
 * A gap, named: which entries lack what.
 * @param {{ text: string }} props
 */
function Gap({ text }) {
  return html`<span class="fact-gap">${text}</span>`;
}

/**
 * @param {{ label: string, value: import('/vendor/preact.mjs').ComponentChildren, detail?: import('/vendor/preact.mjs').ComponentChildren, tone?: 'bad' | 'ok' | null, testid: string }} props
 */
function Tile({ label, value, detail = null, tone = null, testid }) {
  return html`<div class=${`fact-tile${tone ? ` fact-${tone}` : ''}`} data-fact=${testid}>
    <dt>${label}</dt>
    <dd><span class="fact-value">${value}</span>${detail && html`<span class="fact-detail">${detail}</span>`}</dd>
  </div>`;
}

/**
 * The numbers computed in code from the roadmap and the context's constraints (src/domain/facts.ts):
 * effort against capacity, cost against budget, EBITDA and enterprise value at ±2 on the multiple,
 * year-one cash against EBITDA, and payback per entry. What nobody stated shows as a gap.
 * @param {{ facts: RoadmapFacts, title?: string }} props
 */
export function FactsBlock({ facts, title = 'The numbers' }) {
  const { effort, budget, ebitda, enterpriseValue: ev, cash } = facts;
  // Amounts in the client's currency, short as a tile shows them ("EUR 1.8M").
  const currency = useCurrency();
  /** A dash where nothing is computed. @param {number | null} n */
  const money = (n) => (n === null ? '—' : moneyIn(n, currency));
  /** @param {number} n */
  const signed = (n) => (n < 0 ? money(n) : `+${money(n)}`);
  const near = effort.nearTerm;
  const nearCount = near.weeks.counted.length + near.weeks.missing.length;
  const open = effort.weeks.counted.length + effort.weeks.missing.length;
  if (open === 0) return null;
  return html`
    <section class="facts-block" aria-label=${title} data-testid="facts">
      <h4>${title} <span class="muted small">computed from the roadmap and the context</span></h4>
      <dl class="fact-tiles">
        <${Tile} testid="effort" label="Effort" value=${`${floor(effort.weeks)}${weeks(effort.weeks.total)}`}
          detail=${
            effort.capacityWeeksPerQuarter === null
              ? html`<${Gap} text="team capacity not stated" />`
              : `${number(effort.quartersOfCapacity)} quarters at ${weeks(effort.capacityWeeksPerQuarter)}/quarter`
          } />
        ${
          effort.capacityWeeksPerQuarter !== null &&
          nearCount > 0 &&
          html`<${Tile} testid="near-term" label="Next 6 months" tone=${near.overBy !== null && near.overBy > 0 ? 'bad' : 'ok'}
            value=${`${floor(near.weeks)}${weeks(near.weeks.total)} of ${weeks(near.capacityWeeks ?? 0)}`}
            detail=${near.overBy !== null && near.overBy > 0 ? `over capacity by ${weeks(near.overBy)}` : 'fits the capacity'} />`
        }
        <${Tile} testid="cost" label="One-off cost" value=${`${floor(budget.cost)}${money(budget.cost.total)}`}
          tone=${budget.headroom !== null && budget.headroom < 0 ? 'bad' : null}
          detail=${
            budget.budget === null
              ? html`<${Gap} text="no budget amount stated" />`
              : budget.headroom !== null && budget.headroom < 0
                ? `over the ${money(budget.budget)} budget by ${money(-budget.headroom)}`
                : `of a ${money(budget.budget)} budget, ${money(budget.headroom)} left`
          } />
        <${Tile} testid="ebitda" label="EBITDA / yr" value=${ebitda.counted.length > 0 ? money(ebitda.total) : html`<${Gap} text="not stated" />`}
          detail=${
            ev.counted.length > 0
              ? `EV ${money(ev.stated)} (${ev.low === null ? 'n/a' : money(ev.low)}–${money(ev.high)} at ±${EV_SENSITIVITY} on the multiple)`
              : html`<${Gap} text="no entry has both an EBITDA effect and a multiple" />`
          } />
        <${Tile} testid="cash" label="Year 1" value=${cash.counted.length > 0 ? `${money(cash.cashOut)} cash out` : html`<${Gap} text="needs cost and EBITDA" />`}
          detail=${cash.counted.length > 0 && `EBITDA ${signed(cash.ebitdaIfExpensed)} if expensed, ${signed(cash.ebitdaIfCapitalised)} if capitalised`} />
      </dl>
      <${Missing} facts=${facts} />
      <details class="small fact-entries">
        <summary>Payback and enterprise value per entry</summary>
        <table class="data-table fact-table">
          <thead><tr><th scope="col">Entry</th><th scope="col">Payback</th><th scope="col" class="num">EV at the multiple (±${EV_SENSITIVITY})</th></tr></thead>
          <tbody>${facts.entries.map(
            (e) => html`<tr key=${e.id} data-fact-entry=${e.id}>
              <td><span class="chip chip-muted">${e.id}</span> ${e.title}</td>
              <td>${paybackText(e.payback)}</td>
              <td class="num">${
                e.enterpriseValue.kind === 'value'
                  ? `${money(e.enterpriseValue.stated)} at ${e.enterpriseValue.multiple}× (${e.enterpriseValue.low === null ? 'n/a' : money(e.enterpriseValue.low)}–${money(e.enterpriseValue.high)})`
                  : html`<${Gap} text=${`no ${e.enterpriseValue.missing.join(' or ')}`} />`
              }</td>
            </tr>`,
          )}</tbody>
        </table>
      </details>
    </section>`;
}

/**
 * The inputs still missing, by entry, in one line.
 * @param {{ facts: RoadmapFacts }} props
 */
function Missing({ facts }) {
  const parts = [
    facts.effort.weeks.missing.length > 0 && `effort of ${facts.effort.weeks.missing.join(', ')}`,
    facts.budget.cost.missing.length > 0 && `cost of ${facts.budget.cost.missing.join(', ')}`,
    facts.ebitda.missing.length > 0 && `EBITDA effect of ${facts.ebitda.missing.join(', ')}`,
    facts.effort.unscheduled.length > 0 && `horizon of ${facts.effort.unscheduled.join(', ')}`,
  ].filter((x) => typeof x === 'string');
  if (parts.length === 0) return null;
  return html`<p class="small fact-missing" data-testid="fact-gaps"><strong>Not stated, so not in the sums:</strong> ${parts.join('; ')}.</p>`;
}

/** @param {import('/shared/domain.mjs').Payback} p */
function paybackText(p) {
  if (p.kind === 'years') return `${number(p.years)} years`;
  if (p.kind === 'never') return 'never (no positive EBITDA effect)';
  return html`<${Gap} text=${`no ${p.missing.join(' or ')}`} />`;
}
