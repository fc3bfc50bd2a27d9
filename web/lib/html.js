/** Preact + htm: components written as tagged templates, no build step. */
import { h, Fragment, render } from '/vendor/preact.mjs';
import htm from '/vendor/htm.mjs';

export const html = htm.bind(h);
export { Fragment, render };
export {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useContext,
} from '/vendor/preact-hooks.mjs';
export { createContext } from '/vendor/preact.mjs';

/**
 * A DOM event as Preact hands it to a handler, with its element typed, e.g. TargetedEvent<HTMLInputElement>.
 * @template {EventTarget} Target
 * @template {Event} [E=Event]
 * @typedef {import('/vendor/preact.mjs').TargetedEvent<Target, E>} TargetedEvent
 */

/** What a component may return or take as children. @typedef {import('/vendor/preact.mjs').ComponentChildren} Children */
