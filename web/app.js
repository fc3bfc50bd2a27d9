/** The page: a header that always names the model, then the sessions list or one session. */
import { html, render, useEffect, useRef } from './lib/html.js';
import { useRoute } from './router.js';
import { Header } from './components/Header.js';
import { HomePage } from './components/HomePage.js';
import { SessionPage } from './components/SessionPage.js';

function App() {
  const route = useRoute();
  const first = useRef(true);
  // After an in-page navigation, start keyboard and screen-reader users at the new content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route.name, route.name === 'session' ? route.sessionId : null]);
  return html`
    <a class="skip-link" href="#main">Skip to content</a>
    <${Header} />
    ${
      route.name === 'session'
        ? html`<${SessionPage} key=${route.sessionId} sessionId=${route.sessionId} />`
        : html`<${HomePage} />`
    }`;
}

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
