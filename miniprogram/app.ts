/**
 * The mini-program: initialises wx.cloud with the env id of the version it runs as (develop,
 * trial, release), listens for privacy consent requests and starts the login on launch.
 */
import { chooseCloudEnv } from './cloud-envs';
import { API_BASE_URL } from './config';
import { ApiClient } from './services/api-client';
import { AuthService } from './services/auth';
import { PrivacyGate, type PrivacyResolver } from './services/privacy-gate';
import { createWxAuthDeps } from './services/wx-auth';
import { createWxApiDeps, type WxApiLike } from './services/wx-api';
import type { AppGlobal } from './app-global';

App<{ globalData: AppGlobal }>({
  globalData: {
    auth: new AuthService(createWxAuthDeps()),
    privacy: new PrivacyGate(),
    api: API_BASE_URL ? new ApiClient(createWxApiDeps(wx as unknown as WxApiLike), API_BASE_URL) : null,
  },
  onLaunch() {
    const cloudEnv = chooseCloudEnv(wx.getAccountInfoSync().miniProgram.envVersion);
    // For the developer, in DevTools' console; the page shows users only its own Chinese message.
    if (cloudEnv.problem) console.error(cloudEnv.problem);
    wx.cloud.init({ env: cloudEnv.envId, traceUser: true });
    onNeedPrivacyAuthorization((resolve, eventInfo) => this.globalData.privacy.need(resolve, eventInfo.referrer));
    void this.globalData.auth.start();
  },
});

/** The listener gets (resolve, eventInfo) (base library 2.32.3+); the typings declare a one-argument callback. */
function onNeedPrivacyAuthorization(
  listener: (resolve: PrivacyResolver, eventInfo: { referrer: string }) => void,
): void {
  (wx.onNeedPrivacyAuthorization as unknown as (callback: typeof listener) => void)(listener);
}
