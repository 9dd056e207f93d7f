/**
 * The `wx` a simulated phone gives the mini-program's code, assembled from one part per family of
 * APIs. A new family (login, privacy, media ...) is one more part here.
 */
import { CLOUD_ID_MARKER } from '../openapi/cloud-id-data';
import { createCallFunction } from './wx-cloud-client';
import { createCloudDatabase } from './wx-cloud-database';
import { createCloudStorage } from './wx-cloud-storage';
import { loginApis } from './wx-login';
import { paymentApis } from './wx-payment';
import { subscribeApis } from './wx-subscribe';
import { systemApis } from './wx-system';
import { answer, type Callbacks, type Dialogs, type WxHost } from './wx-part';
import { dialogApis, privacyApis } from './wx-privacy-dialogs';

export { answer, type Dialogs, type WxHost };

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
    navigateTo: (options: { url: string } & Callbacks) =>
      answer(options, () => (host.pages.navigateTo(options.url), ok('navigateTo'))),
    redirectTo: (options: { url: string } & Callbacks) =>
      answer(options, () => (host.pages.redirectTo(options.url), ok('redirectTo'))),
    reLaunch: (options: { url: string } & Callbacks) =>
      answer(options, () => (host.pages.reLaunch(options.url), ok('reLaunch'))),
    navigateBack: (options: { delta?: number } & Callbacks = {}) =>
      answer(options, () => (host.pages.navigateBack(options.delta), ok('navigateBack'))),
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

function accountApis(host: WxHost) {
  return {
    getAccountInfoSync: () => ({ miniProgram: { appId: host.user().APPID, envVersion: host.envVersion, version: '' } }),
  };
}

export function createWx(host: WxHost) {
  const has = { api: (_name: string) => false };
  const wx = {
    ...systemApis((name) => has.api(name)),
    ...storageApis(host),
    ...navigationApis(host),
    ...accountApis(host),
    ...cloudApis(host),
    ...loginApis(host),
    ...privacyApis(host),
    ...dialogApis(host),
    ...paymentApis(host),
    ...subscribeApis(host),
  };
  has.api = (name) => name in wx;
  return wx;
}

export type SimulatedWx = ReturnType<typeof createWx>;
