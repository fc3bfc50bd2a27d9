export { memoDocument, UNDER_REVISION } from './memoDocument.js';
export { markdownBlocks, plainText } from './markdownBlocks.js';
export type { Block, Cell, DocSection, MemoDocument, Picture, Run } from './types.js';
