/**
 * The memo as a format-neutral document: blocks of styled text, tables and pictures. The PDF and
 * Word exports render this, so every format shows the same plan, in the same order, with the same
 * words for gaps; only the look differs.
 */

/** A run of text with its emphasis; `text` may hold "\n" for a line break inside a cell. */
export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export type Cell = readonly Run[];

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly Run[] }
  | { readonly kind: 'paragraph'; readonly runs: readonly Run[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Run[])[] }
  | { readonly kind: 'table'; readonly header: readonly Cell[]; readonly rows: readonly (readonly Cell[])[] }
  /** A call-out the reader should not miss (a stale section, a warning). */
  | { readonly kind: 'note'; readonly runs: readonly Run[] }
  | { readonly kind: 'rule' }
  | { readonly kind: 'picture'; readonly picture: Picture; readonly caption: string };

/**
 * The pictures, as data: each format draws them its own way (SVG in the PDF, a table in Word), from
 * the document's session or, in a Radar Review, from the earlier quarter's.
 */
export interface Picture {
  readonly kind: 'heatMap' | 'timeline';
  readonly from?: 'earlier';
}

export interface DocSection {
  readonly key: string;
  readonly blocks: readonly Block[];
}

export interface MemoDocument {
  /** What the document is, for the running header: "Strategy memo", "Radar Review". */
  readonly kind: string;
  /** "Strategy memo: Northwind Logistics, 2027-Q1" */
  readonly title: string;
  readonly clientName: string;
  readonly quarter: string;
  /** For the running header: "Northwind Logistics · 2027-Q1". */
  readonly runningHeader: string;
  readonly sections: readonly DocSection[];
}
