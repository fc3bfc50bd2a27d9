/** What the user is typing, kept per session in sessionStorage until it is sent. */
/** @param {number} sessionId */
const key = (sessionId) => `foresight.draft.${sessionId}`;

/** @param {number} sessionId */
export function loadDraft(sessionId) {
  try {
    return sessionStorage.getItem(key(sessionId)) ?? '';
  } catch {
    return '';
  }
}

/**
 * @param {number} sessionId
 * @param {string} text
 */
export function saveDraft(sessionId, text) {
  try {
    if (text) sessionStorage.setItem(key(sessionId), text);
    else sessionStorage.removeItem(key(sessionId));
  } catch {
    // Storage full or disabled: the text stays in the composer.
  }
}
