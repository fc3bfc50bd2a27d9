import { html, useEffect, useState } from '../../lib/html.js';
import { setIn, when } from '../../format.js';
import { EditContext } from './editing.js';
import { JsonEditor } from './JsonEditor.js';
import { ArtifactForms } from '../forms/ArtifactForms.js';
import { useForms } from '../forms/useForms.js';
import { refChoices } from '../forms/values.js';
import { HistoryPanel } from './HistoryPanel.js';
import { ProposalPanel } from './ProposalPanel.js';
import { ProvenanceContext } from './provenance.js';
import { ContextView } from './ContextView.js';
import { TrendsView } from './TrendsView.js';
import { DialogueView } from './DialogueView.js';
import { ImpactView } from './ImpactView.js';
import { RisksView } from './RisksView.js';
import { RoadmapView } from './RoadmapView.js';
import { SoundingBoardView } from './SoundingBoardView.js';
import { OverrideList } from '../MoveOn.js';

/** @typedef {import('/shared/domain.mjs').StepId} StepId */

const VIEWS = {
  context: ContextView,
  trends: TrendsView,
  dialogue: DialogueView,
  impact: ImpactView,
  risks: RisksView,
  roadmap: RoadmapView,
  sounding_board: SoundingBoardView,
};
/** @type {Readonly<Record<import('/shared/domain.mjs').ArtifactSource, string>>} */
const SOURCES = {
  model: 'drafted by the model',
  offline: 'built by the offline facilitator',
  user: 'edited by you',
  carried: 'carried over from the previous quarter: confirm or revise',
};

/**
 * The artifacts beside the chat: one at a time (the current step's unless another is picked),
 * with its revision, where it came from, whether it is stale, and hand editing.
 * @param {{
 *   view: import('../../types.js').SessionView,
 *   session: import('../../types.js').SessionHandle,
 *   selected: StepId | null,
 *   onSelect: (step: StepId) => void,
 * }} props
 */
export function ArtifactPanel({ view, session, selected, onSelect }) {
  const [jsonOpen, setJsonOpen] = useState(false);
  const [formsOpen, setFormsOpen] = useState(false);
  const forms = useForms();
  const [historyOpen, setHistoryOpen] = useState(false);
  /** A revision from the history shown read-only instead of the current one. */
  const [viewing, setViewing] = useState(/** @type {import('../../types.js').TracedRevision | null} */ (null));
  const [error, setError] = useState(/** @type {import('../../session/useSession.js').ShownError | null} */ (null));
  const withArtifacts = view.steps.filter((s) => s.hasArtifact || s.step === view.current);
  const step =
    view.steps.find((s) => s.step === selected) ?? view.steps.find((s) => s.step === view.current) ?? view.steps.at(-1);
  // A restore or a new revision brings the current one back into view.
  const shownRevision = step ? view.artifacts[step.step]?.revision : undefined;
  useEffect(() => setViewing(null), [shownRevision]);
  // A session has at least one step (a quick check has the sounding board).
  if (!step) return null;
  const artifact = view.artifacts[step.step];
  const proposal = view.proposals?.[step.step] ?? null;
  // An artifact the page has just received from a draft carries no check of its citations until the next view.
  const dangling = artifact?.danglingReferences ?? [];
  const trends = view.artifacts.trends?.data.trends ?? [];
  // What the computed facts read besides the roadmap (src/domain/facts.ts).
  const constraints = view.artifacts.context?.data.constraints ?? null;
  const roadmap = view.artifacts.roadmap?.data ?? null;
  const Body = VIEWS[step.step];
  const drafting = session.live?.kind === 'draft' || session.pending?.label === 'draft';

  /** @param {unknown} data */
  const saveWhole = async (data) => {
    const failed = await session.saveArtifact(step.step, data);
    setError(failed);
    return failed;
  };
  /** @type {import('./editing.js').EditState} */
  const edit = {
    disabled: drafting || !artifact,
    error,
    save: async (path, value) => (artifact ? saveWhole(setIn(artifact.data, path, value)) : null),
  };

  /** @param {StepId} s */
  const pick = (s) => {
    setJsonOpen(false);
    setFormsOpen(false);
    setHistoryOpen(false);
    setViewing(null);
    setError(null);
    onSelect(s);
  };

  return html`
    <section class="artifact-panel" aria-labelledby="artifact-heading">
      <div class="artifact-tabs" role="group" aria-label="Artifacts">
        ${withArtifacts.map(
          (s) => html`
          <button type="button" key=${s.step} class=${`tab ${s.step === step.step ? 'tab-active' : ''} ${view.artifacts[s.step]?.stale ? 'tab-stale' : ''}`}
            aria-pressed=${s.step === step.step} onClick=${() => pick(s.step)}>
            ${s.number}. ${s.title}${view.artifacts[s.step]?.stale ? ' (stale)' : ''}
          </button>`,
        )}
      </div>
      <header class="artifact-head">
        <div>
          <h2 id="artifact-heading" class="artifact-title">${step.produces}</h2>
          ${
            artifact
              ? html`<p class="muted small artifact-meta" data-testid="artifact-meta">
                <span class="revision" data-revision=${artifact.revision}>Revision ${artifact.revision}</span> · ${artifact.restoredFrom ? `revision ${artifact.restoredFrom} restored by you` : (SOURCES[artifact.source] ?? artifact.source)} · ${when(artifact.createdAt)}
                ${artifact.stale && html` · <span class="badge badge-warn">Stale</span>`}</p>`
              : html`<p class="muted small">Not drafted yet.</p>`
          }
        </div>
        ${
          artifact &&
          html`
          <div class="button-row">
            ${artifact.stale && html`<button type="button" class="btn btn-small" disabled=${session.streaming} onClick=${() => session.confirm(step.step)}>Keep as is</button>`}
            <button type="button" class="btn btn-small btn-ghost" aria-expanded=${historyOpen}
              onClick=${() => {
                setHistoryOpen(!historyOpen);
                setViewing(null);
              }}>${historyOpen ? 'Close history' : 'History'}</button>
            <button type="button" class="btn btn-small" aria-expanded=${formsOpen} disabled=${drafting || !forms}
              onClick=${() => {
                setFormsOpen(!formsOpen);
                setJsonOpen(false);
                setError(null);
              }}>${formsOpen ? 'Close forms' : 'Edit in forms'}</button>
            <button type="button" class="btn btn-small btn-ghost" aria-expanded=${jsonOpen} disabled=${drafting} title="The whole artifact as JSON: for what the forms do not offer"
              onClick=${() => {
                setJsonOpen(!jsonOpen);
                setFormsOpen(false);
                setError(null);
              }}>${jsonOpen ? 'Close JSON' : 'Edit as JSON'}</button>
          </div>`
        }
      </header>
      ${
        view.overrides.some((o) => o.step === step.step) &&
        html`<div class="artifact-overrides" role="note">
          <${OverrideList} overrides=${view.overrides.filter((o) => o.step === step.step)} titleOf=${() => step.title} />
        </div>`
      }
      ${
        dangling.length > 0 &&
        html`<p class="stale-note dangling-note" role="status">Cites what this session no longer holds: ${dangling.map((d) => `${d.kind} ${d.id} (${d.field.replace(/^data\./, '')})`).join('; ')}. Edit those fields, or redraft.</p>`
      }
      ${artifact?.stale && html`<p class="stale-note">Built on something you have since revised. Keep it as it is, or ${step.step === view.current ? 'redraft it' : 'redraft it when you reach this step'}.</p>`}
      ${error && !jsonOpen && !formsOpen && html`<p class="field-error" role="alert">${error.message}</p>`}
      ${drafting && session.live?.step === step.step ? html`<p class="drafting-note" role="status">Drafting… the draft appears here for you to review.</p>` : null}
      ${proposal && !viewing && html`<${ProposalPanel} proposal=${proposal} session=${session} disabled=${session.streaming} />`}
      ${
        historyOpen &&
        artifact &&
        html`<${HistoryPanel} sessionId=${view.session.id} step=${step.step} current=${artifact.revision} session=${session}
          disabled=${session.streaming} viewing=${viewing?.revision ?? null} onView=${setViewing} />`
      }
      ${
        viewing
          ? html`<div class="viewing-old" data-viewing-revision=${viewing.revision}>
              <p class="viewing-note small" role="status">Revision ${viewing.revision}, read only. Restore it from the history to make it current.</p>
              <${ProvenanceContext.Provider} value=${{ provenance: viewing.provenance, itemKeys: viewing.itemKeys }}><${EditContext.Provider} value=${{ disabled: true, error: null, save: async () => null }}><${Body} data=${viewing.data} trends=${trends} answers=${view.answersByTrend} constraints=${constraints} roadmap=${roadmap} /><//><//>
            </div>`
          : formsOpen && artifact && forms
            ? html`<${ArtifactForms} fields=${forms[step.step]} data=${/** @type {Record<string, unknown>} */ (artifact.data)} refs=${refChoices(view.artifacts)}
                save=${edit.save} disabled=${edit.disabled} title=${step.produces} />`
            : jsonOpen && artifact
              ? html`<${JsonEditor} key=${`${step.step}-${artifact.revision}`} data=${artifact.data} error=${error} onSave=${saveWhole} onClose=${() => setJsonOpen(false)} />`
              : artifact
                ? html`<${ProvenanceContext.Provider} value=${{ provenance: artifact.provenance ?? {}, itemKeys: artifact.itemKeys ?? {} }}><${EditContext.Provider} value=${edit}><${Body} data=${artifact.data} trends=${trends} answers=${view.answersByTrend} constraints=${constraints} roadmap=${roadmap} /><//><//>`
                : proposal
                  ? null
                  : html`<div class="empty-artifact">
              <p>${step.step === view.current ? 'Talk it through in the chat; when there is enough, press “Draft” above: the draft appears here for you to review and accept.' : 'This step has no artifact yet.'}</p>
            </div>`
      }
    </section>`;
}
