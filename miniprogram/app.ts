/** The mini-program: initialises wx.cloud and starts the login on launch. */
import { API_BASE_URL, CLOUD_ENV_ID } from './config';
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
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    void this.globalData.auth.start();
  },
});
