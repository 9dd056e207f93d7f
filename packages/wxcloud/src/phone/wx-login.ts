/**
 * `wx.login`, `wx.checkSession` and `wx.request` for a simulated phone, over the emulated WeChat:
 * a login code for this phone's user (rotating their session_key), the session check, and HTTP
 * requests to a local server, answered as the base library answers them.
 */
import { answer, type Callbacks, type WxHost } from './wx-part';

export interface RequestOptions extends Callbacks {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
}

/** wx.request may only reach servers on this machine: the simulated phone never leaves it. */
function isLocal(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

function userOf(host: WxHost) {
  const user = host.user();
  return { openid: user.OPENID, appid: user.APPID, ...(user.UNIONID ? { unionid: user.UNIONID } : {}) };
}

async function request(options: RequestOptions) {
  if (!isLocal(options.url)) throw { errMsg: `request:fail url not in domain list: ${options.url}` };
  const method = options.method ?? 'GET';
  const hasBody = method !== 'GET' && options.data !== undefined;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.header },
      body: hasBody ? JSON.stringify(options.data) : undefined,
      signal: AbortSignal.timeout(options.timeout ?? 60_000),
    });
  } catch (error) {
    throw { errMsg: `request:fail ${(error as Error).message}` };
  }
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON: the base library gives the text as it is
  }
  return { statusCode: response.status, data, header: Object.fromEntries(response.headers), errMsg: 'request:ok' };
}

function sessionUser(host: WxHost) {
  const { openid, appid } = userOf(host);
  return { openid, appid };
}

/** 31 days of steps ending today (a steady, recognisable pattern). */
export function recentSteps(now: number): Array<{ timestamp: number; step: number }> {
  const today = Math.floor(now / 86_400_000) * 86_400;
  return Array.from({ length: 31 }, (_, index) => ({
    timestamp: today - (30 - index) * 86_400,
    step: 3000 + index * 100,
  }));
}

export function loginApis(host: WxHost) {
  return {
    login: (options?: Callbacks) =>
      answer(options, async () => {
        const body = await postJson(`${host.baseUrl}/wechat/login-code`, userOf(host));
        if (typeof body.code !== 'string') throw { errMsg: `login:fail ${String(body.errmsg ?? 'no code')}` };
        return { code: body.code, errMsg: 'login:ok' };
      }),
    checkSession: (options?: Callbacks) =>
      answer(options, async () => {
        const body = await postJson(`${host.baseUrl}/wechat/session`, sessionUser(host));
        if (body.valid !== true) throw { errMsg: 'checkSession:fail session time out, need relogin' };
        return { errMsg: 'checkSession:ok' };
      }),
    request: (options: RequestOptions) => answer(options, () => request(options)),
    /** WeRun steps of the last 31 days, encrypted with this user's current session_key, as WeChat gives them. */
    getWeRunData: (options?: Callbacks) =>
      answer(options, async () => {
        const body = await postJson(`${host.baseUrl}/wechat/encrypted-data`, {
          ...sessionUser(host),
          data: { stepInfoList: recentSteps(Date.now()) },
        });
        if (typeof body.encryptedData !== 'string')
          throw { errMsg: `getWeRunData:fail ${String(body.errmsg ?? 'no session')}` };
        return { encryptedData: body.encryptedData, iv: body.iv, errMsg: 'getWeRunData:ok' };
      }),
  };
}
