/**
 * The mini-program: initialises wx.cloud with the env id of the version it runs as (develop,
 * trial, release) and starts the login on launch.
 */
import { chooseCloudEnv } from './cloud-envs';
import { API_BASE_URL } from './config';
import { ApiClient } from './services/api-client';
import { AuthService } from './services/auth';
import { createWxAuthDeps } from './services/wx-auth';
import { createWxApiDeps, type WxApiLike } from './services/wx-api';
import type { AppGlobal } from './app-global';

App<{ globalData: AppGlobal }>({
  globalData: {
    auth: new AuthService(createWxAuthDeps()),
    api: API_BASE_URL ? new ApiClient(createWxApiDeps(wx as unknown as WxApiLike), API_BASE_URL) : null,
  },
  onLaunch() {
    const cloudEnv = chooseCloudEnv(wx.getAccountInfoSync().miniProgram.envVersion);
    // For the developer, in DevTools' console; the page shows users only its own Chinese message.
    if (cloudEnv.problem) console.error(cloudEnv.problem);
    wx.cloud.init({ env: cloudEnv.envId, traceUser: true });
    void this.globalData.auth.start();
  },
});
