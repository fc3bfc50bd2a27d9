/**
 * The values the offline parser read from answers given in the chat (not typed into a form), listed
 * with the draft, each beside the words it was read from: the parser can misread ("€ 1,2 Mio." as
 * 1.2), so the advisor checks them here, corrects any in the draft's forms, and accepting the draft
 * confirms them. Nothing read reaches the artifact without passing this list.
 */
import { html } from '../../lib/html.js';
import { useCurrency } from '../../money.js';
import { brief } from './ChangeList.js';

/** @typedef {import('../../../src/domain/forms/readings.js').Reading} Reading */
/** @typedef {import('../forms/values.js').RefChoices} RefChoices */

/**
 * A read value as the advisor would write it: a choice by its label, a score out of 5, an amount in
 * the client's currency, a number with its unit, the trends or entries it names by their names.
 * @param {Reading} r
 * @param {string | null} currency
 * @param {RefChoices} refs
 */
function shown(r, currency, refs) {
  if (r.kind === 'choice') return r.options?.find((o) => o.value === r.value)?.label ?? String(r.value);
  if (r.kind === 'refs' && Array.isArray(r.value)) {
    const all = Object.values(refs).flat();
    return r.value.map((id) => `${id} ${all.find((c) => c.id === id)?.label ?? ''}`.trim()).join('; ');
  }
  if (r.kind === 'score') return `${r.value} of 5`;
  const text = brief(r.value, currency, r.kind === 'money' ? r.field : '');
  return r.kind === 'number' && r.unit ? `${text} ${r.unit}` : text;
}

/** @param {{ readings: readonly Reading[], refs: RefChoices }} props */
export function Readings({ readings, refs }) {
  const currency = useCurrency();
  return html`
    <section class="readings" aria-labelledby="readings-heading" data-role="readings">
      <h4 id="readings-heading" class="readings-heading">Read from your words in the chat: check before you accept</h4>
      <p class="small muted">These ${readings.length === 1 ? 'value was' : `${readings.length} values were`} read by rules, not typed into a form, and rules misread. Correct any in “Edit draft in forms”; accepting confirms what is left.</p>
      <ul class="reading-list">
        ${readings.map(
          (
            r,
          ) => html`<li class="reading" key=${`${r.messageId}-${r.field}`} data-field=${r.field} data-message-id=${r.messageId}>
            <span class="reading-what"><span class="muted">${r.topic} ·</span> ${r.label}: <strong>${shown(r, currency, refs)}</strong></span>
            <span class="reading-from small">${r.readFrom ? `from “${r.readFrom}”` : `from your answer (message ${r.messageId})`}</span>
          </li>`,
        )}
      </ul>
    </section>`;
}
