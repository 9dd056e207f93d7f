/**
 * The cloud-call layer's `errorCode` of `CommOpenApiResp` (wx-server-sdk's ERR_CODE table), for a
 * call refused before it reaches WeChat: no permission, no function identity, a bad CloudID.
 * WeChat's own `errcode` inside the JSON an API answers is WeChat's one table, packages/wxcloud/src/wechat/errors.ts.
 */

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
