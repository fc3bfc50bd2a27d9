export * from './items.js';
export * from './provenance.js';
export * from './diff.js';
export * from './merge.js';
export * from './align.js';
export * from './proposal.js';
export * from './sources.js';
