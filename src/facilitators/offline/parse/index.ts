/**
 * Pure readers for what a user typed: lists, numbers, money, durations, dates, horizons and a few
 * words (direction, magnitude, confidence). No I/O, no clock: callers pass `now` where it matters.
 * Every reader returns null (or an empty list) when the text does not say, so a gap stays a gap.
 */
export * from './text.js';
export * from './numbers.js';
export * from './time.js';
export * from './words.js';
