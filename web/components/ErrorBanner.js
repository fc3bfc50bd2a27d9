import { html } from '../lib/html.js';

/** What each kind of error is called in the banner's title. @type {Readonly<Record<string, string>>} */
const TITLES = {
  network: 'Connection problem',
  rate_limited: 'The model is rate limited',
  unavailable: 'The model is unavailable',
  timeout: 'The model took too long',
  provider: 'The model failed',
  auth: 'The model refused the credentials',
  invalid_output: 'The model gave an unusable answer',
  validation: 'Not accepted',
  conflict: 'Busy',
  refused: 'Not yet',
  not_found: 'Not found',
  interrupted: 'Interrupted',
};

/**
 * A readable error with Retry; what the user typed stays where it was.
 * @param {{
 *   error: Pick<import('../session/useSession.js').ShownError, 'message' | 'kind' | 'retry'> | null,
 *   onDismiss?: () => void,
 * }} props
 */
export function ErrorBanner({ error, onDismiss }) {
  if (!error) return null;
  const title = TITLES[error.kind] ?? 'Something went wrong';
  return html`
    <div class="error-banner" role="alert" data-kind=${error.kind}>
      <div class="error-text">
        <strong>${title}.</strong> <span>${error.message}</span>
      </div>
      <div class="error-actions">
        ${error.retry && html`<button type="button" class="btn btn-small" onClick=${() => error.retry?.()}>Retry</button>`}
        ${onDismiss && html`<button type="button" class="btn btn-small btn-ghost" onClick=${onDismiss} aria-label="Dismiss this message">Dismiss</button>`}
      </div>
    </div>`;
}
