import { html, useEffect, useRef, useState } from '../lib/html.js';
import { exportLinks } from '../api.js';
import { loadDraft, saveDraft } from '../drafts.js';
import { Link } from '../router.js';
import { useSession } from '../session/useSession.js';
import { CurrencyContext } from '../money.js';
import { ArtifactPanel } from './artifacts/ArtifactPanel.js';
import { BankProfilePicker } from './BankProfilePicker.js';
import { ClientCurrency } from './ClientCurrency.js';
import { AnswerPanel } from './forms/AnswerPanel.js';
import { refChoices } from './forms/values.js';
import { Composer } from './Composer.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Messages } from './Messages.js';
import { ProgressBar } from './ProgressBar.js';
import { StepBar } from './StepBar.js';

/** @type {Readonly<Record<import('/shared/domain.mjs').StepId, string>>} */
const PLACEHOLDERS = {
  context: 'Tell the facilitator about the company: services, customers, numbers, the CEO’s goals, constraints…',
  trends: 'Which trends matter here? Ask for more, or say which to keep…',
  dialogue: 'Answer the question…',
  impact: 'What would this change for the company, the industry, the market?',
  risks: 'What could go wrong? Who owns it?',
  roadmap: 'What should the team start on Monday?',
  sounding_board: 'State the recommendation to pressure-test…',
};

/**
 * One session: steps on top, the chat with the reply streaming in, the artifacts beside it.
 * @param {{ sessionId: number }} props
 */
export function SessionPage({ sessionId }) {
  const session = useSession(sessionId);
  const { view, messages, live, error, loadError } = session;
  const [selected, setSelected] = useState(/** @type {import('/shared/domain.mjs').StepId | null} */ (null));
  const [text, setText] = useState(() => loadDraft(sessionId));
  const [trendId, setTrendId] = useState(/** @type {string | null} */ (null));
  /** The month a State of the Tech covers ("YYYY-MM"); empty: the current month, as the server decides. */
  const [month, setMonth] = useState('');
  const scrolledTo = useRef(false);
  const [compareWith, setCompareWith] = useState(/** @type {number | null} */ (null));

  // The artifact shown follows the current step as the session moves.
  useEffect(() => setSelected(view?.current ?? view?.steps.at(-1)?.step ?? null), [view?.current]);
  useEffect(() => setTrendId(view?.dialogueTrendId ?? null), [view?.dialogueTrendId]);
  useEffect(() => {
    setText(loadDraft(sessionId));
    scrolledTo.current = false;
  }, [sessionId]);
  useEffect(() => {
    if (view) document.title = `\u2068${view.client.name}\u2069 ${view.session.quarter} · Foresight Accelerator`; // isolates: a title holds no <bdi>
  }, [view?.client.name, view?.session.quarter]);
  // A search hit links to #message-<id>: show it once the transcript is there.
  useEffect(() => {
    if (scrolledTo.current || messages.length === 0 || !location.hash.startsWith('#message-')) return;
    const el = document.getElementById(location.hash.slice(1));
    if (el) {
      scrolledTo.current = true;
      el.classList.add('message-target');
      el.scrollIntoView({ block: 'center' });
    }
  }, [messages.length]);

  /** @param {string} value */
  const onText = (value) => {
    setText(value);
    saveDraft(sessionId, value);
  };
  /** @param {string} content */
  const onSend = (content) => {
    const dialogueTrend = view?.current === 'dialogue' ? trendId : null;
    session.send(content, dialogueTrend, () => onText(''));
  };

  if (loadError) {
    const retry = loadError.status === 404 ? null : () => location.reload();
    return html`<main id="main" class="session" tabindex="-1"><${ErrorBanner} error=${{ ...loadError, retry }} />
      <p><${Link} href="/">Back to all sessions<//></p></main>`;
  }
  if (!view) return html`<main id="main" class="session loading"><p class="muted">Loading the session…</p></main>`;

  const chosen = (view.artifacts.trends?.data.trends ?? []).filter((t) => t.chosen);
  const completed = view.current === null;
  // The Radar Review compares with the latest earlier quarter with work by default; the advisor may pick another.
  const comparedWith = view.earlierSessions.find((s) => s.id === compareWith) ?? view.previousSession;
  return html`
    <main id="main" class="session" tabindex="-1" data-session-id=${view.session.id} data-busy=${session.streaming ? 'true' : 'false'}>
      <header class="session-head">
        <div>
          <p class="crumbs"><${Link} href="/">Sessions<//> <span aria-hidden="true">›</span> <bdi>${view.client.name}</bdi></p>
          <h1 class="session-title"><bdi>${view.client.name}</bdi> <span class="quarter-tag">${view.session.quarter}</span></h1>
          <p class="muted session-sub">${view.client.industry} · ${view.session.mode === 'quick_check' ? 'Quick sounding-board check' : 'Quarterly session'}${view.session.title ? ` · ${view.session.title}` : ''}</p>
          <${ClientCurrency} client=${view.client} messages=${messages} onChanged=${session.refresh} />
          <${BankProfilePicker} client=${view.client} onChanged=${session.refresh} />
        </div>
        <nav class="exports" aria-label="Exports">
          <span class="exports-label">Export</span>
          ${exportLinks(view.session, comparedWith, month).map((l) => {
            const page = /\.html$|format=html/.test(l.href);
            return html`<a class="btn btn-small btn-ghost" href=${l.href} key=${l.label}
            download=${page ? undefined : ''} target=${page ? '_blank' : undefined} rel="noopener">${l.label}</a>`;
          })}
          ${
            view.session.mode === 'quick_check'
              ? null
              : html`<label class="exports-month">State of the Tech for
                  <input type="month" value=${month} onInput=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLInputElement>} */ e) => setMonth(e.currentTarget.value)} /></label>`
          }
          ${
            view.session.mode === 'quarterly' &&
            view.earlierSessions.length > 1 &&
            html`<label class="compare-with">Radar Review against
              <select value=${String(comparedWith?.id)}
                onChange=${(/** @type {import('../lib/html.js').TargetedEvent<HTMLSelectElement>} */ e) => setCompareWith(Number(e.currentTarget.value))}>
                ${view.earlierSessions.map((s) => html`<option key=${s.id} value=${String(s.id)}>${s.quarter}${s.title ? ` · ${s.title}` : ''}</option>`)}
              </select></label>`
          }
        </nav>
      </header>
      <${ProgressBar} view=${view} selected=${selected} onSelect=${setSelected} onBack=${session.back} disabled=${session.streaming} />
      <${StepBar} view=${view} session=${session} />
      <${ErrorBanner} error=${error} onDismiss=${session.clearError} />
      <div class="workspace">
        <section class="chat-pane" aria-label="Conversation">
          <${Messages} messages=${messages} live=${live} trends=${view.artifacts.trends?.data.trends}
            hasOlder=${session.hasOlder} loadingOlder=${session.loadingOlder} onLoadOlder=${session.loadOlder}
            retryableId=${view.retryableReplyId} onRetry=${session.streaming ? null : session.retry} />
          ${
            completed
              ? html`<p class="composer-closed muted">The session is complete. Reopen a step above to write more.</p>`
              : html`<${Composer} text=${text} onText=${onText} onSend=${onSend} onStop=${session.stop}
                streaming=${session.streaming} canStop=${Boolean(live)}
                placeholder=${PLACEHOLDERS[view.current]}
                trends=${view.current === 'dialogue' ? chosen : null} trendId=${trendId} onTrend=${setTrendId} answers=${view.answersByTrend}
                step=${view.current} onAction=${session.takeAction} enough=${view.dialogueEnough} />`
          }
        </section>
        <aside class="artifact-pane" aria-label="Artifacts">
          <${CurrencyContext.Provider} value=${view.client.currency}>
            ${
              view.answerForm &&
              (selected === null || selected === view.current) &&
              html`<${AnswerPanel} form=${view.answerForm} sessionId=${view.session.id} refs=${refChoices(view.artifacts)}
                disabled=${session.streaming} onSend=${(/** @type {string} */ content, /** @type {{ questionId: string, values: Record<string, unknown> }} */ answer) => session.send(content, null, undefined, answer)} />`
            }
            <${ArtifactPanel} view=${view} session=${session} selected=${selected} onSelect=${setSelected} />
          <//>
        </aside>
      </div>
    </main>`;
}
