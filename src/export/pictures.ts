/** The picture builders the page draws with, bundled by the server at /shared/pictures.mjs (src/server/static.ts). */
export { riskHeatMapSvg, roadmapTimelineSvg } from './svg.js';
