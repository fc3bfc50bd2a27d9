import { html } from '../../lib/html.js';
import { number } from '../../format.js';
import { money, useCurrency } from '../../money.js';
import { EditableNumber, EditableText, TextListView } from './editing.js';
import { Origin } from './provenance.js';

/** @type {ReadonlyArray<readonly ['services' | 'products' | 'customers' | 'competitors' | 'ceoGoals', string]>} */
const LISTS = [
  ['services', 'Core services'],
  ['products', 'Products'],
  ['customers', 'Customers'],
  ['competitors', 'Competitors'],
  ['ceoGoals', "CEO's goals for the year"],
];
/** @type {ReadonlyArray<readonly ['budget' | 'team' | 'time' | 'regulation', string]>} */
const CONSTRAINTS = [
  ['budget', 'Budget'],
  ['team', 'Team'],
  ['time', 'Time'],
  ['regulation', 'Regulation'],
];

/**
 * Step 1: short and specific, numbers where the client has them.
 * @param {{ data: import('/shared/domain.mjs').ContextArtifact }} props
 */
export function ContextView({ data }) {
  const currency = useCurrency();
  return html`
    <div class="artifact-body context-view">
      <div class="summary"><${EditableText} value=${data.summary} path=${['summary']} label="summary" multiline />
        <div class="small"><${Origin} at="summary" /></div></div>
      ${
        data.keyNumbers.length > 0 &&
        html`
        <dl class="key-numbers">
          ${data.keyNumbers.map(
            (k, i) => html`
            <div class="key-number" key=${i}>
              <dt>${k.label}</dt>
              <dd><${EditableText} value=${k.value} path=${['keyNumbers', i, 'value']} label=${`${k.label} value`} />
                <div class="key-number-origin"><${Origin} at=${`keyNumbers.${i}`} /></div></dd>
            </div>`,
          )}
        </dl>`
      }
      <dl class="facts">
        <dt>Market position</dt>
        <dd><${EditableText} value=${data.marketPosition} path=${['marketPosition']} label="market position" multiline nullable />
          <div class="small"><${Origin} at="marketPosition" /></div></dd>
        <dt>Business model</dt>
        <dd><${EditableText} value=${data.businessModel} path=${['businessModel']} label="business model" multiline nullable />
          <div class="small"><${Origin} at="businessModel" /></div></dd>
      </dl>
      <div class="two-col">
        ${LISTS.map(
          ([key, title]) => html`
          <section key=${key}>
            <h4>${title}</h4>
            <${TextListView} items=${data[key]} path=${[key]} label=${title} />
            <div class="small"><${Origin} at=${key} /></div>
          </section>`,
        )}
      </div>
      <h4>Constraints</h4>
      <div class="small"><${Origin} at="constraints" /></div>
      <dl class="facts">
        ${CONSTRAINTS.map(
          ([key, title]) => html`
          <dt key=${`t-${key}`}>${title}</dt>
          <dd key=${`d-${key}`}><${EditableText} value=${data.constraints[key]} path=${['constraints', key]} label=${`${title} constraint`} multiline nullable /></dd>`,
        )}
        <dt title="The budget as one amount: the roadmap's one-off cost is checked against it">Budget amount</dt>
        <dd><${EditableNumber} value=${data.constraints.budgetAmount} path=${['constraints', 'budgetAmount']} label="budget amount" show=${(/** @type {number} */ n) => money(n, currency, { compact: false })} placeholder="no amount stated" /></dd>
        <dt title="Engineer-weeks per quarter the team can give the roadmap: its effort is checked against it">Team capacity</dt>
        <dd><${EditableNumber} value=${data.constraints.teamWeeksPerQuarter} path=${['constraints', 'teamWeeksPerQuarter']} label="team capacity in engineer-weeks per quarter" show=${(/** @type {number} */ n) => `${number(n)} engineer-weeks a quarter`} placeholder="not stated" /></dd>
      </dl>
      ${
        data.gaps.length > 0 &&
        html`
        <section class="gaps">
          <h4>Still unknown</h4>
          <${TextListView} items=${data.gaps} path=${['gaps']} label="Gap" />
          <div class="small"><${Origin} at="gaps" /></div>
        </section>`
      }
    </div>`;
}
