/**
 * A draft waiting for review: its changes against the current revision, with Accept all (the quick
 * path), accept or reject per item, and Discard. Fields the advisor edited or carried over are
 * marked, and Accept all leaves them as they are.
 */
import { html, useState } from '../../lib/html.js';
import { when } from '../../format.js';
import { setIn } from '../../format.js';
import { ArtifactForms } from '../forms/ArtifactForms.js';
import { useForms } from '../forms/useForms.js';
import { refChoices } from '../forms/values.js';
import { ChangeList } from './ChangeList.js';
import { JsonEditor } from './JsonEditor.js';
import { Readings } from './Readings.js';

/** @param {number} n @param {string} word */
const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * @param {{ proposal: import('../../types.js').ProposalView, session: import('../../types.js').SessionHandle, disabled: boolean }} props
 */
export function ProposalPanel({ proposal, session, disabled }) {
  const step = proposal.step;
  /** The draft open for editing before it is accepted: in its forms, or as JSON. */
  const [editing, setEditing] = useState(/** @type {'forms' | 'json' | null} */ (null));
  const forms = useForms();
  const [error, setError] = useState(/** @type {import('../../session/useSession.js').ShownError | null} */ (null));
  /** @param {unknown} data */
  const save = async (data) => {
    const failed = await session.saveProposal(step, data);
    setError(failed);
    return failed;
  };
  const held = proposal.changes.filter((c) => c.protected).length;
  // What Accept all would take: everything but protected fields (an edited item's other fields included).
  const free = proposal.changes.filter(
    (c) => !c.protected || (c.change === 'changed' && c.fields.some((f) => !f.protected)),
  ).length;
  // Accepting a draft that holds values read from the chat confirms them: the list is shown above the buttons' effect.
  const read = proposal.readings.length > 0;
  const by = proposal.provider === 'offline' ? 'the offline facilitator' : (proposal.model ?? proposal.provider);
  /** @param {'accept' | 'reject'} decision @param {string} key */
  const onDecide = (decision, key) => session[decision](step, [key]);
  return html`
    <section class="proposal" aria-labelledby="proposal-heading" data-proposal-id=${proposal.id}>
      <header class="proposal-head">
        <div>
          <h3 id="proposal-heading" class="proposal-title">${proposal.currentRevision === null ? 'Draft to review' : `Redraft to review against revision ${proposal.currentRevision}`}</h3>
          <p class="muted small">${`Drafted by ${by}${proposal.promptVersion ? ` (${proposal.promptVersion})` : ''} · ${when(proposal.createdAt)} · ${count(proposal.changes.length, 'change')}${proposal.unchanged ? `, ${proposal.unchanged} unchanged` : ''}`}</p>
        </div>
        <div class="button-row">
          ${free > 0 && html`<button type="button" class="btn btn-small btn-primary" disabled=${disabled} onClick=${() => session.accept(step)}>${read ? 'Confirm what was read and accept all' : 'Accept all'}</button>`}
          <button type="button" class="btn btn-small" disabled=${disabled || !forms} aria-expanded=${editing === 'forms'}
            onClick=${() => {
              setEditing(editing === 'forms' ? null : 'forms');
              setError(null);
            }}>${editing === 'forms' ? 'Close forms' : 'Edit draft in forms'}</button>
          <button type="button" class="btn btn-small btn-ghost" disabled=${disabled} aria-expanded=${editing === 'json'}
            onClick=${() => {
              setEditing(editing === 'json' ? null : 'json');
              setError(null);
            }}>${editing === 'json' ? 'Close editor' : 'Edit draft as JSON'}</button>
          <button type="button" class="btn btn-small btn-ghost" disabled=${disabled} onClick=${() => session.reject(step)}>${proposal.changes.length ? 'Discard draft' : 'Close'}</button>
        </div>
      </header>
      ${
        editing === 'json' &&
        html`<${JsonEditor} key=${`proposal-${proposal.id}`} data=${proposal.data} error=${error} onSave=${save}
          onClose=${() => setEditing(null)} what="The draft" saveLabel="Save the draft" />`
      }
      ${
        editing === 'forms' &&
        forms &&
        html`<${ArtifactForms} fields=${forms[step]} data=${/** @type {Record<string, unknown>} */ (proposal.data)}
          refs=${refChoices(session.view?.artifacts ?? {})} disabled=${disabled} title="The draft"
          save=${(/** @type {import('../../format.js').FieldPath} */ path, /** @type {unknown} */ value) => save(setIn(proposal.data, path, value))} />`
      }
      ${read && html`<${Readings} readings=${proposal.readings} refs=${refChoices(session.view?.artifacts ?? {})} />`}
      ${proposal.changes.length === 0 && html`<p class="small">The draft changes nothing in the current revision.</p>`}
      ${held > 0 && html`<p class="small protected-summary">${held === 1 ? 'One change touches' : `${held} changes touch`} what you edited or carried over: Accept all leaves ${held === 1 ? 'it' : 'them'} as ${held === 1 ? 'it is' : 'they are'}; accept ${held === 1 ? 'it' : 'each'} here to take the draft's value.</p>`}
      <${ChangeList} changes=${proposal.changes} onDecide=${onDecide} disabled=${disabled} provenance=${proposal.provenance} />
    </section>`;
}
