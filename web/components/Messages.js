import { html, useEffect, useRef } from '../lib/html.js';
import { STEPS } from '/shared/domain.mjs';
import { Markdown } from './SafeHtml.js';

/** @type {Partial<Readonly<Record<import('/shared/domain.mjs').MessageStatus, { label: string, cls: string }>>>} */
const STATUS = {
  streaming: { label: 'Writing…', cls: 'badge-live' },
  stopped: { label: 'Stopped', cls: 'badge-warn' },
  incomplete: { label: 'Incomplete', cls: 'badge-warn' },
  failed: { label: 'Failed', cls: 'badge-bad' },
};

/** @param {{ status: import('/shared/domain.mjs').MessageStatus }} props */
export function StatusBadge({ status }) {
  const s = STATUS[status];
  return s ? html`<span class=${`badge ${s.cls}`} data-status=${status}>${s.label}</span>` : null;
}

/**
 * @param {{
 *   message: import('/shared/domain.mjs').Message,
 *   trendName: string | null,
 *   onRetry: (() => unknown) | null,
 * }} props
 */
function Message({ message, trendName, onRetry }) {
  const mine = message.role === 'user';
  const command = message.intent === 'command';
  const replaced = message.supersededBy !== null;
  const cls = `message message-${message.role} message-${message.kind}${command ? ' message-command' : ''}${replaced ? ' message-superseded' : ''}`;
  return html`
    <li class=${cls} id=${`message-${message.id}`}
      data-message-id=${message.id} data-role=${message.role} data-status=${message.status} data-action=${message.action ?? undefined}>
      <div class="message-meta">
        <span class="message-author">${mine ? 'You' : message.kind === 'draft' ? 'Draft note' : 'Facilitator'}</span>
        ${trendName && html`<span class="chip">${trendName}</span>`}
        ${command && html`<span class="chip chip-command">action</span>`}
        <${StatusBadge} status=${message.status} />
        ${replaced && html`<span class="badge badge-muted" title="Kept here, no longer sent to the model">Replaced by a retry</span>`}
      </div>
      ${
        message.content
          ? html`<${Markdown} text=${message.content} class="prose message-body" />`
          : html`<p class="message-body muted">${message.status === 'failed' ? 'No reply was written.' : '(empty)'}</p>`
      }
      ${message.error && message.status !== 'complete' && !replaced ? html`<p class="message-error">${message.error}</p>` : null}
      ${
        onRetry &&
        html`<p class="message-actions"><button type="button" class="btn btn-small" data-action="retry-reply" onClick=${onRetry}>Retry</button>
          <span class="muted">Writes this reply again; your message is not sent twice.</span></p>`
      }
    </li>`;
}

/**
 * The transcript, grouped by step, with the reply being written in a live region at the end.
 * @param {{
 *   messages: readonly import('/shared/domain.mjs').Message[],
 *   live: import('../session/useSession.js').LiveReply | null,
 *   trends?: readonly import('/shared/domain.mjs').Trend[],
 *   hasOlder?: boolean,
 *   loadingOlder?: boolean,
 *   onLoadOlder?: () => void,
 *   retryableId?: number | null,
 *   onRetry?: (() => unknown) | null,
 * }} props
 */
export function Messages({ messages, live, trends, hasOlder, loadingOlder, onLoadOlder, retryableId, onRetry }) {
  /** @type {import('/vendor/preact.mjs').RefObject<HTMLDivElement | null>} */
  const box = useRef(null);
  // Follow the newest text while the reader is at the bottom; leave them be once they scroll up.
  const stick = useRef(true);
  const lastTop = useRef(0);
  /** @param {string | null} id */
  const trendName = (id) => trends?.find((t) => t.id === id)?.name ?? null;
  const shown = live ? messages.filter((m) => m.id !== live.turnId) : messages;

  // Scroll events arrive a frame late, after more text may have landed: only a move up (the
  // reader's doing) lets go of the bottom; reaching the bottom again takes hold of it.
  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) stick.current = true;
    else if (movedUp) stick.current = false;
  };
  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, messages.at(-1)?.content, live?.text, live?.turnId]);

  const items = [];
  /** @type {import('/shared/domain.mjs').StepId | null} */
  let step = null;
  for (const m of shown) {
    if (m.step !== step) {
      step = m.step;
      items.push(
        html`<li class="step-divider" key=${`d-${m.id}`} aria-hidden="true"><span>Step ${STEPS[step]?.number} · ${STEPS[step]?.title}</span></li>`,
      );
    }
    items.push(
      html`<${Message} key=${m.id} message=${m} trendName=${m.step === 'dialogue' ? trendName(m.trendId) : null}
        onRetry=${!live && m.id === retryableId ? (onRetry ?? null) : null} />`,
    );
  }

  return html`
    <div class="chat-scroll" ref=${box} onScroll=${onScroll} tabindex="0" role="region" aria-label="Transcript">
      ${
        hasOlder &&
        html`<p class="older-messages"><button type="button" class="btn btn-small btn-ghost" data-action="load-older"
          disabled=${loadingOlder} onClick=${onLoadOlder}>${loadingOlder ? 'Loading earlier messages…' : 'Show earlier messages'}</button></p>`
      }
      <ol class="messages">${items}</ol>
      <div class="live-region" aria-live="polite" aria-atomic="false" aria-busy=${live ? 'true' : 'false'} data-testid="live-reply">
        ${
          live &&
          html`
          <div class=${`message message-assistant message-live ${live.kind === 'draft' ? 'message-draft' : ''}`} data-role="assistant" data-status="streaming" data-turn-id=${live.turnId}>
            <div class="message-meta">
              <span class="message-author">${live.kind === 'draft' ? 'Drafting' : 'Facilitator'}</span>
              <span class="badge badge-live">${live.reconnecting ? 'Reconnecting…' : live.kind === 'draft' ? 'Drafting…' : 'Writing…'}</span>
            </div>
            ${
              live.text
                ? html`<${Markdown} text=${live.text} class="prose message-body streaming" />`
                : html`<p class="message-body muted typing"><span class="dots" aria-hidden="true"><span></span><span></span><span></span></span> ${live.kind === 'draft' ? 'Building the artifact from the conversation…' : 'Thinking…'}</p>`
            }
          </div>`
        }
      </div>
    </div>`;
}
