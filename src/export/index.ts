export type { ExportInput } from './types.js';
export {
  strategyMemoMarkdown,
  strategyMemoSections,
  NOT_DRAFTED,
  type MemoSection,
  type MemoSectionKey,
} from './memo.js';
export {
  roadmapCsv,
  riskRegisterCsv,
  csvField,
  CSV_BOM,
  toCsv,
  roadmapCsvHeader,
  RISK_REGISTER_CSV_HEADER,
  type CsvCell,
} from './csv.js';
export { renderMarkdownSafe } from './markdown.js';
export { GAP_WORDS, orGap, isGapText, type GapKind } from './gaps.js';
export {
  riskHeatMapSvg,
  roadmapTimelineSvg,
  severityBandRanges,
  escapeXml,
  SEVERITY_COLOURS,
  HORIZON_COLOURS,
  CLOSED_COLOURS,
} from './svg.js';
export { strategyMemoHtml } from './html.js';
export { strategyMemoPdf } from './pdf/memoPdf.js';
export { strategyMemoDocx } from './docx/memoDocx.js';
export { boardDeckPptx } from './pptx/deckPptx.js';
export { deckPlan, boxesOf, BUDGETS, type DeckPlan, type Slide } from './pptx/deckPlan.js';
export { withinBudget, type Box } from './budget.js';
export { memoDocument, type MemoDocument } from './document/index.js';
export { comparisonMarkdown, comparisonSections, comparisonTitle } from './compareMarkdown.js';
export { radarReviewHtml, radarReviewPdf, radarReviewDocument, type ReviewInputs } from './review/radarReview.js';
export {
  compareQuarters,
  type QuarterComparison,
  type NotComparable,
  type Side,
  type SessionRef,
  type TrendRef,
  type RiskRef,
  type RiskMove,
  type RoadmapRef,
  type RoadmapField,
  type FieldChange,
  type RoadmapChange,
  type MetricRef,
  type MetricReading,
  type RecommendationRef,
  type VerdictChange,
} from './compare.js';
export { stateOfTheTechMarkdown } from './stateOfTheTech.js';
export {
  horizonSpan,
  monthLabel,
  monthOf,
  parseMonth,
  quarterStart,
  reviewState,
  type Month,
  type ReviewState,
} from './calendar.js';
export { exportFileName, slug } from './fileName.js';
