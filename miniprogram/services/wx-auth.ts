/**
 * The real AuthDeps on `wx`: wx.cloud.callFunction, wx storage, timers. A failed login is logged
 * with its code and details for the developer (DevTools' console, the real-device log); the page
 * shows users only a Chinese message.
 */
import { LOGIN_FUNCTION } from '../config';
import type { AuthDeps } from './auth';
import type { CallOutcome } from './login-transport';

export function createWxAuthDeps(): AuthDeps {
  return {
    callLogin: (data) =>
      new Promise<CallOutcome>((resolve) => {
        wx.cloud.callFunction({
          name: LOGIN_FUNCTION,
          data,
          success: (res) => {
            const result = res.result as { ok?: boolean; error?: { code?: string; message?: string } } | undefined;
            if (result?.ok === false) console.error(`[login] ${result.error?.code}: ${result.error?.message}`);
            resolve({ kind: 'result', result: res.result });
          },
          fail: (err: { errCode?: number; errMsg: string }) => {
            console.error(
              `[login] wx.cloud.callFunction('${LOGIN_FUNCTION}') 失败 / failed: ${err.errCode ?? ''} ${err.errMsg}`,
            );
            resolve({ kind: 'failure', errCode: err.errCode, errMsg: err.errMsg });
          },
        });
      }),
    storage: {
      get: (key) => wx.getStorageSync(key) || null,
      set: (key, value) => wx.setStorageSync(key, value),
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newAttemptId: () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`,
    random: Math.random,
  };
}
