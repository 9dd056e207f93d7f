/**
 * Time limits of a cloud function's database work, in one place, and why they fit together: every
 * try must be able to fail on a hung request and still leave time for the next try and the answer,
 * inside the function's own timeout (config.json).
 */

/**
 * How long one database request may take before the SDK gives up (cloud.init `timeout`).
 * node-sdk's default is 15 s, longer than a function's 10 s timeout: one hung request would
 * then end the invocation with a platform timeout instead of the function's own safe retry.
 */
export const DATABASE_REQUEST_TIMEOUT_MS = 2000;

/**
 * Waits before each retry of a transient database failure: short enough to stay well inside the timeout, long enough to
 * ride out a blip.
 */
export const DEFAULT_RETRY_DELAYS_MS = [100, 400] as const;

/** Worst case of one invocation when every try ends in a request timeout: tries x timeout + waits. */
export function worstCaseRetriesMs(
  requestTimeoutMs = DATABASE_REQUEST_TIMEOUT_MS,
  retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
): number {
  const tries = retryDelaysMs.length + 1;
  return tries * requestTimeoutMs + retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
}
