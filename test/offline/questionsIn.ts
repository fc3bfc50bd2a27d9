/**
 * For tests only: finds a bank question in a text it was rendered into, so a test can check what a
 * reply asked from its words. The product stores the question id with the message instead.
 */
import { normalise } from '../../src/facilitators/offline/parse/index.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The fixed words of a template, in order; the placeholders ({{trend}}, {{last}}…) may be anything. */
export function templateMatcher(template: string): RegExp {
  const fixed = normalise(template)
    .replace(/(\{\{\s*\w+\s*\}\})'s\b/g, '$1')
    .split(/\{\{\s*\w+\s*\}\}/)
    .map((part) => escapeRegExp(part).replace(/\s+/g, '\\s+'));
  return new RegExp(fixed.join('[\\s\\S]*?'));
}

/** The longest fixed stretch of a template: a template needs one long enough to be recognised. */
export function longestFixedPart(template: string): number {
  return Math.max(...template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.trim().length));
}
