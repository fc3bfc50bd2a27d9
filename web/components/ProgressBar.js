import { html, useState } from '../lib/html.js';

/** @type {Readonly<Record<import('/shared/domain.mjs').StepStatus, string>>} */
const STATUS_TEXT = {
  current: 'current step',
  done: 'done',
  stale: 'stale: built on something since revised',
  upcoming: 'not started',
};
/** @type {Readonly<Record<import('/shared/domain.mjs').StepStatus, string>>} */
const STATUS_ICON = { current: '●', done: '✓', stale: '!', upcoming: '' };

/**
 * The seven steps, always in view: where we are, what is done, what is stale. A step before the
 * current one can be reopened to revise it (after a confirmation: later artifacts become stale).
 * @param {{
 *   view: import('../types.js').SessionView,
 *   selected: import('/shared/domain.mjs').StepId | null,
 *   onSelect: (step: import('/shared/domain.mjs').StepId) => void,
 *   onBack: (step: import('/shared/domain.mjs').StepId) => Promise<boolean>,
 *   disabled: boolean,
 * }} props
 */
export function ProgressBar({ view, selected, onSelect, onBack, disabled }) {
  const [asking, setAsking] = useState(/** @type {import('../types.js').StepView | null} */ (null));
  const steps = view.steps;
  const currentIndex = view.current ? steps.findIndex((s) => s.step === view.current) : steps.length;

  /**
   * @param {import('../types.js').StepView} s
   * @param {number} i
   */
  const click = (s, i) => {
    if (i < currentIndex) setAsking(s);
    else {
      setAsking(null);
      onSelect(s.step);
    }
  };

  return html`
    <nav class="progress" aria-label="Session steps">
      <ol class="steps" style=${`--steps:${steps.length}`}>
        ${steps.map((s, i) => {
          const overridden = view.overrides.filter((o) => o.step === s.step);
          const movedOn = overridden.length > 0 ? `, moved on anyway with gaps (“${overridden.at(-1)?.reason}”)` : '';
          return html`
          <li key=${s.step} class=${`step step-${s.status} ${selected === s.step ? 'step-selected' : ''} ${overridden.length > 0 ? 'step-overridden' : ''}`}
            data-step=${s.step} data-status=${s.status} data-overridden=${overridden.length > 0 ? 'true' : undefined}>
            <button type="button" class="step-button" onClick=${() => click(s, i)}
              disabled=${s.status === 'upcoming'}
              aria-current=${s.status === 'current' ? 'step' : undefined}
              aria-label=${`Step ${s.number}, ${s.title}: ${STATUS_TEXT[s.status]}${s.hasArtifact ? '' : ', no artifact yet'}${movedOn}${i < currentIndex ? '. Reopen to revise' : ''}`}
              title=${`${s.title} — ${s.produces}${movedOn ? `\nMoved on anyway: ${overridden.at(-1)?.reason}` : ''}`}>
              <span class="step-number" aria-hidden="true">${STATUS_ICON[s.status] && s.status !== 'current' ? STATUS_ICON[s.status] : s.number}</span>
              <span class="step-text" aria-hidden="true">
                <span class="step-title">${s.title}</span>
                <span class="step-status">${s.status === 'stale' ? 'Stale' : s.status === 'done' ? 'Done' : s.status === 'current' ? 'Now' : ''}${overridden.length > 0 ? html` <span class="step-gaps">· with gaps</span>` : ''}</span>
              </span>
            </button>
          </li>`;
        })}
      </ol>
      ${
        asking &&
        html`
        <div class="confirm-back" role="group" aria-label="Go back to revise">
          <p>Go back to step ${asking.number}, <strong>${asking.title}</strong>, to revise it? Later steps that already have artifacts will be marked stale; you can keep them or redraft them.</p>
          <div class="button-row">
            <button type="button" class="btn btn-primary btn-small" disabled=${disabled}
              onClick=${async () => {
                const ok = await onBack(asking.step);
                if (ok) setAsking(null);
              }}>Go back to ${asking.title}</button>
            ${
              asking.hasArtifact &&
              html`<button type="button" class="btn btn-small" onClick=${() => {
                onSelect(asking.step);
                setAsking(null);
              }}>Only view its artifact</button>`
            }
            <button type="button" class="btn btn-small btn-ghost" onClick=${() => setAsking(null)}>Cancel</button>
          </div>
        </div>`
      }
    </nav>`;
}
