import { isProviderError, type ModelIdentity } from '../domain/index.js';

/**
 * How the model's last call went, for the header: a model that is configured but unreachable (a
 * stopped Ollama, a revoked key) should say so where the model is named, not only in a failed reply.
 */
export type LastModelCall =
  | { readonly ok: true; readonly at: string }
  | { readonly ok: false; readonly at: string; readonly kind: string; readonly message: string };

/**
 * The outcome of a finished turn as a model call: ok when the model answered (an answer that failed
 * validation still came from a working model), or null when the turn says nothing about the model:
 * the offline facilitator, a reply the user stopped or the server cut short, a failure of our own.
 */
export function modelCallOutcome(identity: ModelIdentity, failure: unknown, at: string): LastModelCall | null {
  if (identity.provider === 'offline') return null;
  if (!failure || (isProviderError(failure) && failure.kind === 'invalid_output')) return { ok: true, at };
  if (!isProviderError(failure) || failure.kind === 'aborted') return null;
  return { ok: false, at, kind: failure.kind, message: failure.message };
}
