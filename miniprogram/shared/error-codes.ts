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
  // Raised by the developer's own server (server/) and its tokens.
  LOGIN_CODE_INVALID: {
    side: 'server',
    retryable: false,
    message: '登录凭证无效、已过期或已使用，请重新登录 / The login code is invalid, expired or already used',
  },
  TOKEN_EXPIRED: { side: 'server', retryable: false, message: '登录已过期，请刷新登录状态 / The access token has expired' },
  TOKEN_INVALID: { side: 'server', retryable: false, message: '登录状态无效，请重新登录 / The access token is missing or invalid' },
  REFRESH_TOKEN_INVALID: {
    side: 'server',
    retryable: false,
    message: '登录已失效，请重新登录 / The refresh token is invalid, already used or revoked',
  },
  OPEN_DATA_INVALID: {
    side: 'server',
    retryable: false,
    message: '数据无法解密，请重新登录后再试 / The encrypted data does not match this login session',
  },
  RATE_LIMITED: { side: 'server', retryable: true, message: '请求过于频繁，请稍后再试 / Too many requests, try again later' },
  WECHAT_UNAVAILABLE: { side: 'server', retryable: true, message: '微信服务暂时不可用，请稍后重试 / WeChat is temporarily unavailable' },
  // Raised by the mini-program when wx.cloud.callFunction itself fails.
  NETWORK: { side: 'client', retryable: true, message: '网络异常，请检查网络后重试 / Network error' },
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
