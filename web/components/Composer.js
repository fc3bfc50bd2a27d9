import { ACTION_LABELS, actionsOf } from '/shared/domain.mjs';
import { html, useEffect, useRef } from '../lib/html.js';

/**
 * What each action button says to a screen reader and on hover.
 * @type {Readonly<Record<import('/shared/domain.mjs').ConversationAction, string>>}
 */
const ACTION_HINTS = {
  next_trend: 'Move the dialogue to the least explored chosen trend',
  enough: 'End the dialogue here: Next step is allowed even if a trend has fewer than three answers',
  skip: 'Leave the question standing unanswered and go to the next one',
};

/**
 * Enter sends, Shift+Enter starts a new line. Sending waits while a reply streams; Stop ends it.
 * The text is the page's (kept in sessionStorage), so a failed send loses nothing.
 * @param {{
 *   text: string,
 *   onText: (text: string) => void,
 *   onSend: (text: string) => void,
 *   onStop: () => void,
 *   streaming: boolean,
 *   canStop: boolean,
 *   disabled: boolean,
 *   placeholder: string,
 *   trends?: readonly { id: string, name: string }[] | null,
 *   trendId?: string | null,
 *   onTrend?: (trendId: string | null) => void,
 *   answers?: Readonly<Record<string, number>>,
 *   step?: import('/shared/domain.mjs').StepId | null,
 *   onAction?: (action: import('/shared/domain.mjs').ConversationAction) => void,
 *   enough?: boolean,
 * }} props
 */
export function Composer({
  text,
  onText,
  onSend,
  onStop,
  streaming,
  canStop,
  disabled,
  placeholder,
  trends,
  trendId,
  onTrend,
  answers,
  step,
  onAction,
  enough,
}) {
  /** @type {import('/vendor/preact.mjs').RefObject<HTMLTextAreaElement | null>} */
  const box = useRef(null);
  const wasStreaming = useRef(streaming);
  useEffect(() => {
    // Back to the composer when the reply ends, if that is where the user was.
    if (wasStreaming.current && !streaming && box.current && document.activeElement === document.body)
      box.current.focus();
    wasStreaming.current = streaming;
  }, [streaming]);

  // Escape stops a reply from anywhere on the page (the composer itself is disabled while it streams).
  useEffect(() => {
    if (!canStop) return undefined;
    /** @param {KeyboardEvent} e */
    const onEscape = (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onStop();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [canStop, onStop]);

  const send = () => {
    if (streaming || disabled || !text.trim()) return;
    onSend(text.trim());
  };
  /** @param {KeyboardEvent} e */
  const onKeyDown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };
  /** @param {SubmitEvent} e */
  const onSubmit = (e) => {
    e.preventDefault();
    send();
  };

  return html`
    <form class="composer" onSubmit=${onSubmit} aria-label="Write to the facilitator">
      ${
        trends &&
        trends.length > 0 &&
        html`
        <div class="composer-trend">
          <label for="composer-trend">Answering about</label>
          <select id="composer-trend" value=${trendId ?? ''} onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) => onTrend?.(e.currentTarget.value || null)} disabled=${streaming}>
            ${trends.map((t) => html`<option value=${t.id} key=${t.id}>${`\u2068${t.name}\u2069`} (${answers?.[t.id] ?? 0} answers)</option>`)}
          </select>
        </div>`
      }
      ${
        step &&
        html`
        <div class="composer-actions" role="group" aria-label="Steer the conversation">
          ${actionsOf(step).map(
            (a) => html`<button type="button" class="btn btn-small btn-ghost" key=${a} data-conversation-action=${a}
              title=${ACTION_HINTS[a]} disabled=${streaming || disabled || (a === 'enough' && enough)}
              onClick=${() => onAction?.(a)}>${a === 'enough' && enough ? 'Enough: noted' : ACTION_LABELS[a]}</button>`,
          )}
        </div>`
      }
      <label for="composer-text" class="visually-hidden">Your message</label>
      <textarea id="composer-text" ref=${box} rows="3" value=${text} placeholder=${placeholder}
        onInput=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLTextAreaElement>} */ e) => onText(e.currentTarget.value)} onKeyDown=${onKeyDown}
        disabled=${streaming || disabled} aria-describedby="composer-hint"></textarea>
      <div class="composer-row">
        <p class="hint" id="composer-hint">${streaming ? `A reply is being written…${canStop ? ' Esc stops it' : ''}` : 'Enter sends · Shift+Enter for a new line'}</p>
        ${
          canStop
            ? html`<button type="button" class="btn btn-danger" onClick=${onStop}>Stop</button>`
            : html`<button type="submit" class="btn btn-primary" disabled=${streaming || disabled || !text.trim()}>Send</button>`
        }
      </div>
    </form>`;
}
