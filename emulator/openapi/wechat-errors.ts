/**
 * The two error vocabularies of cloud calls, one table each:
 * - WeChat's own `errcode` inside the JSON an API answers (wx-server-sdk throws it as errCode);
 * - the cloud-call layer's `errorCode` of `CommOpenApiResp` (wx-server-sdk's ERR_CODE table), for a
 *   call refused before it reaches WeChat: no permission, no function identity, a bad CloudID.
 */

export const WECHAT_ERRCODES = {
  SYSTEM_BUSY: { errcode: -1, errmsg: 'system error' },
  INVALID_OPENID: { errcode: 40003, errmsg: 'invalid openid' },
  INVALID_CODE: { errcode: 40029, errmsg: 'invalid code' },
  INVALID_SCENE: { errcode: 40129, errmsg: 'invalid scene' },
  EMPTY_PARAMETER: { errcode: 44002, errmsg: 'empty post data' },
  INVALID_PARAMETER_FORMAT: { errcode: 47001, errmsg: 'data format error' },
  /** msgSecCheck version 1: the content is risky. */
  RISKY_CONTENT: { errcode: 87014, errmsg: 'risky content' },
} as const;

export type WechatErrorName = keyof typeof WECHAT_ERRCODES;

/** WeChat's error JSON, with a hint and an rid the way its messages end. */
export function wechatError(name: WechatErrorName, rid: string): { errcode: number; errmsg: string } {
  const { errcode, errmsg } = WECHAT_ERRCODES[name];
  return { errcode, errmsg: `${errmsg} rid: ${rid}` };
}

export const CLOUD_CALL_ERROR_CODES = {
  /** The API name is not one the emulator serves. */
  API_NOT_FOUND: -604100,
  /** The function's config.json does not list the API under permissions.openapi. */
  NO_PERMISSION: -604101,
  /** No function identity: not called from inside a cloud function. */
  ILLEGAL_SOURCE: -604104,
  INVALID_CLOUDID: -601005,
  CLOUDID_EXPIRED: -601006,
  CLOUDID_USER_MISMATCH: -601007,
} as const;

export type CloudCallErrorCode = (typeof CLOUD_CALL_ERROR_CODES)[keyof typeof CLOUD_CALL_ERROR_CODES];
