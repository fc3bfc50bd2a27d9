import { html, useEffect, useState } from '../lib/html.js';
import { api, TURN_ENDED } from '../api.js';
import { Link } from '../router.js';

/**
 * The app bar: always says which provider and model are answering, and whether the model's last call
 * failed (a stopped local server, a revoked key), checked again after every turn.
 */
export function Header() {
  const [health, setHealth] = useState(/** @type {import('../types.js').Health | null} */ (null));
  const [down, setDown] = useState(false);
  useEffect(() => {
    let alive = true;
    const check = () =>
      api.health().then(
        (h) => {
          if (alive) {
            setHealth(h);
            setDown(false);
          }
        },
        () => alive && setDown(true),
      );
    check();
    const timer = setInterval(check, 30_000);
    window.addEventListener(TURN_ENDED, check);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(TURN_ENDED, check);
    };
  }, []);
  const provider = health?.provider;
  const offline = provider?.provider === 'offline';
  const failing = health?.lastModelCall && !health.lastModelCall.ok ? health.lastModelCall : null;
  const state = down ? 'provider-down' : offline ? 'provider-offline' : failing ? 'provider-failing' : 'provider-model';
  const title = failing
    ? `The last call to the model failed: ${failing.message}`
    : provider?.model
      ? `Model: ${provider.model}`
      : '';
  return html`
    <header class="app-header">
      <${Link} href="/" class="brand"><span class="brand-mark" aria-hidden="true">◆</span> Foresight Accelerator<//>
      <nav aria-label="Main" class="app-nav"><${Link} href="/">Sessions<//></nav>
      <p class=${`provider ${state}`} data-testid="provider" title=${title}>
        <span class="provider-dot" aria-hidden="true"></span>
        <span class="visually-hidden">Answering: </span>
        ${down ? 'Server unreachable' : provider ? provider.label : 'Checking the model…'}${failing ? html` <span class="provider-failing-note">· last call failed</span>` : null}
      </p>
    </header>`;
}
