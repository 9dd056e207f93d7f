/** The mini-program: initialises wx.cloud and starts the login on launch. */
import { CLOUD_ENV_ID } from './config';
import { AuthService } from './services/auth';
import { createWxAuthDeps } from './services/wx-auth';
import type { AppGlobal } from './app-global';

App<{ globalData: AppGlobal }>({
  globalData: { auth: new AuthService(createWxAuthDeps()) },
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    void this.globalData.auth.start();
  },
});
