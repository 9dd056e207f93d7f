/** The real ApiDeps on `wx`: wx.request, wx.login, wx storage (call with the global `wx`). */
import type { ApiDeps, HttpResponse } from './api-client';

/** The part of `wx` the API client uses (the simulated phone's `wx` has it too). */
export interface WxApiLike {
  request(options: {
    url: string;
    method: 'GET' | 'POST';
    data?: unknown;
    header: Record<string, string>;
    success(res: { statusCode: number; data: unknown }): void;
    fail(err: { errMsg: string }): void;
  }): unknown;
  login(options: { success(res: { code: string }): void; fail(err: { errMsg: string }): void }): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
}

export function createWxApiDeps(wxApi: WxApiLike): ApiDeps {
  return {
    request: (options) =>
      new Promise<HttpResponse>((resolve, reject) => {
        wxApi.request({
          ...options,
          success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
          fail: reject,
        });
      }),
    login: () =>
      new Promise<string>((resolve, reject) => wxApi.login({ success: (res) => resolve(res.code), fail: reject })),
    storage: {
      get: (key) => wxApi.getStorageSync(key) || null,
      set: (key, value) => wxApi.setStorageSync(key, value),
    },
  };
}
