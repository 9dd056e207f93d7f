/**
 * `wx.requestSubscribeMessage({ tmplIds })` for a simulated phone: the subscribe sheet of the
 * emulated WeChat (the messages service's `/wechat/subscribe`). Each accepted template lets the
 * app's server send this user one message; the user's answers are chosen by the test
 * (`answerNextSubscriptions`), accept by default. Fails as the base library does (`errCode` 10001, 20001 …).
 */
import { answer, type Callbacks, type WxHost } from './wx-part';

export function subscribeApis(host: WxHost) {
  return {
    requestSubscribeMessage: (options: { tmplIds: unknown } & Callbacks) =>
      answer(options, async () => {
        const user = host.user();
        let result: Record<string, unknown>;
        try {
          const response = await fetch(`${host.baseUrl}/wechat/subscribe`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ openid: user.OPENID, appid: user.APPID, tmplIds: options.tmplIds ?? null }),
          });
          result = (await response.json()) as Record<string, unknown>;
        } catch (error) {
          throw {
            errCode: 10003,
            errMsg: `requestSubscribeMessage:fail Request subscribe fail: ${(error as Error).message}`,
          };
        }
        if (result.errMsg !== 'requestSubscribeMessage:ok') throw result;
        return result;
      }),
  };
}
