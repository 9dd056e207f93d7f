/**
 * The server's calls to WeChat: `sns/jscode2session`, its answers and errors turned into the
 * shared error table. Never logs or returns the AppSecret; the session_key goes back to the caller
 * only (the auth core seals it at once).
 */
import type { ErrorCode } from '../../miniprogram/shared/error-codes';

export interface CodeSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

export type Code2SessionResult = { ok: true; session: CodeSession } | { ok: false; code: ErrorCode; detail: string };

export type Code2Session = (code: string) => Promise<Code2SessionResult>;

/** What each WeChat errcode means for the mini-program. */
const ERRCODE_TO_ERROR: Record<number, ErrorCode> = {
  40029: 'LOGIN_CODE_INVALID',
  40163: 'LOGIN_CODE_INVALID',
  40226: 'LOGIN_CODE_INVALID',
  45011: 'RATE_LIMITED',
  [-1]: 'WECHAT_UNAVAILABLE',
};

const TIMEOUT_MS = 5000;

export function createCode2Session(options: {
  apiBase: string;
  appid: string;
  secret: string;
  log(message: string): void;
}): Code2Session {
  return async (code) => {
    const url = new URL(`${options.apiBase.replace(/\/$/, '')}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: options.appid,
      secret: options.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = (await response.json()) as typeof body;
    } catch (error) {
      options.log(`jscode2session unreachable: ${(error as Error).message}`);
      return { ok: false, code: 'WECHAT_UNAVAILABLE', detail: 'WeChat did not answer' };
    }
    if (body.errcode) {
      const mapped = ERRCODE_TO_ERROR[body.errcode];
      // 40013 / 40125 and anything unexpected are the server's own misconfiguration: logged, INTERNAL to the user.
      if (!mapped)
        options.log(`jscode2session errcode ${body.errcode}: ${body.errmsg ?? ''} (check WX_APPID / WX_APPSECRET)`);
      return { ok: false, code: mapped ?? 'INTERNAL', detail: `WeChat errcode ${body.errcode}` };
    }
    if (!body.openid || !body.session_key)
      return { ok: false, code: 'WECHAT_UNAVAILABLE', detail: 'WeChat answered without openid' };
    return {
      ok: true,
      session: {
        openid: body.openid,
        sessionKey: body.session_key,
        ...(body.unionid ? { unionid: body.unionid } : {}),
      },
    };
  };
}
