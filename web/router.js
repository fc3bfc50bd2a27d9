/** URL routing with history.pushState: /sessions/:id deep-links, so a reload stays on the session. */
import { html, useEffect, useState } from './lib/html.js';

/** @type {Set<() => void>} */
const listeners = new Set();

/** @typedef {{ name: 'session', sessionId: number } | { name: 'home' }} Route */

/** @returns {Route} */
export function parseRoute(pathname = location.pathname) {
  const m = /^\/sessions\/(\d+)\/?$/.exec(pathname);
  if (m) return { name: 'session', sessionId: Number(m[1]) };
  return { name: 'home' };
}

/**
 * @param {string} path
 * @param {{ replace?: boolean }} [options]
 */
export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search + location.hash) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export function useRoute() {
  const [route, setRoute] = useState(() => parseRoute());
  useEffect(() => {
    const update = () => setRoute(parseRoute());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return route;
}

/**
 * An ordinary link that navigates in the page (modifier-clicks still open a new tab).
 * @param {{ href: string, children?: import('/vendor/preact.mjs').ComponentChildren, [attribute: string]: unknown }} props
 */
export function Link({ href, children, ...rest }) {
  /** @param {MouseEvent} e */
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}
