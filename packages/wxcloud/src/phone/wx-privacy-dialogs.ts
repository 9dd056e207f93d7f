/**
 * Two families of the simulated `wx`: privacy consent (`onNeedPrivacyAuthorization`,
 * `getPrivacySetting`, `requirePrivacyAuthorize`, run by privacy.ts) and the dialogs the app shows
 * (`showModal` and `showActionSheet`, answered as the phone's user decides, cancelled unless someone
 * answers; `showToast`, `showLoading`), recorded for tests.
 */
import type { PrivacyResolve } from './privacy';
import { answer, type Callbacks, type WxHost } from './wx-part';

export function privacyApis(host: WxHost) {
  return {
    onNeedPrivacyAuthorization: (listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void) =>
      host.privacy.onNeed(listener),
    getPrivacySetting: (options: Callbacks = {}) =>
      answer(options, () => ({
        needAuthorization: !host.privacy.agreed,
        privacyContractName: '《小程序隐私保护指引》',
        errMsg: 'getPrivacySetting:ok',
      })),
    requirePrivacyAuthorize: (options: Callbacks = {}) =>
      answer(
        options,
        async () => (await host.privacy.guard('requirePrivacyAuthorize'), { errMsg: 'requirePrivacyAuthorize:ok' }),
      ),
  };
}

export function dialogApis(host: WxHost) {
  return {
    showModal: (options: { title?: string; content?: string; confirmText?: string; cancelText?: string } & Callbacks) =>
      answer(options, async () => {
        host.dialogs.modals.push({ title: options.title, content: options.content });
        const confirm = await host.dialogs.answerModal(options);
        return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
      }),
    showToast: (options: { title: string; icon?: string } & Callbacks) =>
      answer(
        options,
        () => (host.dialogs.toasts.push({ title: options.title, icon: options.icon }), { errMsg: 'showToast:ok' }),
      ),
    showActionSheet: (options: { itemList: string[] } & Callbacks) =>
      answer(options, async () => {
        host.dialogs.actionSheets.push({ itemList: options.itemList });
        const tapIndex = await host.dialogs.answerActionSheet({ itemList: options.itemList });
        if (tapIndex === undefined) throw { errMsg: 'showActionSheet:fail cancel' };
        return { tapIndex, errMsg: 'showActionSheet:ok' };
      }),
    showLoading: (options: Callbacks = {}) => answer(options, () => ({ errMsg: 'showLoading:ok' })),
    hideLoading: (options: Callbacks = {}) => answer(options, () => ({ errMsg: 'hideLoading:ok' })),
  };
}
