import { html, useRef } from '../lib/html.js';

/**
 * A small menu of actions behind one button (a native <details>, so it opens with Enter and Space).
 * It closes when an action is chosen.
 * @param {{ label: string, items: Array<{ text: string, onSelect: () => void, danger?: boolean }> }} props
 */
export function ManageMenu({ label, items }) {
  const details = useRef(/** @type {HTMLDetailsElement | null} */ (null));
  return html`
    <details class="manage-menu" ref=${details}>
      <summary class="btn btn-small btn-ghost" aria-label=${label} title=${label}>⋯</summary>
      <div class="manage-items">
        ${items.map(
          (item) => html`<button type="button" key=${item.text} class=${`menu-item ${item.danger ? 'menu-danger' : ''}`}
            onClick=${() => {
              if (details.current) details.current.open = false;
              item.onSelect();
            }}>${item.text}</button>`,
        )}
      </div>
    </details>`;
}
