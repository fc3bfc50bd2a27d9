export { memoDocument } from './memoDocument.js';
export { columnWidths } from './columns.js';
export { markdownBlocks, plainText, xmlSafeText } from './markdownBlocks.js';
export type { Block, Cell, DocSection, MemoDocument, Picture, Run } from './types.js';
