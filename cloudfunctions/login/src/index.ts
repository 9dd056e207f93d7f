/**
 * Cloud function `login`: logs the WeChat caller in and returns their user record.
 * The platform calls `main(event, context)`; everything it decides lives in login.ts.
 */
import cloud from 'wx-server-sdk';
import { randomUUID } from 'node:crypto';
import type { LoginResult } from '../../../typings';
import { createCloudUsersStore } from './cloud-users-store';
import { DATABASE_REQUEST_TIMEOUT_MS } from './limits';
import { login } from './login';

// `timeout` is passed through to node-sdk (its typings in wx-server-sdk omit it): a hung request
// must fail in time for the login's own retry, inside the function's timeout (see limits.ts).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, timeout: DATABASE_REQUEST_TIMEOUT_MS } as Parameters<typeof cloud.init>[0]);

export async function main(event: unknown): Promise<LoginResult> {
  return login(
    {
      store: createCloudUsersStore(cloud.database()),
      now: () => new Date(),
      newAttemptId: () => randomUUID(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log: (message) => console.warn(message),
    },
    event,
    cloud.getWXContext(),
  );
}
