/**
 * wx-server-sdk initialised the way every function of this project needs it: the environment the
 * function runs in, and a database request timeout that fits the function's own retries (limits.ts).
 */
import cloud from 'wx-server-sdk';
import { DATABASE_REQUEST_TIMEOUT_MS } from './limits';

let initialised = false;

/** The SDK, initialised once per instance. */
export function initCloud(): typeof cloud {
  if (!initialised) {
    // `timeout` is passed through to node-sdk (its typings in wx-server-sdk omit it).
    cloud.init({
      env: cloud.DYNAMIC_CURRENT_ENV as unknown as string,
      timeout: DATABASE_REQUEST_TIMEOUT_MS,
    } as Parameters<typeof cloud.init>[0]);
    initialised = true;
  }
  return cloud;
}

/** Time, ids, waiting and logging as a function's core receives them. */
export const platformDeps = {
  now: () => new Date(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  log: (message: string) => console.warn(message),
};
