/** What the user is typing, kept per session in sessionStorage until it is sent. */
const key = (sessionId) => `foresight.draft.${sessionId}`;

export function loadDraft(sessionId) {
  try {
    return sessionStorage.getItem(key(sessionId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(sessionId, text) {
  try {
    if (text) sessionStorage.setItem(key(sessionId), text);
    else sessionStorage.removeItem(key(sessionId));
  } catch {
    // Storage full or disabled: the text stays in the composer.
  }
}
