/** The real AuthDeps on `wx`: wx.cloud.callFunction, wx storage, timers. */
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
          success: (res) => resolve({ kind: 'result', result: res.result }),
          fail: (err: { errCode?: number; errMsg: string }) => resolve({ kind: 'failure', errCode: err.errCode, errMsg: err.errMsg }),
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
