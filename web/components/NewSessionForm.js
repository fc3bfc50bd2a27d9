import { html, useEffect, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { navigate } from '../router.js';
import { nextQuarter } from '../format.js';

const QUARTER = /^\d{4}-Q[1-4]$/;

/** @typedef {import('/shared/domain.mjs').Client} Client */
/** @typedef {'clientName' | 'industry' | 'quarter' | 'mode' | 'title'} TextField */
/**
 * @typedef {{
 *   clientName: string,
 *   industry: string,
 *   quarter: string,
 *   mode: import('/shared/domain.mjs').SessionMode,
 *   title: string,
 *   carryOver: boolean,
 * }} Form
 */

/**
 * Client, industry, quarter (next one by default) and mode; the session opens as soon as it exists.
 * @param {{ clients: readonly Client[], prefill?: Client | null }} props
 */
export function NewSessionForm({ clients, prefill }) {
  const [form, setForm] = useState(
    /** @type {Form} */ ({
      clientName: '',
      industry: '',
      quarter: nextQuarter(),
      mode: 'quarterly',
      title: '',
      carryOver: true,
    }),
  );
  const [error, setError] = useState(
    /** @type {{ field: string | null | undefined, message: string } | null} */ (null),
  );
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (prefill) setForm((f) => ({ ...f, clientName: prefill.name, industry: prefill.industry }));
  }, [prefill]);

  // Picking a known client fills in its industry, also when the name was typed before the client list arrived.
  /** @param {Form} f */
  const withKnownIndustry = (f) => {
    if (f.industry) return f;
    const known = knownClientNamed(clients, f.clientName);
    return known ? { ...f, industry: known.industry } : f;
  };
  useEffect(() => setForm(withKnownIndustry), [clients.length]);

  /** @param {TextField} key */
  const set = (key) => (/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => {
    const value = e.currentTarget.value;
    setForm((f) => {
      const next = /** @type {Form} */ ({ ...f, [key]: value });
      return key === 'clientName' ? withKnownIndustry(next) : next;
    });
  };

  /** @param {SubmitEvent} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!QUARTER.test(form.quarter.trim())) {
      setError({ field: 'quarter', message: 'Write the quarter like 2027-Q1.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const view = await api.createSession({
        clientName: form.clientName,
        industry: form.industry,
        quarter: form.quarter.trim(),
        mode: form.mode,
        title: form.title.trim() || null,
        carryOver: canCarryOver && form.carryOver,
      });
      navigate(`/sessions/${view.session.id}`);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { field: err.field, message: err.message }
          : { field: null, message: 'Something went wrong in the page. Retry.' },
      );
      setBusy(false);
    }
  };

  // A known client's next quarter can start from its previous one (the server picks the latest earlier quarter).
  const canCarryOver = knownClientNamed(clients, form.clientName) !== undefined && form.mode === 'quarterly';

  /** @param {TextField} name */
  const fieldError = (name) =>
    error?.field === name ? html`<p class="field-error" id=${`new-${name}-error`}>${error.message}</p>` : null;
  /** @param {TextField} name */
  const describedBy = (name) => (error?.field === name ? `new-${name}-error` : undefined);

  return html`
    <form class="stack new-session" onSubmit=${submit} noValidate>
      <div class="field">
        <label for="new-client">Client</label>
        <input id="new-client" name="clientName" list="known-clients" required autocomplete="off" value=${form.clientName} onInput=${set('clientName')}
          aria-invalid=${error?.field === 'clientName'} aria-describedby=${describedBy('clientName')} />
        <datalist id="known-clients">${clients.map((c) => html`<option value=${c.name} key=${c.id}></option>`)}</datalist>
        ${fieldError('clientName')}
      </div>
      <div class="field">
        <label for="new-industry">Industry</label>
        <input id="new-industry" name="industry" required value=${form.industry} onInput=${set('industry')}
          aria-invalid=${error?.field === 'industry'} aria-describedby=${describedBy('industry')} />
        ${fieldError('industry')}
      </div>
      <div class="field-row">
        <div class="field">
          <label for="new-quarter">Quarter</label>
          <input id="new-quarter" name="quarter" required pattern="\\d{4}-Q[1-4]" placeholder="2027-Q1" value=${form.quarter} onInput=${set('quarter')}
            aria-invalid=${error?.field === 'quarter'} aria-describedby=${describedBy('quarter') ?? 'new-quarter-hint'} />
          <p class="hint" id="new-quarter-hint">e.g. 2027-Q1</p>
          ${fieldError('quarter')}
        </div>
        <div class="field">
          <label for="new-title">Title <span class="muted">(optional)</span></label>
          <input id="new-title" name="title" value=${form.title} onInput=${set('title')} />
        </div>
      </div>
      <fieldset class="field">
        <legend>Mode</legend>
        <label class="radio"><input type="radio" name="mode" value="quarterly" checked=${form.mode === 'quarterly'} onChange=${set('mode')} />
          Quarterly session <span class="muted">— all seven steps</span></label>
        <label class="radio"><input type="radio" name="mode" value="quick_check" checked=${form.mode === 'quick_check'} onChange=${set('mode')} />
          Quick sounding-board check <span class="muted">— pressure-test one recommendation</span></label>
      </fieldset>
      ${
        canCarryOver &&
        html`
        <label class="checkbox">
          <input type="checkbox" name="carryOver" checked=${form.carryOver}
            onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => {
              const checked = e.currentTarget.checked;
              setForm((f) => ({ ...f, carryOver: checked }));
            }} />
          Start from the previous quarter <span class="muted">— its context, trends, risks and roadmap, to confirm or revise</span>
        </label>`
      }
      ${error && !['clientName', 'industry', 'quarter'].includes(error.field ?? '') ? html`<p class="field-error" role="alert">${error.message}</p>` : null}
      <button type="submit" class="btn btn-primary" disabled=${busy}>${busy ? 'Starting…' : 'Start session'}</button>
    </form>`;
}

/**
 * @param {readonly Client[]} clients
 * @param {string} name
 */
function knownClientNamed(clients, name) {
  const wanted = name.trim().toLowerCase();
  return clients.find((c) => c.name.toLowerCase() === wanted);
}
