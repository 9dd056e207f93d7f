/**
 * The one table of error codes shared by the cloud functions and the mini-program.
 *
 * It lives inside miniprogramRoot because WeChat DevTools cannot load a module from outside it;
 * typings/errors.ts re-exports it for the cloud functions, which bundle it in.
 * `retryable` says whether repeating the same call is safe and may succeed; the server also copies
 * it into every error result. Each code has two texts: `userMessage`, in Chinese for the people
 * using the mini-program (the page shows only this), and `message`, for the developer (the
 * function result's `message` and the logs, with the details appended).
 */
export const ERROR_CODES = {
  // Raised by the cloud functions.
  INVALID_ARGUMENT: {
    side: 'server',
    retryable: false,
    userMessage: '登录请求有误，请更新小程序后再试',
    message: '请求参数无效 / The request is malformed',
  },
  UNAUTHENTICATED: {
    side: 'server',
    retryable: false,
    userMessage: '无法确认你的微信身份，请重新打开小程序',
    message: '没有微信用户身份（请从小程序端调用）/ No WeChat user: call from the mini-program',
  },
  UNAVAILABLE: {
    side: 'server',
    retryable: true,
    userMessage: '服务有点忙，请稍后再试',
    message: '数据库暂时不可用，请稍后重试 / Database temporarily unavailable',
  },
  INTERNAL: {
    side: 'server',
    retryable: false,
    userMessage: '服务出了点问题，请稍后再试',
    message: '服务内部错误 / Internal error',
  },
  USER_NOT_FOUND: {
    side: 'server',
    retryable: false,
    userMessage: '请先登录后再设置个人资料',
    message: '账号不存在 / No such user: log in first',
  },
  CONTENT_RISKY: {
    side: 'server',
    retryable: false,
    userMessage: '昵称含有不当内容，请修改后再试',
    message: '内容安全检查未通过 / The nickname was refused by the content check (msgSecCheck: risky)',
  },
  AVATAR_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '头像上传失败，请重新选择头像',
    message: '头像文件无效 / The avatar is not a file the caller uploaded to avatars/<openid>/',
  },
  PHONE_CODE_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '手机号授权已失效，请重新点击获取',
    message:
      '手机号 code 无效、已用过、已过期或属于他人 / The phone code is invalid, used, expired ' +
      'or someone else’s (40029)',
  },
  NOT_CONFIGURED: {
    side: 'server',
    retryable: false,
    userMessage: '该功能暂时不可用，请稍后再试',
    message:
      '云函数未在 config.json 的 permissions.openapi 声明所需接口 / The function does ' +
      'not declare the API it calls (-604101)',
  },
  // Raised by the developer's own server (server/) and its tokens.
  LOGIN_CODE_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '登录凭证已失效，请重新登录',
    message: '登录凭证无效、已过期或已使用 / The login code is invalid, expired or already used',
  },
  TOKEN_EXPIRED: {
    side: 'server',
    retryable: false,
    userMessage: '登录已过期，请重新登录',
    message: '访问令牌已过期 / The access token has expired',
  },
  TOKEN_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '登录状态无效，请重新登录',
    message: '访问令牌缺失或无效 / The access token is missing or invalid',
  },
  REFRESH_TOKEN_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '登录已失效，请重新登录',
    message: '刷新令牌无效、已使用或已吊销 / The refresh token is invalid, already used or revoked',
  },
  OPEN_DATA_INVALID: {
    side: 'server',
    retryable: false,
    userMessage: '数据读取失败，请重新登录后再试',
    message: '开放数据与本次登录的 session_key 不符 / The encrypted data does not match this login session',
  },
  RATE_LIMITED: {
    side: 'server',
    retryable: true,
    userMessage: '操作太频繁了，请稍后再试',
    message: '请求过于频繁 / Too many requests',
  },
  WECHAT_UNAVAILABLE: {
    side: 'server',
    retryable: true,
    userMessage: '微信服务有点忙，请稍后再试',
    message: '微信服务暂时不可用 / WeChat is temporarily unavailable',
  },
  // Raised by the mini-program when wx.cloud.callFunction itself fails.
  NETWORK: {
    side: 'client',
    retryable: true,
    userMessage: '网络不太顺畅，请检查网络后再试',
    message: '网络异常 / Network error',
  },
  // Raised by the mini-program's profile page before any call.
  PRIVACY_DENIED: {
    side: 'client',
    retryable: false,
    userMessage: '需要同意隐私保护指引才能使用此功能',
    message: '用户拒绝了隐私授权 / Privacy consent was refused',
  },
  PHONE_DENIED: {
    side: 'client',
    retryable: false,
    userMessage: '未获得手机号授权',
    message: '用户未分享手机号 / The phone number was not shared',
  },
  NICKNAME_REQUIRED: {
    side: 'client',
    retryable: false,
    userMessage: '请输入昵称',
    message: '昵称为空 / The nickname is empty',
  },
  FUNCTION_ERROR: {
    side: 'client',
    retryable: false,
    userMessage: '服务暂时不可用，请稍后再试',
    message:
      '云函数调用失败（未部署、环境 ID 不对或运行出错）/ The cloud function failed, is not ' +
      'deployed, or the env id is wrong',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ServerErrorCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['side'] extends 'server' ? C : never;
}[ErrorCode];

export const SERVER_ERROR_CODES = Object.keys(ERROR_CODES).filter(
  (code) => ERROR_CODES[code as ErrorCode].side === 'server',
) as [ServerErrorCode, ...ServerErrorCode[]];

/** The error half of every function result. */
export interface ErrorBody<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  retryable: boolean;
}

/** What the page tells the user about an error: Chinese, with no codes or developer details. */
export function userMessageFor(code: string): string {
  return code in ERROR_CODES ? ERROR_CODES[code as ErrorCode].userMessage : ERROR_CODES.INTERNAL.userMessage;
}

export function errorBody<C extends ErrorCode>(code: C, detail?: string): ErrorBody<C> {
  const entry = ERROR_CODES[code];
  return { code, message: detail ? `${entry.message}: ${detail}` : entry.message, retryable: entry.retryable };
}
