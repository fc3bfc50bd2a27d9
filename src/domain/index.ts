export * from './steps.js';
export * from './severity.js';
export * from './artifacts/index.js';
export * from './guards.js';
export * from './stepMachine.js';
export * from './errors.js';
export * from './transcript.js';
export * from './dialogueFocus.js';
