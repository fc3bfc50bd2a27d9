/**
 * Words, sentences and questions as a reader sees them. The eval keeps its own small text helpers
 * on purpose: measuring the offline facilitator with its own parser would only check it agrees with itself.
 */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for
from further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'd i'll i'm
i've if in into is isn't it it's its itself just let's me more most mustn't my myself no nor not now of off on once
only or other ought our ours ourselves out over own really same she should shouldn't so some such than that that's
the their theirs them themselves then there there's these they they'd they'll they're they've this those through to
too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves yes yeah okay ok well still much many thing things something anything way ways going get got make made
say said see seen think know tell told want wants like lot lots one two three maybe probably actually basically
honestly just us let need needs kind sort use used every already even`.split(/\s+/),
);

/** Lower-case words, apostrophes kept ("don't"), digits kept ("2028"). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) ?? [];
}

export function wordCount(text: string): number {
  return words(stripMarkup(text)).length;
}

/** A light stem, so "drivers" meets "driver" and "booking" meets "booked". */
export function stem(word: string): string {
  const w = word.replace(/['’]s$/, '');
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ies', 'ers', 'ed', 'es', 'er', 's']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The words that carry meaning: no stopwords, three letters or more (or a number). */
export function contentWords(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((w) => !STOPWORDS.has(w) && (w.length >= 3 || /\d/.test(w)))
      .map(stem),
  );
}

/** Markdown emphasis and link syntax removed, so "**Clarify.**" reads as "Clarify." */
export function stripMarkup(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/** Sentences, split at . ! ? and line ends; a question mark inside a quotation still ends a question. */
export function sentences(text: string): string[] {
  return stripMarkup(text)
    .split(/(?<=[.!?])["”’)]*\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The text with quotations (“…” or "…") emptied: what the speaker says in their own words. */
export function withoutQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"\n]*"/g, '""');
}

/** The questions a message asks: sentences ending in a question mark, quoted questions not counted. */
export function questionsIn(text: string): string[] {
  return sentences(withoutQuotes(text)).filter((s) => /\?["”’)]*$/.test(s));
}

/** Case-insensitive: does the text mention the term (as a word start, so "worr" finds "worried")? */
export function mentions(text: string, term: string): boolean {
  const escaped = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'iu').test(text.toLowerCase());
}

/** A clipped excerpt for the report: whitespace folded, at most `max` characters. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "skip", "don't know", "pass", "n/a": the client declined to answer. */
export function isDeclined(text: string): boolean {
  return /^\s*(skip|pass|n\/?a|no idea|don'?t know|not sure|no comment|next)\s*[.!]?\s*$/i.test(text);
}
