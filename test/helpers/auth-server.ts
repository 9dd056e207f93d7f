/**
 * Jest helper for the server's end-to-end suites: the local cloud (with the emulated WeChat)
 * in-process, the real server on a free port talking to it over HTTP (WeChat's API and the
 * database through node-sdk), a clock both share, and phones running the mini-program's own API
 * client over the simulated `wx`.
 */
import { randomBytes } from 'node:crypto';
import { ApiClient } from '../../miniprogram/services/api-client';
import { createWxApiDeps, type WxApiLike } from '../../miniprogram/services/wx-api';
import type { KnownApp, SimulatedUser } from '@wx-cloud-login/wxcloud';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer, type RunningAuthServer } from '../../server/start-server';
import { useLocalCloud } from './local-cloud';

export const OTHER_APP = { appid: 'wx-other-app', secret: 'other-app-secret-0123456789' };
export const TOKEN_SECRET = randomBytes(32).toString('base64url');
export const ACCESS_TTL_SECONDS = 60;

/** `apps`: the apps the emulated WeChat knows (default: the local app and OTHER_APP). */
export function useAuthServer(env: Record<string, string> = {}, apps: KnownApp[] = [DEFAULT_LOCAL_APP, OTHER_APP]) {
  const clock = { now: Date.now() };
  const local = useLocalCloud({
    wechat: { apps, now: () => clock.now },
    collections: ['users'],
    // The cloud function signs with the server's key: its tokens are the server's.
    functions: { functionEnv: { login: { AUTH_TOKEN_SECRET: TOKEN_SECRET } } },
  });
  let server: RunningAuthServer | undefined;
  let config: ServerConfig | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    config = loadConfig({
      WX_APPID: DEFAULT_LOCAL_APP.appid,
      WX_APPSECRET: DEFAULT_LOCAL_APP.secret,
      WX_API_BASE: `${local.cloud.baseUrl}/wechat-api`,
      WX_OPEN_BASE: `${local.cloud.baseUrl}/wechat-open`,
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      AUTH_ACCESS_TTL_SECONDS: String(ACCESS_TTL_SECONDS),
      CLOUDBASE_ENV_ID: local.cloud.envId,
      PORT: '0',
      ...env,
    });
    server = await startServer(config, { now: () => new Date(clock.now), log: (message) => logs.push(message) });
  });
  beforeEach(() => {
    clock.now = Date.now();
    logs.length = 0;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const handle = {
    local,
    clock,
    logs,
    get url(): string {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    get config(): ServerConfig {
      if (!config) throw new Error('server not started');
      return config;
    },
    /** A phone of `user` (default app) with the mini-program's API client over its `wx`. */
    async phone(user: Partial<SimulatedUser> & { OPENID: string }) {
      const device = local.phone({ APPID: DEFAULT_LOCAL_APP.appid, ...user });
      const launch = await device.launch();
      await launch.settled();
      const wx = launch.wx as unknown as WxApiLike & { login(): Promise<{ code: string }> };
      return { device, launch, wx, api: new ApiClient(createWxApiDeps(wx), handle.url) };
    },
    async post(path: string, body: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${handle.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    },
    async get(path: string, headers: Record<string, string> = {}) {
      const response = await fetch(`${handle.url}${path}`, { headers });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    },
    /** Every session document, read with the real SDK. */
    sessions: () => local.documents('auth_sessions'),
    /**
     * Live sessions started by the server (they hold a sealed session_key until revoked; the cloud function's never
     * do).
     */
    serverSessions: async () => (await local.documents('auth_sessions')).filter((session) => session.sealedSessionKey),
    /** The session an access token names. */
    async sessionOf(accessToken: string | undefined): Promise<Record<string, unknown> | undefined> {
      const sid = JSON.parse(Buffer.from(accessToken?.split('.')[1] ?? '', 'base64url').toString() || '{}').sid;
      return (await local.documents('auth_sessions')).find((session) => session._id === sid);
    },
  };
  return handle;
}
