/**
 * The shared picture builders (src/export/svg.ts, bundled by the server at /shared/pictures.mjs), so
 * the page and the HTML export draw the same heat map and timeline. Loaded once, when a picture is
 * first drawn; if the module is missing the page still works and says the pictures are unavailable.
 */
let loaded = null;

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
