/**
 * The capabilities the openapi service itself contributes (other services contribute theirs through
 * their own `openApis`): phone numbers, content security, open data by CloudID. Each is a plain
 * function of the call's data (snake_case, as on both wires) and its caller, answering WeChat's JSON.
 */
import { randomUUID } from 'node:crypto';
import type { OpenApiCapability } from './capability';
import type { CloudIds } from './cloud-ids';
import type { PhoneCodes } from './phone-codes';
import { imgSecCheck, msgSecCheck, type SecCheckWords } from './sec-check';
import { wechatError } from '../wechat/errors';

export interface OpenApiState {
  phoneCodes: PhoneCodes;
  cloudIds: CloudIds;
  words(): SecCheckWords;
}

export function openApiCapabilities(state: OpenApiState): OpenApiCapability[] {
  return [
    {
      cloudName: 'phonenumber.getPhoneNumber',
      httpPath: 'wxa/business/getuserphonenumber',
      handle: (data, caller) => {
        if (typeof data.code !== 'string' || data.code === '') return wechatError('EMPTY_PARAMETER', randomUUID());
        const redeemed = state.phoneCodes.redeem(data.code, caller);
        if (!redeemed.ok) return wechatError('INVALID_CODE', randomUUID());
        return { errcode: 0, errmsg: 'ok', phone_info: redeemed.phoneInfo };
      },
    },
    {
      cloudName: 'security.msgSecCheck',
      httpPath: 'wxa/msg_sec_check',
      handle: (data) => msgSecCheck(data, state.words()),
    },
    {
      cloudName: 'security.imgSecCheck',
      httpPath: 'wxa/img_sec_check',
      handle: (data) => imgSecCheck(data, state.words()),
    },
    {
      cloudName: 'cloudbase.getOpenData',
      handle: (data, caller) => {
        const list = Array.isArray(data.cloudid_list) ? data.cloudid_list : [];
        if (list.length === 0) return wechatError('EMPTY_PARAMETER', randomUUID());
        const owner = { appid: caller.appid, openid: caller.openid ?? '' };
        const items = list.map((cloudID) => {
          const read = state.cloudIds.read(String(cloudID), owner);
          return {
            cloud_id: String(cloudID),
            json: read.ok
              ? JSON.stringify({ cloudID: read.cloudID, data: read.data })
              : JSON.stringify({ errcode: read.errorCode }),
          };
        });
        return { errcode: 0, errmsg: 'ok', data_list: items };
      },
    },
  ];
}
