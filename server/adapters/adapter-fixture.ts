/**
 * What the adapter tests share: an auth core on in-memory stores whose WeChat is the emulator's
 * own WeChat state in-process (the same code that answers jscode2session over HTTP), and one
 * scenario every adapter must pass.
 */
import { createMemoryAccountsStore } from '../../core/accounts/memory-accounts-store';
import { keyRing, signingKey } from '../../core/tokens/key-ring';
import { createMemorySessionsStore } from '../../core/sessions/memory-sessions-store';
import { MemoryUsersStore } from '../../core/users/memory-users-store';
import { OAuthState } from '../../packages/wxcloud/src/wechat/oauth-state';
import { WechatState } from '../../packages/wxcloud/src/wechat/state';
import { WechatError } from '../../packages/wxcloud/src/wechat/errors';
import { createAuthCore, type AuthCore } from '../core/auth-core';
import { RateLimiter } from '../core/rate-limit';
import { Revocations } from '../core/revocations';
import { createSessionKeyBox } from '../core/session-key-box';

const APP = { appid: 'wx-adapter', secret: 'adapter-secret' };
const WEB_APP = { appid: 'wx-adapter-web', secret: 'adapter-web-secret', kind: 'mp' as const };

export function adapterCore(): {
  core: AuthCore;
  newCode(openid: string): string;
  newWebCode(openid: string, unionid: string): string;
} {
  const wechat = new WechatState({ apps: [APP] });
  const oauth = new OAuthState({ apps: [WEB_APP] });
  const core = createAuthCore({
    appid: APP.appid,
    code2Session: async (code) => {
      try {
        const session = wechat.exchangeCode(APP.appid, APP.secret, code);
        return { ok: true, session: { openid: session.openid, sessionKey: session.session_key } };
      } catch (error) {
        if (error instanceof WechatError)
          return { ok: false, code: 'LOGIN_CODE_INVALID', detail: String(error.body.errcode) };
        throw error;
      }
    },
    sessions: {
      store: createMemorySessionsStore(),
      ring: keyRing(signingKey('k1', 'a'.repeat(32))),
      now: () => new Date(),
      accessTtlSeconds: 60,
      refreshTtlSeconds: 3600,
    },
    users: {
      store: new MemoryUsersStore(),
      newAttemptId: () => `attempt-${Math.random().toString(36).slice(2, 12)}`,
      sleep: async () => undefined,
    },
    accounts: {
      store: createMemoryAccountsStore(),
      now: () => new Date(),
      sleep: async () => undefined,
      log: () => undefined,
    },
    webApps: new Map([
      [
        WEB_APP.appid,
        async (code: string) => {
          try {
            const token = oauth.exchangeCode(WEB_APP.appid, WEB_APP.secret, code);
            return {
              ok: true as const,
              identity: {
                openid: token.openid,
                scope: token.scope,
                ...(token.unionid ? { unionid: token.unionid } : {}),
              },
            };
          } catch (error) {
            if (error instanceof WechatError)
              return { ok: false as const, code: 'LOGIN_CODE_INVALID' as const, detail: String(error.body.errcode) };
            throw error;
          }
        },
      ],
    ]),
    box: createSessionKeyBox(Buffer.alloc(32, 7)),
    revocations: new Revocations(),
    loginLimiter: new RateLimiter(100),
    log: () => undefined,
  });
  return {
    core,
    newCode: (openid) => wechat.issueCode({ openid, appid: APP.appid }),
    newWebCode: (openid, unionid) =>
      oauth.issueCode({ appid: WEB_APP.appid, openid, unionid, scope: 'snsapi_userinfo' }),
  };
}

type Call = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The scenario: login, a guarded app route, a refresh, a logout, then the guard refuses; a 公众号 sign-in, once per
 * code.
 */
export async function runAdapterScenario(
  call: Call,
  newCode: (openid: string) => string,
  newWebCode: (openid: string, unionid: string) => string,
): Promise<void> {
  const login = await call('POST', '/auth/login', { code: newCode('o-adapter') });
  expect(login).toMatchObject({
    status: 200,
    body: { ok: true, data: { isNewUser: true, user: { openid: 'o-adapter' }, accountId: expect.any(String) } },
  });
  const { accessToken, refreshToken } = login.body.data;
  expect(await call('GET', '/api/whoami', undefined, accessToken)).toEqual({
    status: 200,
    body: { ok: true, data: { openid: 'o-adapter' } },
  });
  expect(await call('GET', '/api/whoami')).toMatchObject({
    status: 401,
    body: { ok: false, error: { code: 'TOKEN_INVALID' } },
  });
  expect(await call('GET', '/auth/me', undefined, accessToken)).toMatchObject({
    status: 200,
    body: { data: { user: { loginCount: 1 }, accountId: login.body.data.accountId } },
  });
  const refreshed = await call('POST', '/auth/refresh', { refreshToken });
  expect(refreshed).toMatchObject({ status: 200, body: { ok: true } });
  expect(await call('POST', '/auth/refresh', { refreshToken })).toMatchObject({
    status: 401,
    body: { error: { code: 'REFRESH_TOKEN_INVALID' } },
  });
  const fresh = await call('POST', '/auth/login', { code: newCode('o-adapter') });
  expect(await call('POST', '/auth/logout', undefined, fresh.body.data.accessToken)).toMatchObject({ status: 200 });
  expect(await call('GET', '/api/whoami', undefined, fresh.body.data.accessToken)).toMatchObject({ status: 401 });
  expect(await call('POST', '/auth/login', '{bad')).toMatchObject({
    status: 400,
    body: { error: { code: 'INVALID_ARGUMENT' } },
  });
  const code = newWebCode('o-adapter-web', 'u-adapter');
  const web = await call('POST', '/auth/wechat-web', { appid: 'wx-adapter-web', code });
  expect(web).toMatchObject({
    status: 200,
    body: { data: { user: { openid: 'o-adapter-web', unionid: 'u-adapter' }, accountId: expect.any(String) } },
  });
  expect(await call('GET', '/auth/me', undefined, web.body.data.accessToken)).toMatchObject({
    status: 200,
    body: { data: { accountId: web.body.data.accountId } },
  });
  expect(await call('POST', '/auth/wechat-web', { appid: 'wx-adapter-web', code })).toMatchObject({
    status: 400,
    body: { error: { code: 'LOGIN_CODE_INVALID' } },
  });
}

/** fetch against a listening adapter. */
export function fetchCall(baseUrl: () => string): Call {
  return async (method, path, body, token) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
}
