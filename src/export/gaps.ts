/**
 * The gap words for the exports: the domain's one list (src/domain/gaps.ts), which the page uses too,
 * under the names the export modules were written with. A gap reads the same in every format.
 */
export { GAPS as GAP_WORDS, orGap, isGapText, type GapField as GapKind } from '../domain/gaps.js';
