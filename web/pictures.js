/**
 * The shared picture builders (src/export/svg.ts, bundled by the server at /shared/pictures.mjs), so
 * the page and the HTML export draw the same heat map and timeline. Loaded once, when a picture is
 * first drawn; if the module is missing the page still works and says the pictures are unavailable.
 */
/**
 * The module when it loaded (its builders, `ok: true`), or `ok: false` when it did not.
 * @typedef {({ ok: true } & typeof import('/shared/pictures.mjs')) | { ok: false }} Pictures
 */

/** @type {Promise<Pictures> | null} */
let loaded = null;

/** @returns {Promise<Pictures>} */
export function loadPictures() {
  loaded ??= import('/shared/pictures.mjs').then(
    (m) => ({ ok: true, ...m }),
    (e) => {
      console.warn('Pictures module unavailable:', e);
      return { ok: false };
    },
  );
  return loaded;
}
