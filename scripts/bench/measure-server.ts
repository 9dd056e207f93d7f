/**
 * The developer's server (server/) against the local cloud: what verifying an access token costs
 * (verifications per second in one process, and database requests per verification, counted by the
 * emulator: the design says 0), and a returning user's code2Session login (POST /auth/login with a
 * fresh wx.login code) next to the same user's cloud-function login, alternating, one at a time.
 */
import { loadConfig } from '../../server/config';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';
import { emulatorEnvironment } from '../../server/local-run';
import { startServer } from '../../server/start-server';
import { FUNCTION_OF, type BenchContext } from './context';
import { loginOverHttp } from './load';
import type { BenchReport } from './report';
import { round, summarizeLatency, throughputPerSec } from './stats';

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: { ok?: boolean; data?: { accessToken?: string }; code?: string } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function serverLogin(
  baseUrl: string,
  serverUrl: string,
  openid: string,
): Promise<{ ms: number; accessToken: string }> {
  const { body: issued } = await postJson(`${baseUrl}/wechat/login-code`, { openid, appid: DEFAULT_LOCAL_APP.appid });
  const startedAt = performance.now();
  const answer = await postJson(`${serverUrl}/auth/login`, { code: issued.code });
  const ms = performance.now() - startedAt;
  if (answer.status !== 200 || !answer.body.data?.accessToken)
    throw new Error(`server login failed for ${openid}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return { ms, accessToken: answer.body.data.accessToken };
}

export async function measureServer(context: BenchContext): Promise<BenchReport['server']> {
  const { cloud, plan, progress } = context;
  const env = emulatorEnvironment(cloud.baseUrl, {
    CLOUDBASE_ENV_ID: cloud.envId,
    PORT: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  Object.assign(process.env, env); // node-sdk reads its endpoint from process.env
  const config = loadConfig(env);
  const server = await startServer(config, { log: () => undefined });
  try {
    progress.phase(
      '自己的服务器 / own server: code2Session vs cloud function login, token verification',
      plan.serverLogins * 2 + 1,
    );
    const users = Array.from({ length: plan.serverLogins }, (_, index) => ({
      OPENID: `oBench-server-${String(index).padStart(6, '0')}`,
      APPID: DEFAULT_LOCAL_APP.appid,
    }));
    // First logins, so that both paths measure returning users.
    for (const user of users) await loginOverHttp(cloud.baseUrl, FUNCTION_OF.ours, user);
    const code2Session: number[] = [];
    const cloudFunction: number[] = [];
    let token = '';
    for (const [index, user] of users.entries()) {
      const functionFirst = index % 2 === 0;
      const viaFunction = async () => {
        const startedAt = performance.now();
        await loginOverHttp(cloud.baseUrl, FUNCTION_OF.ours, user);
        cloudFunction.push(performance.now() - startedAt);
      };
      const viaServer = async () => {
        const login = await serverLogin(cloud.baseUrl, server.url, user.OPENID);
        code2Session.push(login.ms);
        token = login.accessToken;
      };
      for (const run of functionFirst ? [viaFunction, viaServer] : [viaServer, viaFunction]) {
        await run();
        progress.advance();
      }
    }

    cloud.resetStats();
    const startedAt = performance.now();
    for (let i = 0; i < plan.tokenVerifications; i++) {
      const verified = await server.core.verify(token);
      if (!verified.ok) throw new Error(`token verification failed: ${verified.error.code}`);
    }
    const elapsedMs = performance.now() - startedAt;
    const databaseRequests = cloud.stats().total;
    progress.advance();
    return {
      logins: plan.serverLogins,
      loginMs: { code2Session: summarizeLatency(code2Session), cloudFunction: summarizeLatency(cloudFunction) },
      verifications: plan.tokenVerifications,
      verifyPerSec: round(throughputPerSec(plan.tokenVerifications, elapsedMs), 0),
      dbRequestsPerVerify: databaseRequests / plan.tokenVerifications,
    };
  } finally {
    await server.stop();
  }
}
