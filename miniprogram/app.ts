/** The mini-program: initialises wx.cloud, listens for privacy consent requests and starts the login on launch. */
import { CLOUD_ENV_ID } from './config';
import { AuthService } from './services/auth';
import { PrivacyGate, type PrivacyResolver } from './services/privacy-gate';
import { createWxAuthDeps } from './services/wx-auth';
import type { AppGlobal } from './app-global';

App<{ globalData: AppGlobal }>({
  globalData: { auth: new AuthService(createWxAuthDeps()), privacy: new PrivacyGate() },
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    onNeedPrivacyAuthorization((resolve, eventInfo) => this.globalData.privacy.need(resolve, eventInfo.referrer));
    void this.globalData.auth.start();
  },
});

/** The listener gets (resolve, eventInfo) (base library 2.32.3+); the typings declare a one-argument callback. */
function onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolver, eventInfo: { referrer: string }) => void): void {
  (wx.onNeedPrivacyAuthorization as unknown as (callback: typeof listener) => void)(listener);
}
