import { html, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { INDUSTRY_PROFILES, INDUSTRY_PROFILE_LABELS, REGIONS, REGION_LABELS } from '/shared/domain.mjs';

/**
 * Which question banks the offline facilitator uses for this client: its industry profile and region
 * (the key-number and regulation examples, the trend catalogue). Inferred from the client's industry
 * until the advisor picks; a change applies to the client's questions from the next one on. Shown
 * under the client's currency, in the same manner.
 * @param {{ client: import('/shared/domain.mjs').Client, onChanged: () => unknown }} props
 */
export function BankProfilePicker({ client, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(/** @type {string | null} */ (null));
  /** @param {import('/shared/domain.mjs').BankProfile} profile */
  const choose = async (profile) => {
    setBusy(true);
    setError(null);
    try {
      await api.updateClient(client.id, { profile });
      await onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The question banks could not be changed. Retry.');
    } finally {
      setBusy(false);
    }
  };
  const { industry, region } = client.profile;
  return html`
    <div class="client-setting bank-profile" data-testid="bank-profile">
      <label for="bank-profile-industry">Offline question banks</label>
      <select id="bank-profile-industry" aria-label="Industry profile of the question banks" value=${industry}
        disabled=${busy}
        onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) =>
          choose({
            industry: /** @type {import('/shared/domain.mjs').IndustryProfile} */ (e.currentTarget.value),
            region,
          })}>
        ${INDUSTRY_PROFILES.map((p) => html`<option key=${p} value=${p}>${INDUSTRY_PROFILE_LABELS[p]}</option>`)}
      </select>
      <select aria-label="Region of the question banks" value=${region} disabled=${busy}
        onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) =>
          choose({ industry, region: /** @type {import('/shared/domain.mjs').Region} */ (e.currentTarget.value) })}>
        ${REGIONS.map((r) => html`<option key=${r} value=${r}>${REGION_LABELS[r]}</option>`)}
      </select>
      ${client.profileChosen ? null : html`<span class="muted small">as its industry suggests</span>`}
      ${error && html`<p class="field-error" role="alert">${error}</p>`}
    </div>`;
}
