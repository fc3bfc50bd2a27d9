/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */

/**
 * Where an entry stands, so quarters compare honestly: a new entry is planned; one carried over
 * into the next quarter keeps its status until someone says it moved.
 */
export const ROADMAP_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

export const ROADMAP_STATUS_LABELS: Readonly<Record<(typeof ROADMAP_STATUSES)[number], string>> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
