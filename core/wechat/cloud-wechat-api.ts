/**
 * WechatApi through wx-server-sdk's cloud calls (`cloud.openapi.*`, no access_token needed). Each
 * API must be listed under `permissions.openapi` in the calling function's config.json, or the
 * platform answers -604101.
 */
import type cloud from 'wx-server-sdk';
import { WechatApiError, type PhoneNumberInfo, type TextVerdict, type WechatApi } from './wechat-api';

const NO_PERMISSION = -604101;
const INVALID_CODE = 40029;
/** WeChat busy, or the cloud call itself timed out or failed in the platform. */
const TRANSIENT = new Set([-1, -601001, -601003, -601008, -604102, -604103, -501001, -501002]);

interface OpenApi {
  security: { msgSecCheck(data: object): Promise<{ result?: { suggest?: string } }> };
  phonenumber: { getPhoneNumber(data: object): Promise<{ phoneInfo?: PhoneNumberInfo }> };
}

export function createCloudWechatApi(sdk: typeof cloud): WechatApi {
  const openapi = sdk.openapi as unknown as OpenApi;
  return {
    checkProfileText: async (openid, text) => {
      try {
        const answer = await openapi.security.msgSecCheck({
          content: text,
          version: 2,
          scene: 1,
          openid,
          nickname: text,
        });
        const suggest = answer.result?.suggest;
        return (suggest === 'risky' || suggest === 'review' ? suggest : 'pass') as TextVerdict;
      } catch (error) {
        throw classified('security.msgSecCheck', error);
      }
    },
    phoneNumber: async (code) => {
      let answer: { phoneInfo?: PhoneNumberInfo };
      try {
        answer = await openapi.phonenumber.getPhoneNumber({ code });
      } catch (error) {
        if ((error as { errCode?: unknown } | null)?.errCode === INVALID_CODE) return 'invalid-code';
        throw classified('phonenumber.getPhoneNumber', error);
      }
      const info = answer.phoneInfo;
      if (!info) throw new WechatApiError('fatal', 'getPhoneNumber answered no phone_info');
      return {
        phoneNumber: String(info.phoneNumber),
        purePhoneNumber: String(info.purePhoneNumber),
        countryCode: String(info.countryCode),
      };
    },
  };
}

function classified(api: string, error: unknown): WechatApiError {
  const { errCode, errMsg } = (error ?? {}) as { errCode?: number; errMsg?: string };
  const text = `${api}: ${errCode ?? ''} ${errMsg ?? String(error)}`;
  if (errCode === NO_PERMISSION)
    return new WechatApiError('not-permitted', `${text} (add "${api}" to permissions.openapi in config.json)`);
  return new WechatApiError(typeof errCode === 'number' && TRANSIENT.has(errCode) ? 'transient' : 'fatal', text);
}
