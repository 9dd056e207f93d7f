/**
 * Time limits of the login function, in one place, and why they fit together: every try of a
 * login must be able to fail on a hung request and still leave time for the next try and the
 * answer, inside the function's own timeout (config.json).
 */
import { DEFAULT_RETRY_DELAYS_MS } from './login';

/**
 * How long one database request may take before the SDK gives up (cloud.init `timeout`).
 * node-sdk's default is 15 s, longer than the function's 10 s timeout: one hung request would
 * then end the invocation with a platform timeout instead of the login's own safe retry.
 */
export const DATABASE_REQUEST_TIMEOUT_MS = 2000;

/** Worst case of one invocation when every try ends in a request timeout: tries x timeout + waits. */
export function worstCaseLoginMs(requestTimeoutMs = DATABASE_REQUEST_TIMEOUT_MS, retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS): number {
  const tries = retryDelaysMs.length + 1;
  return tries * requestTimeoutMs + retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
}
