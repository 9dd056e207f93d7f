/**
 * Retries of work that is safe to repeat (idempotent), on transient database failures only, with
 * the waits given; anything else, or the last failure, is thrown to the caller.
 */
import { DEFAULT_RETRY_DELAYS_MS } from './limits';
import { isStoreError } from './store-error';

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  /** Waits before each retry; its length bounds the retries. */
  retryDelaysMs?: readonly number[];
  log?(message: string): void;
}

export async function withRetries<T>(what: string, deps: RetryDeps, run: () => Promise<T>): Promise<T> {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delay = delays[attempt];
      if (!isStoreError(error, 'transient') || delay === undefined) throw error;
      deps.log?.(`${what}: transient database failure, retrying in ${delay} ms: ${error.message}`);
      await deps.sleep(delay);
    }
  }
}
