import { html, useId } from '../lib/html.js';
import { DRAFT_LABELS } from '../format.js';

/**
 * The current step, what it must leave behind, and the ways forward: draft, next step, keep (the
 * conversation actions are under the composer).
 * @param {{ view: import('../types.js').SessionView, session: import('../types.js').SessionHandle }} props
 */
export function StepBar({ view, session }) {
  const reasonId = useId();
  const current = view.steps.find((s) => s.step === view.current);
  const busy = session.streaming;
  if (!current) {
    return html`
      <section class="step-bar step-bar-done" aria-label="Session status">
        <div class="step-bar-text">
          <h2 class="step-heading">Session complete</h2>
          <p class="muted">Every step has its artifact. Click a step above to reopen it, or take the exports.</p>
        </div>
      </section>`;
  }
  const artifact = view.artifacts[current.step];
  const stale = current.status === 'stale' || artifact?.stale;
  const blocked = view.advanceBlockedBy;
  const isLast = view.steps.at(-1)?.step === current.step;
  return html`
    <section class="step-bar" aria-label="Current step">
      <div class="step-bar-text">
        <h2 class="step-heading"><span class="muted">${stepPosition(view, current)} ·</span> ${current.title}</h2>
        <p class="muted">Leaves behind: ${current.produces}</p>
        ${blocked ? html`<p class="blocked" id=${reasonId}>${blocked}</p>` : null}
      </div>
      <div class="step-actions">
        ${stale && html`<button type="button" class="btn" disabled=${busy} onClick=${() => session.confirm(current.step)}>Keep as is</button>`}
        <button type="button" class="btn" disabled=${busy} onClick=${() => session.draft()} data-action="draft">
          ${session.pending?.label === 'draft' || session.live?.kind === 'draft' ? 'Drafting…' : `${artifact ? (stale ? 'Revise: redraft' : 'Redraft') : 'Draft'} ${DRAFT_LABELS[current.step]}`}
        </button>
        <button type="button" class="btn btn-primary" disabled=${busy || Boolean(blocked)} aria-describedby=${blocked ? reasonId : undefined}
          onClick=${() => session.advance(false)} data-action="advance">${isLast ? 'Finish session' : 'Next step →'}</button>
      </div>
    </section>`;
}

/**
 * Where the step stands in this session: a quick check runs one step of the seven, not "step 7 of 1".
 * @param {import('../types.js').SessionView} view
 * @param {import('../types.js').StepView} current
 */
function stepPosition(view, current) {
  if (view.session.mode === 'quick_check') return 'Quick check';
  return `Step ${current.number} of ${view.steps.length}`;
}
