import type { WireRefusal } from '../host/guard';

/**
 * WeChat server API errors as WeChat answers them (`{ errcode, errmsg }`, HTTP 200), one table.
 * The numbers are WeChat's own (developers.weixin.qq.com, 全局返回码 and the jscode2session page).
 */
export const WECHAT_API_ERRORS = {
  BUSY: { errcode: -1, errmsg: 'system error' },
  INVALID_CREDENTIAL: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  INVALID_GRANT_TYPE: { errcode: 40002, errmsg: 'invalid grant_type' },
  INVALID_APPID: { errcode: 40013, errmsg: 'invalid appid' },
  INVALID_CODE: { errcode: 40029, errmsg: 'invalid code' },
  INVALID_SECRET: { errcode: 40125, errmsg: 'invalid appsecret' },
  CODE_BEEN_USED: { errcode: 40163, errmsg: 'code been used' },
  MISSING_ACCESS_TOKEN: { errcode: 41001, errmsg: 'access_token missing' },
  MISSING_APPID: { errcode: 41002, errmsg: 'appid missing' },
  MISSING_SECRET: { errcode: 41004, errmsg: 'appsecret missing' },
  MISSING_CODE: { errcode: 41008, errmsg: 'missing code' },
  MISSING_OPENID: { errcode: 41009, errmsg: 'missing openid' },
  ACCESS_TOKEN_EXPIRED: { errcode: 42001, errmsg: 'access_token expired' },
  RATE_LIMITED: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  INVALID_ARGS: { errcode: 40097, errmsg: 'invalid args' },
  INVALID_SIGNATURE: { errcode: 87009, errmsg: 'invalid signature' },
  INVALID_OPENID: { errcode: 40003, errmsg: 'invalid openid' },
  INVALID_SCENE: { errcode: 40129, errmsg: 'invalid scene' },
  EMPTY_PARAMETER: { errcode: 44002, errmsg: 'empty post data' },
  INVALID_PARAMETER_FORMAT: { errcode: 47001, errmsg: 'data format error' },
  /** 网页授权 (sns/oauth2/*, sns/userinfo): the refresh_token is unknown, or past its 30 days. */
  INVALID_REFRESH_TOKEN: { errcode: 40030, errmsg: 'invalid refresh_token' },
  REFRESH_TOKEN_EXPIRED: { errcode: 42002, errmsg: 'refresh_token expired' },
  /** sns/userinfo with a token of scope snsapi_base. */
  API_UNAUTHORIZED: { errcode: 48001, errmsg: 'api unauthorized' },
  /** The request's body is larger than the API takes. */
  CONTENT_TOO_LARGE: { errcode: 45002, errmsg: 'content size out of limit' },
  /** WeChat's IP allow-list refusal; the emulator answers it to a foreign Host or a cross-site Origin. */
  CLIENT_NOT_ALLOWED: { errcode: 61004, errmsg: 'access clientip is not registered' },
  INVALID_TEMPLATE_ID: { errcode: 40037, errmsg: 'invalid template_id' },
  INVALID_MESSAGE_TYPE: { errcode: 40008, errmsg: 'invalid message type' },
  /** subscribeMessage.send: the user has no acceptance of this template left. */
  USER_REFUSED_MESSAGE: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  ARGUMENT_INVALID: { errcode: 47003, errmsg: 'argument invalid!' },
  INVALID_PAGE: { errcode: 41030, errmsg: 'invalid page' },
  /** wxacode.get / createQRCode: path longer than 128 bytes. */
  INVALID_PATH_LENGTH: { errcode: 40159, errmsg: 'invalid length for path, or the data is not json string' },
  /** wxacode.getUnlimited: scene longer than 32 characters or with characters it does not take. */
  INVALID_SCENE_LENGTH: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' },
  /** urlscheme / urllink: the path is not a page of the app. */
  INVALID_PAGE_PATH: { errcode: 40165, errmsg: 'invalid weapp pagepath' },
  INVALID_QUERY: { errcode: 40212, errmsg: 'invalid query' },
  /** urlscheme / urllink: an expiry in the past or too far ahead. */
  INVALID_EXPIRE_TIME: { errcode: 85400, errmsg: 'invalid expire time' },
  INVALID_FILE_TYPE: { errcode: 40005, errmsg: 'invalid file type' },
  INVALID_MEDIA_SIZE: { errcode: 40006, errmsg: 'invalid media size' },
  /** msgSecCheck version 1: the content is risky. */
  RISKY_CONTENT: { errcode: 87014, errmsg: 'risky content' },
} as const;

export type WechatApiErrorName = keyof typeof WECHAT_API_ERRORS;
export type WechatApiError = (typeof WECHAT_API_ERRORS)[WechatApiErrorName];

/** WeChat's error JSON, with an rid the way its messages end (what openapi calls answer inside their result). */
export function wechatError(name: WechatApiErrorName, rid: string): { errcode: number; errmsg: string } {
  const { errcode, errmsg } = WECHAT_API_ERRORS[name];
  return { errcode, errmsg: `${errmsg} rid: ${rid}` };
}

/** Thrown by the state; the routes answer it as WeChat would. */
export class WechatError extends Error {
  readonly body: { errcode: number; errmsg: string };

  constructor(name: WechatApiErrorName) {
    super(WECHAT_API_ERRORS[name].errmsg);
    this.name = 'WechatError';
    this.body = { ...WECHAT_API_ERRORS[name] };
  }
}

/**
 * The host guard's refusals under `/wechat-api/`, in WeChat's words: HTTP 200 as WeChat answers its
 * errors, but a foreign Host or cross-site Origin keeps its 403 (WeChat has no such refusal; it is the
 * local cloud's own guard speaking).
 */
export const wechatRefusal: WireRefusal = ({ status, message }) => {
  const { errcode, errmsg } =
    status === 413
      ? WECHAT_API_ERRORS.CONTENT_TOO_LARGE
      : status === 403
        ? WECHAT_API_ERRORS.CLIENT_NOT_ALLOWED
        : WECHAT_API_ERRORS.INVALID_ARGS;
  return { status: status === 403 ? 403 : 200, body: { errcode, errmsg: `${errmsg}: ${message}` } };
};
