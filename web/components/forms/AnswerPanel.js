/**
 * The question standing, as a form beside the chat (offline): one input per field the question
 * fills. Paste a brief or a free answer and "Read into the form" pre-fills it with what the offline
 * parser reads, each value with the words it came from; correct it, then "Confirm and send": the
 * values go with the message as the advisor's confirmed answer, and only they reach the draft.
 */
import { html, useEffect, useId, useState } from '../../lib/html.js';
import { api } from '../../api.js';
import { FieldInput } from './FieldInput.js';
import { severityLine } from './ItemForm.js';
import { blankOf } from './values.js';

/** @typedef {import('../../types.js').AnswerForm} AnswerForm */
/** @typedef {import('../../types.js').AnswerField} AnswerField */
/** @template {EventTarget} T @typedef {import('../../lib/html.js').TargetedEvent<T>} TargetedEvent */

/** @param {AnswerForm} form */
const blankValues = (form) => Object.fromEntries(form.fields.map((f) => [f.path, blankOf(f.spec)]));

/**
 * A value as the transcript shows it: amounts with separators, lists joined, a group's parts in order.
 * @param {unknown} v
 * @returns {string}
 */
function shown(v) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (Array.isArray(v)) return v.map(shown).filter(Boolean).join('; ');
  if (typeof v === 'object')
    return Object.values(/** @type {Record<string, unknown>} */ (v))
      .map(shown)
      .filter(Boolean)
      .join(', ');
  return String(v);
}

/**
 * The message the transcript keeps for a confirmed form: each field said, then the note.
 * @param {AnswerForm} form
 * @param {Record<string, unknown>} values
 * @param {string} note
 */
export function answerText(form, values, note) {
  const lines = form.fields
    .map((f) => ({ label: f.spec.label, value: shown(values[f.path]) }))
    .filter((x) => x.value !== '')
    .map((x) => `${x.label}: ${x.value}`);
  return [`${form.topic} (confirmed in the form)`, ...lines, note.trim() ? `Note: ${note.trim()}` : '']
    .filter(Boolean)
    .join('\n');
}

/**
 * @param {{
 *   form: AnswerForm,
 *   sessionId: number,
 *   refs: import('./values.js').RefChoices,
 *   disabled: boolean,
 *   onSend: (content: string, answer: { questionId: string, values: Record<string, unknown> }) => void,
 * }} props
 */
export function AnswerPanel({ form, sessionId, refs, disabled, onSend }) {
  const [values, setValues] = useState(() => blankValues(form));
  const [readFrom, setReadFrom] = useState(/** @type {Readonly<Record<string, string>>} */ ({}));
  const [paste, setPaste] = useState('');
  const [note, setNote] = useState('');
  const [reading, setReading] = useState(false);
  /** A pre-fill has filled the form: its values are the parser's reading until the advisor confirms them. */
  const [prefilled, setPrefilled] = useState(false);
  const [problem, setProblem] = useState(/** @type {string | null} */ (null));
  const id = useId();
  // A new question: a fresh form.
  useEffect(() => {
    setValues(blankValues(form));
    setReadFrom({});
    setPrefilled(false);
    setPaste('');
    setNote('');
    setProblem(null);
  }, [form.questionId]);

  // A risk's two scores make its severity: shown as they are chosen, with the band's meaning.
  const severity = severityLine(Object.fromEntries(form.fields.map((f) => [f.spec.key, values[f.path]])));
  const read = async () => {
    setReading(true);
    setProblem(null);
    try {
      const r = await api.prefill(sessionId, form.questionId, paste);
      setValues({ ...blankValues(form), ...r.values });
      setReadFrom(r.readFrom);
      setPrefilled(true);
      if (note.trim() === '') setNote(paste);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  };
  return html`
    <section class="answer-panel" aria-labelledby=${`${id}-title`} data-question-id=${form.questionId}>
      <h3 class="answer-title" id=${`${id}-title`}>Answer with the form: ${form.topic}</h3>
      <details class="paste-box" open=${!prefilled && paste !== ''}>
        <summary>Paste a brief or a free answer to pre-fill the form</summary>
        <label class="visually-hidden" for=${`${id}-paste`}>Text to read into the form</label>
        <textarea id=${`${id}-paste`} class="form-input" rows="3" value=${paste} placeholder="Paste text here: it is read into the fields below for you to check, never stored as read."
          onInput=${(/** @type {TargetedEvent<HTMLTextAreaElement>} */ e) => setPaste(e.currentTarget.value)}></textarea>
        <button type="button" class="btn btn-small" disabled=${reading || paste.trim() === ''} onClick=${read}>${reading ? 'Reading…' : 'Read into the form'}</button>
      </details>
      ${prefilled ? html`<p class="small read-note" role="status">Pre-filled from your text by the offline parser, which can misread: check each value against the words it was read from, correct it, then confirm.</p>` : null}
      ${problem ? html`<p class="field-error" role="alert">${problem}</p>` : null}
      <form class="item-form" aria-label=${`Answer: ${form.topic}`}
        onSubmit=${(/** @type {Event} */ e) => {
          e.preventDefault();
          if (!disabled) onSend(answerText(form, values, note), { questionId: form.questionId, values });
        }}>
        <div class="form-grid">
          ${form.fields.map(
            (f) => html`<${FieldInput} key=${f.path} spec=${f.spec} value=${values[f.path]} refs=${refs} path=${f.path}
              readFrom=${readFrom[f.path] ?? null} onChange=${(/** @type {unknown} */ v) => setValues({ ...values, [f.path]: v })} />`,
          )}
          <div class="form-field form-field-wide" data-field="note">
            <label class="form-label" for=${`${id}-note`}>Note <span class="muted">(what does not fit the fields; kept in the transcript)</span></label>
            <textarea id=${`${id}-note`} class="form-input" rows="2" value=${note}
              onInput=${(/** @type {TargetedEvent<HTMLTextAreaElement>} */ e) => setNote(e.currentTarget.value)}></textarea>
          </div>
        </div>
        ${severity ? html`<p class="small severity-line" role="status"><span class=${`badge severity severity-${severity.severity.toLowerCase()}`}>${severity.severity}</span> ${severity.text}</p>` : null}
        <div class="button-row">
          <button type="submit" class="btn btn-primary btn-small" disabled=${disabled}>Confirm and send</button>
          <button type="button" class="btn btn-ghost btn-small" onClick=${() => {
            setValues(blankValues(form));
            setReadFrom({});
            setPrefilled(false);
          }}>Clear</button>
        </div>
      </form>
    </section>`;
}
