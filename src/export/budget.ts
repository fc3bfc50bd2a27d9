/**
 * Text budgets: for the deck's boxes and for any one-line place (a running header). PowerPoint's auto-fit only shrinks text once PowerPoint itself re-renders
 * the slide, so a box that is too full overflows in every other viewer. Each box gets a budget in
 * characters, chosen for its size and type, and text over the budget is cut at a word with an ellipsis.
 */

/** A text box's content, already within its budget. */
export interface Box {
  readonly text: string;
  readonly budget: number;
}

/**
 * The text, whitespace collapsed, at most `budget` characters (counted as the reader sees them, so an
 * emoji is one): cut at the last word that fits, with "…"; a single overlong word is cut inside.
 */
export function withinBudget(text: string, budget: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= budget) return chars.join('');
  const room = chars.slice(0, budget - 1).join('');
  const space = room.lastIndexOf(' ');
  const cut = space >= room.length / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function box(text: string, budget: number): Box {
  return { text: withinBudget(text, budget), budget };
}
