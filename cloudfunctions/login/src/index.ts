/**
 * Cloud function `login`: logs the WeChat caller in and returns their user record.
 * The platform calls `main(event, context)`; everything it decides lives in core/login.
 */
import { randomUUID } from 'node:crypto';
import type { LoginResult } from '../../../typings';
import { initCloud, platformDeps } from '../../../core/kit/cloud';
import { login } from '../../../core/login/login';
import { createCloudUsersStore } from '../../../core/users/cloud-users-store';

const cloud = initCloud();

export async function main(event: unknown): Promise<LoginResult> {
  return login({ ...platformDeps, store: createCloudUsersStore(cloud.database()), newAttemptId: () => randomUUID() }, event, cloud.getWXContext());
}
