/** The real ProfileDeps on `wx`: wx.cloud.callFunction, uploadFile, getTempFileURL and the client database. */
import type { ProfileDeps } from './profile';
import type { CallOutcome } from './login-transport';

export function createWxProfileDeps(): ProfileDeps {
  return {
    callFunction: (name, data) =>
      new Promise<CallOutcome>((resolve) => {
        wx.cloud.callFunction({
          name,
          data,
          success: (res) => resolve({ kind: 'result', result: res.result }),
          fail: (err: { errCode?: number; errMsg: string }) =>
            resolve({ kind: 'failure', errCode: err.errCode, errMsg: err.errMsg }),
        });
      }),
    uploadFile: (cloudPath, filePath) =>
      new Promise<string>((resolve, reject) => {
        wx.cloud.uploadFile({ cloudPath, filePath, success: (res) => resolve(res.fileID), fail: reject });
      }),
    temporaryUrl: (fileId) =>
      new Promise<string>((resolve, reject) => {
        wx.cloud.getTempFileURL({
          fileList: [fileId],
          success: (res) => resolve((res.fileList[0] as { tempFileURL?: string } | undefined)?.tempFileURL ?? ''),
          fail: reject,
        });
      }),
    readOwnDocument: async (openid) => {
      const { data } = await wx.cloud.database().collection('users').doc(openid).get();
      return (data as Record<string, unknown> | undefined) ?? null;
    },
    now: () => Date.now(),
  };
}
