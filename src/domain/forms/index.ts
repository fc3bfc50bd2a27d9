export * from './fields.js';
export * from './answers.js';
export { FIELD_HINTS, LIKELIHOOD_SCALE, IMPACT_SCALE, type FieldHint } from './hints.js';
export * from './readings.js';
