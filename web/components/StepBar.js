import { html, useEffect, useId, useState } from '../lib/html.js';
import { STEPS } from '/shared/domain.mjs';
import { DRAFT_LABELS } from '../format.js';
import { MoveOn, OverrideList } from './MoveOn.js';

/** @param {import('/shared/domain.mjs').StepId} step */
const titleOf = (step) => STEPS[step].title;

/**
 * The current step, what it must leave behind, and the ways forward: draft, next step, keep (the
 * conversation actions are under the composer). Next refused lists what the step still lacks, with
 * "Move on anyway…", which records the reason; a complete session lists every override (a step's
 * own are shown with its artifact, and marked in the progress bar).
 * @param {{ view: import('../types.js').SessionView, session: import('../types.js').SessionHandle }} props
 */
export function StepBar({ view, session }) {
  const reasonId = useId();
  // The step whose Next was refused: its unmet conditions are listed until it is left or they are met.
  const [refusedAt, setRefusedAt] = useState(/** @type {string | null} */ (null));
  useEffect(() => {
    if (view.current !== refusedAt || view.unmet.length === 0) setRefusedAt(null);
  }, [view.current, view.unmet.length, refusedAt]);
  const current = view.steps.find((s) => s.step === view.current);
  const busy = session.streaming;
  if (!current) {
    return html`
      <section class="step-bar step-bar-done" aria-label="Session status">
        <div class="step-bar-text">
          <h2 class="step-heading">Session complete</h2>
          <p class="muted">Every step has its artifact. Click a step above to reopen it, or take the exports.</p>
          ${
            view.overrides.length > 0 &&
            html`<div class="overrides">
              <h3 class="overrides-heading">Moved on with gaps (${view.overrides.length})</h3>
              <${OverrideList} overrides=${view.overrides} titleOf=${titleOf} />
            </div>`
          }
        </div>
      </section>`;
  }
  const artifact = view.artifacts[current.step];
  const stale = current.status === 'stale' || artifact?.stale;
  const blocked = view.advanceBlockedBy;
  const refused = refusedAt === current.step && view.unmet.length > 0;
  const isLast = view.steps.at(-1)?.step === current.step;

  const next = async () => {
    const result = await session.advance();
    if (!result.ok && result.unmet.length > 0) setRefusedAt(current.step);
  };
  /** @param {string} reason @returns {Promise<string | null>} */
  const moveOn = async (reason) => {
    const result = await session.advance({ reason });
    if (result.ok) {
      setRefusedAt(null);
      return null;
    }
    return result.message;
  };

  return html`
    <section class="step-bar" aria-label="Current step">
      <div class="step-bar-text">
        <h2 class="step-heading"><span class="muted">${stepPosition(view, current)} ·</span> ${current.title}</h2>
        <p class="muted">Leaves behind: ${current.produces}</p>
        ${blocked && !refused ? html`<p class="blocked" id=${reasonId}>${blocked}</p>` : null}
      </div>
      <div class="step-actions">
        ${stale && html`<button type="button" class="btn" disabled=${busy} onClick=${() => session.confirm(current.step)}>Keep as is</button>`}
        <button type="button" class="btn" disabled=${busy} onClick=${() => session.draft()} data-action="draft">
          ${session.pending?.label === 'draft' || session.live?.kind === 'draft' ? 'Drafting…' : `${artifact ? (stale ? 'Revise: redraft' : 'Redraft') : 'Draft'} ${DRAFT_LABELS[current.step]}`}
        </button>
        <button type="button" class="btn btn-primary" disabled=${busy || Boolean(stale)}
          aria-describedby=${blocked && !refused ? reasonId : undefined}
          onClick=${next} data-action="advance">${isLast ? 'Finish session' : 'Next step →'}</button>
      </div>
      ${
        refused &&
        html`<${MoveOn} key=${current.step} title=${current.title} unmet=${view.unmet} busy=${busy}
          draftWaiting=${Boolean(view.proposals[current.step])}
          onMoveOn=${moveOn} onClose=${() => setRefusedAt(null)} />`
      }
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
