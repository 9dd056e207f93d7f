/**
 * What other services need to know of the WeChat service without importing it (its console panel
 * reads the openapi service, so the openapi service reaches WeChat through these names only).
 */

export const WECHAT_SERVICE = 'wechat';
/** Where WeChat's server API is served (what a server uses instead of https://api.weixin.qq.com). */
export const WECHAT_API_PATH = '/wechat-api';

/** The part of the WeChat service that checks access tokens for other services' APIs. */
export interface AccessTokens {
  /** The app a token was given to; throws WechatError 41001 missing, 40001 invalid, 42001 expired. */
  appOfToken(accessToken: string): string;
}
