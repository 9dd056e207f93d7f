/**
 * The WeChat APIs the emulator serves to `cloud.openapi.*`, keyed by the name the SDK sends
 * (`<namespace>.<api>`): each a plain function of the call's data (snake_case, as on the wire) and
 * its caller, answering WeChat's JSON.
 */
import { randomUUID } from 'node:crypto';
import type { CloudIds } from './cloud-ids';
import type { PhoneCodes, PhoneOwner } from './phone-codes';
import { msgSecCheck, type SecCheckWords } from './sec-check';
import { wechatError } from '../wechat/errors';

type Json = Record<string, unknown>;

export interface OpenApiState {
  phoneCodes: PhoneCodes;
  cloudIds: CloudIds;
  words(): SecCheckWords;
}

export type OpenApiHandler = (data: Json, caller: PhoneOwner, state: OpenApiState) => Json;

export const OPEN_APIS: Record<string, OpenApiHandler> = {
  'phonenumber.getPhoneNumber': (data, caller, state) => {
    if (typeof data.code !== 'string' || data.code === '') return wechatError('EMPTY_PARAMETER', randomUUID());
    const redeemed = state.phoneCodes.redeem(data.code, caller);
    if (!redeemed.ok) return wechatError('INVALID_CODE', randomUUID());
    return { errcode: 0, errmsg: 'ok', phone_info: redeemed.phoneInfo };
  },
  'security.msgSecCheck': (data, _caller, state) => msgSecCheck(data, state.words()),
  'cloudbase.getOpenData': (data, caller, state) => {
    const list = Array.isArray(data.cloudid_list) ? data.cloudid_list : [];
    if (list.length === 0) return wechatError('EMPTY_PARAMETER', randomUUID());
    const items = list.map((cloudID) => {
      const read = state.cloudIds.read(String(cloudID), caller);
      return {
        cloud_id: String(cloudID),
        json: read.ok
          ? JSON.stringify({ cloudID: read.cloudID, data: read.data })
          : JSON.stringify({ errcode: read.errorCode }),
      };
    });
    return { errcode: 0, errmsg: 'ok', data_list: items };
  },
};
