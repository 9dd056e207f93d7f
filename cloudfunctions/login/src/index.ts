/**
 * Cloud function `login`: logs the WeChat caller in and returns their user record.
 * The platform calls `main(event, context)`; everything it decides lives in login.ts.
 */
import cloud from 'wx-server-sdk';
import { randomUUID } from 'node:crypto';
import type { LoginResult } from '../../../typings';
import { createCloudUsersStore } from './cloud-users-store';
import { login } from './login';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

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
