/**
 * `wx.requestPayment` for a simulated phone: the payment sheet of the emulated WeChat Pay (the pay
 * service's `/wechat/request-payment`). It answers `{ errMsg: 'requestPayment:ok' }` once paid (the
 * order's function has been notified by then), or fails with `requestPayment:fail cancel` when the
 * user cancels and `requestPayment:fail …` otherwise, as the base library does.
 */
import { answer, type Callbacks, type WxHost } from './wx-part';

export interface RequestPaymentOptions extends Callbacks {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType?: string;
  paySign: string;
}

export function paymentApis(host: WxHost) {
  return {
    requestPayment: (options: RequestPaymentOptions) =>
      answer(options, async () => {
        const { success: _s, fail: _f, complete: _c, ...payment } = options;
        const user = host.user();
        let result: { errMsg?: string };
        try {
          const response = await fetch(`${host.baseUrl}/wechat/request-payment`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ openid: user.OPENID, appid: user.APPID, payment: { signType: 'MD5', ...payment } }),
          });
          result = (await response.json()) as { errMsg?: string };
        } catch (error) {
          throw { errMsg: `requestPayment:fail ${(error as Error).message}` };
        }
        if (result.errMsg !== 'requestPayment:ok') throw { errMsg: result.errMsg ?? 'requestPayment:fail' };
        return { errMsg: 'requestPayment:ok' };
      }),
  };
}
