import { html, useState } from '../lib/html.js';
import { api } from '../api.js';
import { INDUSTRY_PROFILES, INDUSTRY_PROFILE_LABELS, REGIONS, REGION_LABELS } from '/shared/domain.mjs';

/**
 * Which question banks the offline facilitator uses for this client: its industry profile and region
 * (the key-number and regulation examples, the trend catalogue). Inferred from the client's industry
 * until the advisor picks; a change applies to the client's questions from the next one on.
 * @param {{ client: import('/shared/domain.mjs').Client, onChanged: () => unknown }} props
 */
export function BankProfilePicker({ client, onChanged }) {
  const [error, setError] = useState(/** @type {string | null} */ (null));
  /** @param {import('/shared/domain.mjs').BankProfile} profile */
  const choose = (profile) => {
    setError(null);
    api
      .updateClient(client.id, { profile })
      .then(() => onChanged())
      .catch((/** @type {Error} */ e) => setError(`Could not change the question banks: ${e.message}`));
  };
  const { industry, region } = client.profile;
  return html`<span class="bank-profile">
    <label>Offline question banks
      <select aria-label="Industry profile of the question banks" value=${industry}
        onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) =>
          choose({
            industry: /** @type {import('/shared/domain.mjs').IndustryProfile} */ (e.currentTarget.value),
            region,
          })}>
        ${INDUSTRY_PROFILES.map((p) => html`<option key=${p} value=${p}>${INDUSTRY_PROFILE_LABELS[p]}</option>`)}
      </select></label>
    <select aria-label="Region of the question banks" value=${region}
      onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) =>
        choose({ industry, region: /** @type {import('/shared/domain.mjs').Region} */ (e.currentTarget.value) })}>
      ${REGIONS.map((r) => html`<option key=${r} value=${r}>${REGION_LABELS[r]}</option>`)}
    </select>
    ${client.profileChosen ? null : html`<span class="muted"> (from the industry)</span>`}
    ${error ? html`<span role="alert" class="error-text"> ${error}</span>` : null}
  </span>`;
}
