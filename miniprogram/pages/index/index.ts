/** The index page: shows the login state, offers a retry when the login failed, and leads to the profile page. */
import type { AppGlobal } from '../../app-global';
import { presentAuthState } from './present';

const app = getApp<{ globalData: AppGlobal }>();

Page({
  data: { view: presentAuthState(app.globalData.auth.getState(), new Date().getTimezoneOffset()) },
  unsubscribe: null as (() => void) | null,

  onLoad() {
    this.unsubscribe = app.globalData.auth.subscribe((state) => {
      this.setData({ view: presentAuthState(state, new Date().getTimezoneOffset()) });
    });
  },

  onUnload() {
    this.unsubscribe?.();
  },

  onRetry() {
    return app.globalData.auth.login();
  },

  /** The signed-out state's login button. */
  onLogin() {
    return app.globalData.auth.login();
  },

  onOpenProfile() {
    return wx.navigateTo({ url: '/pages/profile/profile' });
  },
});
