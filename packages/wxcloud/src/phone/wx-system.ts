/**
 * What the app (and the UI libraries it uses, e.g. Vant Weapp's version checks) asks about the phone:
 * `wx.getSystemInfoSync` and the newer `getWindowInfo` / `getDeviceInfo` / `getAppBaseInfo`, describing
 * a 375 × 667 phone as DevTools' default simulator does, `wx.canIUse` for the APIs this phone has, and
 * `wx.nextTick`.
 */

/** The base library version the phone reports (version checks compare against it). */
export const SDK_VERSION = '3.3.4';

const WINDOW = {
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 603,
  statusBarHeight: 20,
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  screenTop: 0,
};
const DEVICE = { brand: 'devtools', model: 'iPhone 6/7/8', system: 'iOS 10.0.1', platform: 'devtools' };
const APP_BASE = { SDKVersion: SDK_VERSION, language: 'zh_CN', version: '8.0.5', theme: 'light', fontSizeSetting: 16 };

/** `has(name)`: whether the phone's `wx` has that API (what `canIUse` answers for `name` or `name.…`). */
export function systemApis(has: (name: string) => boolean) {
  return {
    getSystemInfoSync: () => ({ ...DEVICE, ...WINDOW, ...APP_BASE }),
    getWindowInfo: () => ({ ...WINDOW }),
    getDeviceInfo: () => ({ ...DEVICE }),
    getAppBaseInfo: () => ({ ...APP_BASE }),
    canIUse: (schema: string) => has(String(schema).split('.')[0] ?? ''),
    nextTick: (callback: () => void) => void Promise.resolve().then(callback),
  };
}
