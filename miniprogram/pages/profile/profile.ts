/**
 * The profile page: avatar (chooseAvatar), nickname (a form with the nickname input), phone number
 * (getPhoneNumber button), logout, account deletion with a confirmation, and the privacy popup
 * while a guarded API waits for consent. Decisions live in services/profile.ts and present.ts.
 */
import type { AppGlobal } from '../../app-global';
import { ProfileService } from '../../services/profile';
import { createWxProfileDeps } from '../../services/wx-profile';
import { DELETE_CONFIRMATION, presentPrivacy, presentProfile } from './present';

const app = getApp<{ globalData: AppGlobal }>();
/** The id of the agreePrivacyAuthorization button in profile.wxml (the base library checks it). */
const AGREE_BUTTON_ID = 'agree-privacy';

type Detail<T> = { detail: T };

Page({
  data: {
    view: presentProfile({ status: 'loading', profile: null, avatarUrl: '', error: null, notice: '' }),
    privacy: presentPrivacy({ pending: false, referrer: '' }),
  },
  service: null as ProfileService | null,
  unsubscribe: [] as (() => void)[],

  async onLoad() {
    const state = app.globalData.auth.getState();
    if (state.status !== 'signedIn') {
      await wx.redirectTo({ url: '/pages/index/index' });
      return;
    }
    const service = new ProfileService(createWxProfileDeps(), state.user.openid);
    this.service = service;
    this.unsubscribe = [
      service.subscribe((profile) => this.setData({ view: presentProfile(profile) })),
      app.globalData.privacy.subscribe((prompt) => this.setData({ privacy: presentPrivacy(prompt) })),
    ];
    await service.load();
  },

  onUnload() {
    for (const stop of this.unsubscribe) stop();
  },

  onChooseAvatar(event: Detail<{ avatarUrl: string }>) {
    return this.service?.saveAvatar(event.detail.avatarUrl);
  },

  onSubmitNickname(event: Detail<{ value: { nickName?: string } }>) {
    return this.service?.saveNickname(event.detail.value.nickName ?? '');
  },

  onGetPhoneNumber(event: Detail<{ code?: string; errno?: number; errMsg?: string }>) {
    return this.service?.bindPhone(event.detail);
  },

  onAgreePrivacy() {
    app.globalData.privacy.agree(AGREE_BUTTON_ID);
  },

  onDisagreePrivacy() {
    app.globalData.privacy.disagree();
  },

  onLogout() {
    app.globalData.auth.logout();
    return wx.reLaunch({ url: '/pages/index/index' });
  },

  async onDeleteAccount() {
    const { confirm } = await wx.showModal(DELETE_CONFIRMATION);
    if (!confirm || !this.service) return;
    const state = await this.service.deleteAccount();
    if (state.status !== 'deleted') return;
    app.globalData.auth.logout();
    await wx.showToast({ title: '账号已注销', icon: 'success' });
    await wx.reLaunch({ url: '/pages/index/index' });
  },
});
