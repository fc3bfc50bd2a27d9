import { html, useEffect, useState } from '../lib/html.js';
import { api } from '../api.js';
import { Link } from '../router.js';

/** The app bar: always says which provider and model are answering. */
export function Header() {
  const [health, setHealth] = useState(null);
  const [down, setDown] = useState(false);
  useEffect(() => {
    let alive = true;
    const check = () => api.health().then(
      (h) => { if (alive) { setHealth(h); setDown(false); } },
      () => alive && setDown(true),
    );
    check();
    const timer = setInterval(check, 30_000);
    return () => { alive = false; clearInterval(timer); };
  }, []);
  const provider = health?.provider;
  const offline = provider?.provider === 'offline';
  return html`
    <header class="app-header">
      <${Link} href="/" class="brand"><span class="brand-mark" aria-hidden="true">◆</span> Foresight Accelerator<//>
      <nav aria-label="Main" class="app-nav"><${Link} href="/">Sessions<//></nav>
      <p class=${`provider ${down ? 'provider-down' : offline ? 'provider-offline' : 'provider-model'}`} data-testid="provider" title=${provider?.model ? `Model: ${provider.model}` : ''}>
        <span class="provider-dot" aria-hidden="true"></span>
        <span class="visually-hidden">Answering: </span>
        ${down ? 'Server unreachable' : provider ? provider.label : 'Checking the model…'}
      </p>
    </header>`;
}
