/** The ProfileDeps of a deployed function: wx-server-sdk behind every seam, the platform's clock and log. */
import { initCloud, platformDeps } from '../kit/cloud';
import { createCloudFileStorage } from '../files/cloud-file-storage';
import { createCloudSessionsStore, type NodeSdkDatabaseLike } from '../sessions/cloud-sessions-store';
import { createCloudUsersStore } from '../users/cloud-users-store';
import { createCloudWechatApi } from '../wechat/cloud-wechat-api';
import type { ProfileDeps } from './deps';

export function cloudProfileDeps(): {
  deps: ProfileDeps;
  wxContext: () => ReturnType<ReturnType<typeof initCloud>['getWXContext']>;
} {
  const cloud = initCloud();
  const database = cloud.database();
  // wx-server-sdk wraps node-sdk's database; the sessions store speaks node-sdk.
  const sessions = createCloudSessionsStore((database as unknown as { _db: NodeSdkDatabaseLike })._db);
  const deps: ProfileDeps = {
    ...platformDeps,
    store: createCloudUsersStore(database),
    files: createCloudFileStorage(cloud),
    wechat: createCloudWechatApi(cloud),
    sessions,
  };
  return { deps, wxContext: () => cloud.getWXContext() };
}
