/** The artifacts' field descriptions, asked of the server once per page load (GET /api/forms). */
import { api } from '../../api.js';
import { useEffect, useState } from '../../lib/html.js';

/** @typedef {Record<import('/shared/domain.mjs').StepId, readonly import('../../types.js').FieldSpec[]>} Forms */

/** @type {Promise<Forms> | null} */
let loading = null;

/** The forms once loaded; null before (or when the server could not be asked: the read views still work). */
export function useForms() {
  const [forms, setForms] = useState(/** @type {Forms | null} */ (null));
  useEffect(() => {
    let alive = true;
    loading ??= api.forms().then((r) => r.forms);
    loading.then(
      (f) => alive && setForms(f),
      () => {
        loading = null;
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return forms;
}
