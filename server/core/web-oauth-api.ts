/**
 * The server's call for 网页授权 (公众号 web authorization and website QR sign-in):
 * `sns/oauth2/access_token` exchanges the code the redirect brought for the person's OpenID in that
 * app, and the UnionID when WeChat gives it (snsapi_userinfo, snsapi_login; never snsapi_base).
 * The web access_token is used for nothing else here and is not kept; the AppSecret is never logged.
 */
import type { ErrorCode } from '../../miniprogram/shared/error-codes';

export interface WebIdentity {
  openid: string;
  unionid?: string;
  scope: string;
}

export type ExchangeWebCode = (
  code: string,
) => Promise<{ ok: true; identity: WebIdentity } | { ok: false; code: ErrorCode; detail: string }>;

const ERRCODE_TO_ERROR: Record<number, ErrorCode> = {
  40029: 'LOGIN_CODE_INVALID',
  40163: 'LOGIN_CODE_INVALID',
  42003: 'LOGIN_CODE_INVALID',
  45011: 'RATE_LIMITED',
  [-1]: 'WECHAT_UNAVAILABLE',
};

const TIMEOUT_MS = 5000;

export function createExchangeWebCode(options: {
  apiBase: string;
  appid: string;
  secret: string;
  log(message: string): void;
}): ExchangeWebCode {
  return async (code) => {
    const url = new URL(`${options.apiBase.replace(/\/$/, '')}/sns/oauth2/access_token`);
    url.search = new URLSearchParams({
      appid: options.appid,
      secret: options.secret,
      code,
      grant_type: 'authorization_code',
    }).toString();
    let body: { openid?: string; unionid?: string; scope?: string; errcode?: number; errmsg?: string };
    try {
      body = (await (await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })).json()) as typeof body;
    } catch (error) {
      options.log(`sns/oauth2/access_token unreachable: ${(error as Error).message}`);
      return { ok: false, code: 'WECHAT_UNAVAILABLE', detail: 'WeChat did not answer' };
    }
    if (body.errcode) {
      const mapped = ERRCODE_TO_ERROR[body.errcode];
      if (!mapped)
        options.log(
          `sns/oauth2/access_token errcode ${body.errcode} for ` +
            `app ${options.appid}: ${body.errmsg ?? ''} (check WX_APPS)`,
        );
      return { ok: false, code: mapped ?? 'INTERNAL', detail: `WeChat errcode ${body.errcode}` };
    }
    if (!body.openid) return { ok: false, code: 'WECHAT_UNAVAILABLE', detail: 'WeChat answered without openid' };
    return {
      ok: true,
      identity: { openid: body.openid, scope: body.scope ?? '', ...(body.unionid ? { unionid: body.unionid } : {}) },
    };
  };
}
