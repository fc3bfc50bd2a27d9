/* No zod here: the page imports the limit (bundled at /shared/domain.mjs). The override itself is in guards.ts. */

/** How long a reason for moving on anyway may be: a sentence or two, read in the memo. */
export const OVERRIDE_REASON_MAX = 500;
