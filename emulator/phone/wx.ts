/**
 * The `wx` a simulated phone gives the mini-program's code, assembled from one part per family of
 * APIs. A new family (login, privacy, media ...) is one more part here.
 */
import { CLOUD_ID_MARKER } from '../openapi/cloud-id-data';
import type { PageStack } from './pages';
import type { PrivacyConsent, PrivacyResolve } from './privacy';
import { createCallFunction, type CallRecord, type SimulatedUser } from './wx-cloud-client';
import { createCloudDatabase } from './wx-cloud-database';
import { createCloudStorage, type TempFiles } from './wx-cloud-storage';

/** What the parts of `wx` may use of the phone they run on. */
export interface WxHost {
  baseUrl: string;
  user(): SimulatedUser;
  storage: Map<string, string>;
  calls: CallRecord[];
  pages: PageStack;
  /** The version the app runs as (`wx.getAccountInfoSync().miniProgram.envVersion`). */
  envVersion: 'develop' | 'trial' | 'release';
  /** Where wx.cloud.init keeps the options the app gave it. */
  cloudInit: { options?: Record<string, unknown> };
  privacy: PrivacyConsent;
  tempFiles: TempFiles;
  dialogs: Dialogs;
}

/** What the phone showed the user, and how the user answers a modal (confirm by default). */
export interface Dialogs {
  modals: { title?: string; content?: string }[];
  toasts: { title: string; icon?: string }[];
  answerModal(modal: { title?: string; content?: string }): boolean;
}

type Callbacks = { success?(res: unknown): void; fail?(err: unknown): void; complete?(res: unknown): void };

/** Runs `action` and answers through the callbacks given, or as a promise when there are none (base library style). */
export function answer<T>(options: Callbacks | undefined, action: () => T | Promise<T>): Promise<T> | void {
  const result = Promise.resolve().then(action);
  if (!options?.success && !options?.fail && !options?.complete) return result;
  result.then(
    (value) => (options.success?.(value), options.complete?.(value)),
    (error: unknown) => (options.fail?.(error), options.complete?.(error)),
  );
}

function storageApis(host: WxHost) {
  const { storage } = host;
  return {
    getStorageSync: (key: string) => {
      const value = storage.get(key);
      return value === undefined ? '' : JSON.parse(value);
    },
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
  };
}

function navigationApis(host: WxHost) {
  const ok = (name: string) => ({ errMsg: `${name}:ok` });
  return {
    navigateTo: (options: { url: string } & Callbacks) => answer(options, () => (host.pages.navigateTo(options.url), ok('navigateTo'))),
    redirectTo: (options: { url: string } & Callbacks) => answer(options, () => (host.pages.redirectTo(options.url), ok('redirectTo'))),
    reLaunch: (options: { url: string } & Callbacks) => answer(options, () => (host.pages.reLaunch(options.url), ok('reLaunch'))),
    navigateBack: (options: { delta?: number } & Callbacks = {}) => answer(options, () => (host.pages.navigateBack(options.delta), ok('navigateBack'))),
  };
}

function cloudApis(host: WxHost) {
  return {
    cloud: {
      init: (options: Record<string, unknown>) => void (host.cloudInit.options = options),
      callFunction: createCallFunction(host.baseUrl, host.user, host.calls),
      database: createCloudDatabase(host.baseUrl, host.user),
      ...createCloudStorage(host.baseUrl, host.user, host.tempFiles),
      /** A CloudID to send in callFunction data: the function receives `{ cloudID, data }` in its place. */
      CloudID: (cloudID: string) => ({ [CLOUD_ID_MARKER]: cloudID }),
    },
  };
}

function privacyApis(host: WxHost) {
  return {
    onNeedPrivacyAuthorization: (listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void) => host.privacy.onNeed(listener),
    getPrivacySetting: (options: Callbacks = {}) =>
      answer(options, () => ({ needAuthorization: !host.privacy.agreed, privacyContractName: '《小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' })),
    requirePrivacyAuthorize: (options: Callbacks = {}) => answer(options, async () => (await host.privacy.guard('requirePrivacyAuthorize'), { errMsg: 'requirePrivacyAuthorize:ok' })),
  };
}

function dialogApis(host: WxHost) {
  return {
    showModal: (options: { title?: string; content?: string } & Callbacks) =>
      answer(options, () => {
        host.dialogs.modals.push({ title: options.title, content: options.content });
        const confirm = host.dialogs.answerModal(options);
        return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
      }),
    showToast: (options: { title: string; icon?: string } & Callbacks) => answer(options, () => (host.dialogs.toasts.push({ title: options.title, icon: options.icon }), { errMsg: 'showToast:ok' })),
    showLoading: (options: Callbacks = {}) => answer(options, () => ({ errMsg: 'showLoading:ok' })),
    hideLoading: (options: Callbacks = {}) => answer(options, () => ({ errMsg: 'hideLoading:ok' })),
  };
}

function accountApis(host: WxHost) {
  return {
    getAccountInfoSync: () => ({ miniProgram: { appId: host.user().APPID, envVersion: host.envVersion, version: '' } }),
  };
}

export function createWx(host: WxHost) {
  return { ...storageApis(host), ...navigationApis(host), ...accountApis(host), ...cloudApis(host), ...privacyApis(host), ...dialogApis(host) };
}

export type SimulatedWx = ReturnType<typeof createWx>;
