/**
 * The one table of error codes shared by the cloud functions and the mini-program.
 *
 * It lives inside miniprogramRoot because WeChat DevTools cannot load a module from outside it;
 * typings/errors.ts re-exports it for the cloud functions, which bundle it in.
 * `retryable` says whether repeating the same call is safe and may succeed; the server also copies
 * it into every error result.
 */
export const ERROR_CODES = {
  // Raised by the cloud functions.
  INVALID_ARGUMENT: { side: 'server', retryable: false, message: '请求参数无效 / The request is malformed' },
  UNAUTHENTICATED: {
    side: 'server',
    retryable: false,
    message: '没有微信用户身份（请从小程序端调用）/ No WeChat user: call from the mini-program',
  },
  UNAVAILABLE: { side: 'server', retryable: true, message: '数据库暂时不可用，请稍后重试 / Database temporarily unavailable' },
  INTERNAL: { side: 'server', retryable: false, message: '服务内部错误 / Internal error' },
  USER_NOT_FOUND: { side: 'server', retryable: false, message: '账号不存在，请先登录 / No such user: log in first' },
  CONTENT_RISKY: { side: 'server', retryable: false, message: '昵称含有不当内容，请修改后再试 / The nickname was refused by the content check' },
  AVATAR_INVALID: { side: 'server', retryable: false, message: '头像文件无效，请重新选择头像 / The avatar is not a file you uploaded' },
  PHONE_CODE_INVALID: {
    side: 'server',
    retryable: false,
    message: '手机号授权已失效，请重新点击获取 / The phone code is invalid, used or expired',
  },
  NOT_CONFIGURED: {
    side: 'server',
    retryable: false,
    message: '服务配置有误，请联系开发者 / The function lacks a permission in its config.json',
  },
  // Raised by the mini-program when wx.cloud.callFunction itself fails.
  NETWORK: { side: 'client', retryable: true, message: '网络异常，请检查网络后重试 / Network error' },
  PRIVACY_DENIED: { side: 'client', retryable: false, message: '需要同意隐私保护指引才能使用此功能 / Privacy consent was refused' },
  PHONE_DENIED: { side: 'client', retryable: false, message: '未获得手机号授权 / The phone number was not shared' },
  FUNCTION_ERROR: {
    side: 'client',
    retryable: false,
    message: '云函数调用失败（未部署或运行出错）/ The cloud function failed or is not deployed',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ServerErrorCode = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['side'] extends 'server' ? C : never }[ErrorCode];

export const SERVER_ERROR_CODES = Object.keys(ERROR_CODES).filter(
  (code) => ERROR_CODES[code as ErrorCode].side === 'server',
) as [ServerErrorCode, ...ServerErrorCode[]];

/** The error half of every function result. */
export interface ErrorBody<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  retryable: boolean;
}

export function errorBody<C extends ErrorCode>(code: C, detail?: string): ErrorBody<C> {
  const entry = ERROR_CODES[code];
  return { code, message: detail ? `${entry.message}: ${detail}` : entry.message, retryable: entry.retryable };
}
