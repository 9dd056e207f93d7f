/** The ProfileDeps of a deployed function: wx-server-sdk behind every seam, the platform's clock and log. */
import { initCloud, platformDeps } from '../kit/cloud';
import { createCloudFileStorage } from '../files/cloud-file-storage';
import { createCloudUsersStore } from '../users/cloud-users-store';
import { createCloudWechatApi } from '../wechat/cloud-wechat-api';
import type { ProfileDeps } from './deps';

export function cloudProfileDeps(): {
  deps: ProfileDeps;
  wxContext: () => ReturnType<ReturnType<typeof initCloud>['getWXContext']>;
} {
  const cloud = initCloud();
  const deps: ProfileDeps = {
    ...platformDeps,
    store: createCloudUsersStore(cloud.database()),
    files: createCloudFileStorage(cloud),
    wechat: createCloudWechatApi(cloud),
  };
  return { deps, wxContext: () => cloud.getWXContext() };
}
