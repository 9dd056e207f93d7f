/**
 * The second login path `npm start` plays: the developer's own server (server/) started against
 * the local cloud, and simulated phones running the mini-program's API client: a code2Session
 * login with a wx.login code, an authenticated request, a refresh, a logout. The users are the
 * same as the cloud function's (one users collection).
 */
import type { LocalCloud } from '@wx-cloud-login/wxcloud';
import { ApiClient } from '../../miniprogram/services/api-client';
import { createWxApiDeps, type WxApiLike } from '../../miniprogram/services/wx-api';
import { loadConfig } from '../../server/config';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';
import { emulatorEnvironment } from '../../server/local-run';
import { startServer } from '../../server/start-server';
import { DEMO_USERS } from './login-demo';

export interface ServerDemoLine {
  ok: boolean;
  text: string;
}

/**
 * Runs the server path for alice and for dave, a new user whose phone the demo launches here: the app's
 * launch signs him up through the cloud function, so the server finds the same user (one user,
 * whichever path logged them in). Answers what happened, line by line.
 */
export async function runServerDemo(cloud: LocalCloud): Promise<{ url: string; lines: ServerDemoLine[] }> {
  const env = emulatorEnvironment(cloud.baseUrl, { CLOUDBASE_ENV_ID: cloud.envId, PORT: '0' });
  Object.assign(process.env, env); // node-sdk reads its endpoint from process.env
  const config = loadConfig(env);
  const server = await startServer(config, { log: () => undefined });
  const lines: ServerDemoLine[] = [];
  const say = (ok: boolean, text: string) => lines.push({ ok, text });
  try {
    for (const user of [DEMO_USERS.alice, { OPENID: 'oDemo-dave-0004', APPID: DEFAULT_LOCAL_APP.appid }]) {
      const device = cloud.phones.phone(user);
      const launch = await device.launch();
      await launch.settled();
      const api = new ApiClient(createWxApiDeps(launch.wx as unknown as WxApiLike), server.url);
      const login = await api.login();
      if (!login.ok) {
        say(false, `${user.OPENID}: code2Session 登录失败 / login failed: ${login.error.code}`);
        continue;
      }
      const who = login.data.isNewUser ? '新用户 / new user' : '老用户 / returning user';
      say(
        true,
        `${user.OPENID}: wx.login → POST /auth/login → ${who}, ` +
          `loginCount ${login.data.user.loginCount}, ` +
          `token ${login.data.expiresIn}s`,
      );
      const me = await api.request<{ user: { openid: string } }>('GET', '/auth/me');
      say(
        me.ok,
        `${user.OPENID}: GET /auth/me 带令牌 / with the token → ${me.ok ? me.data.user.openid : me.error.code}`,
      );
      const out = await api.logout();
      say(out.ok, `${user.OPENID}: POST /auth/logout → ${out.ok ? '已退出 / logged out' : out.error.code}`);
      launch.close();
    }
  } finally {
    await server.stop();
  }
  return { url: server.url, lines };
}
