import { html, useEffect, useState } from '../lib/html.js';
import { ApiError, api } from '../api.js';
import { Link, navigate } from '../router.js';
import { nextQuarter } from '../format.js';
import { REGIONS, REGION_LABELS, currencyOfLocale, isCurrencyCode } from '/shared/domain.mjs';
import { CurrencyPicker } from './CurrencyPicker.js';

const QUARTER = /^\d{4}-Q[1-4]$/;

/** @typedef {import('/shared/domain.mjs').Client} Client */
/** @typedef {'clientName' | 'industry' | 'quarter' | 'mode' | 'title' | 'currency' | 'region'} TextField */
/**
 * @typedef {{
 *   clientName: string,
 *   industry: string,
 *   quarter: string,
 *   mode: import('/shared/domain.mjs').SessionMode,
 *   title: string,
 *   carryOver: boolean,
 *   carryFrom: number | null,
 *   allowDuplicate: boolean,
 *   currency: string | null,
 *   currencyChosen: boolean,
 *   region: import('/shared/domain.mjs').Region | null,
 * }} Form
 */
/** @typedef {import('../types.js').SessionChoice} SessionChoice */

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
      carryFrom: null,
      allowDuplicate: false,
      // A new client's currency defaults from the browser's locale; a known client's is its own.
      currency: currencyOfLocale(navigator.language),
      currencyChosen: false,
      // A new client's region for the offline question banks: null leaves it to the industry's words.
      region: null,
    }),
  );
  const [error, setError] = useState(
    /** @type {{ field: string | null | undefined, message: string, existing?: SessionChoice | null } | null} */ (null),
  );
  const [busy, setBusy] = useState(false);
  // What the server knows of this client and quarter: a session already there, what to carry from.
  const [plan, setPlan] = useState(/** @type {import('../types.js').SessionPlan | null} */ (null));
  // A quarter the user typed is theirs; one the form filled in may move past a quarter the client has.
  const [quarterTyped, setQuarterTyped] = useState(false);

  const known = knownClientNamed(clients, form.clientName);
  const quarter = form.quarter.trim();
  useEffect(() => {
    if (!known || !QUARTER.test(quarter)) {
      setPlan(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.plan(known.name, quarter).then(
        (p) => {
          if (!current) return;
          const suggested = p.suggestedQuarter;
          if (p.existing.length > 0 && !quarterTyped && suggested && suggested !== quarter) {
            setForm((f) => ({ ...f, quarter: suggested, carryFrom: null }));
            return;
          }
          setPlan(p);
        },
        () => current && setPlan(null),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [known?.id, quarter, quarterTyped]);

  useEffect(() => {
    if (prefill)
      setForm((f) => ({
        ...f,
        clientName: prefill.name,
        industry: prefill.industry,
        currency: f.currencyChosen ? f.currency : prefill.currency,
      }));
  }, [prefill]);

  // Picking a known client fills in its industry and currency, also when the name was typed before the client list arrived.
  /** @param {Form} f */
  const withKnownIndustry = (f) => {
    const known = knownClientNamed(clients, f.clientName);
    // A known client without one stays "not set" until the advisor picks one: a locale's guess is not stored.
    const currency = f.currencyChosen ? f.currency : known ? known.currency : currencyOfLocale(navigator.language);
    const next = f.currency === currency ? f : { ...f, currency };
    if (next.industry || !known) return next;
    return { ...next, industry: known.industry };
  };
  useEffect(() => setForm(withKnownIndustry), [clients.length]);

  /** @param {TextField} key */
  const set = (key) => (/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => {
    const value = e.currentTarget.value;
    if (key === 'quarter') setQuarterTyped(true);
    if (key === 'clientName' || key === 'quarter') {
      setForm((f) => ({ ...f, carryFrom: null, allowDuplicate: false }));
      setError(null);
    }
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
    if (form.currency !== null && !isCurrencyCode(form.currency)) {
      setError({
        field: 'currency',
        message: `${form.currency} is not an ISO 4217 currency code: choose one from the list, or type one such as ZAR.`,
      });
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
        carryFrom: canCarryOver && form.carryOver ? form.carryFrom : null,
        allowDuplicate: duplicate && form.allowDuplicate,
        currency: form.currency,
        ...(known || form.region === null ? {} : { region: form.region }),
      });
      navigate(`/sessions/${view.session.id}`);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? {
              field: err.field,
              message: err.message,
              existing:
                /** @type {{ existingSession?: SessionChoice } | null} */ (err.details)?.existingSession ?? null,
            }
          : { field: null, message: 'Something went wrong in the page. Retry.' },
      );
      setBusy(false);
    }
  };

  // A known client's next quarter can start from an earlier one with work in it (the latest by default).
  const carryChoices = plan?.carryFrom ?? [];
  const canCarryOver = known !== undefined && form.mode === 'quarterly' && carryChoices.length > 0;
  // A second quarterly session for a quarter that has one is usually a mistake: say so, offer the first.
  const existing = form.mode === 'quarterly' ? (plan?.existing[0] ?? error?.existing ?? null) : null;
  const duplicate = existing !== null;

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
      <div class="field">
        <label for="new-currency">Currency <span class="muted">(ISO 4217: every amount is in it)</span></label>
        <${CurrencyPicker} id="new-currency" value=${form.currency} describedBy=${describedBy('currency') ?? 'new-currency-hint'}
          onChange=${(/** @type {string | null} */ currency) => setForm((f) => ({ ...f, currency, currencyChosen: true }))} />
        <p class="hint" id="new-currency-hint">${
          known
            ? known.currency
              ? `${known.name}’s amounts are in ${known.currency}; a change here applies to all its sessions.`
              : `${known.name} has no currency yet: choose one, or leave it and set it in the session.`
            : 'Suggested from your browser’s language; you can change it later in the session.'
        }</p>
        ${fieldError('currency')}
      </div>
      ${
        !known &&
        html`<div class="field">
        <label for="new-region">Region <span class="muted">(for the offline question banks: key numbers, regulation, trends)</span></label>
        <select id="new-region" class="field-narrow" value=${form.region ?? ''} aria-describedby="new-region-hint"
          onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, region: REGIONS.find((r) => r === value) ?? null }));
          }}>
          <option value="">As its industry suggests</option>
          ${REGIONS.map((r) => html`<option key=${r} value=${r}>${REGION_LABELS[r]}</option>`)}
        </select>
        <p class="hint" id="new-region-hint">You can change it later in the session.</p>
        ${fieldError('region')}
      </div>`
      }
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
          Start from an earlier quarter <span class="muted">— its context, trends, risks and roadmap, to confirm or revise</span>
        </label>
        ${
          form.carryOver &&
          html`<div class="field">
            <label for="new-carry-from">Carry over from</label>
            <select id="new-carry-from" name="carryFrom" value=${String(form.carryFrom ?? carryChoices[0]?.id)}
              onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) => {
                const id = Number(e.currentTarget.value);
                setForm((f) => ({ ...f, carryFrom: id === carryChoices[0]?.id ? null : id }));
              }}>
              ${carryChoices.map(
                (c, i) =>
                  html`<option key=${c.id} value=${String(c.id)}>${c.quarter} · ${c.title || 'Quarterly session'}${i === 0 ? ' (latest with work)' : ''}</option>`,
              )}
            </select>
            <p class="hint">The Radar Review compares with the latest earlier quarter that has work in it.</p>
          </div>`
        }`
      }
      ${
        duplicate &&
        html`<div class="duplicate-warning" role="alert">
          <p><strong>${known?.name ?? form.clientName} already has a quarterly session for ${existing.quarter}</strong>${existing.title ? ` (“${existing.title}”)` : ''}. <${Link} href=${`/sessions/${existing.id}`} class="open-existing">Open it<//></p>
          <label class="checkbox"><input type="checkbox" name="allowDuplicate" checked=${form.allowDuplicate}
            onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => {
              const checked = e.currentTarget.checked;
              setForm((f) => ({ ...f, allowDuplicate: checked }));
            }} />
            Start a second one for ${existing.quarter} anyway</label>
        </div>`
      }
      ${error && !error.existing && !['clientName', 'industry', 'quarter', 'currency', 'region'].includes(error.field ?? '') ? html`<p class="field-error" role="alert">${error.message}</p>` : null}
      <button type="submit" class="btn btn-primary" disabled=${busy || (duplicate && !form.allowDuplicate)}>${busy ? 'Starting…' : 'Start session'}</button>
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
