/**
 * The accounts path `npm start` plays: one person (alice) signs in through the mini-program
 * (wx.login → POST /auth/login) and through two web pages (公众号 web authorization and website QR
 * sign-in, the server's /demo page and the emulator's authorization pages, driven over HTTP as a
 * browser would) and gets one accountId. The server keeps running so /demo can be tried in a browser.
 */
import type { KnownApp, LocalCloud } from '@wx-cloud-login/wxcloud';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';
import { ApiClient } from '../../miniprogram/services/api-client';
import { createWxApiDeps, type WxApiLike } from '../../miniprogram/services/wx-api';
import { loadConfig } from '../../server/config';
import { emulatorEnvironment } from '../../server/local-run';
import { startServer, type RunningAuthServer } from '../../server/start-server';
import { DEMO_USERS } from './login-demo';
import type { ServerDemoLine } from './server-demo';

/** The demo's 公众号 and website, of the same (emulated) Open Platform account as the mini-program. */
export const DEMO_WEB_APPS: KnownApp[] = [
  { appid: 'wx-demo-mp', secret: 'local-dev-mp-secret-not-for-production', kind: 'mp' },
  { appid: 'wx-demo-site', secret: 'local-dev-site-secret-not-for-production', kind: 'website' },
];

/** What the demo's local cloud knows: the default mini-program and the two web apps. */
export const DEMO_APPS: KnownApp[] = [DEFAULT_LOCAL_APP, ...DEMO_WEB_APPS];

/** Follows one web sign-in as a browser would: the demo page, WeChat's page, its form, the redirect back. */
async function webSignIn(server: string, linkText: RegExp, person: string): Promise<string> {
  const demo = await fetch(`${server}/demo`);
  const cookie = (demo.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const links = [...(await demo.text()).matchAll(/<a class="button" href="([^"]+)">([^<]+)<\/a>/g)];
  const link = links.find((match) => linkText.test(match[2] ?? ''));
  if (!link?.[1]) throw new Error(`no link ${linkText} on /demo`);
  const authorize = new URL(link[1].replace(/&amp;/g, '&'));
  const form = new URLSearchParams({
    flow: authorize.pathname.endsWith('qrconnect') ? 'qrconnect' : 'authorize',
    known: person,
    decision: 'allow',
  });
  for (const name of ['appid', 'redirect_uri', 'scope', 'state'])
    form.set(name, authorize.searchParams.get(name) ?? '');
  const confirmed = await fetch(`${authorize.origin}/wechat-open/connect/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const callback = await fetch(confirmed.headers.get('location') ?? '', { headers: { cookie } });
  const page = await callback.text();
  const accountId = /id="account-id">([^<]+)</.exec(page)?.[1];
  if (!accountId)
    throw new Error(`the web sign-in did not finish: ${/<p>([^<]+)<\/p>/.exec(page)?.[1] ?? callback.status}`);
  return accountId;
}

export async function runAccountsDemo(
  cloud: LocalCloud,
): Promise<{ server: RunningAuthServer; lines: ServerDemoLine[] }> {
  const apps = DEMO_WEB_APPS.map((app) => `${app.appid}:${app.secret}:${app.kind}`).join(',');
  const env = emulatorEnvironment(cloud.baseUrl, {
    CLOUDBASE_ENV_ID: cloud.envId,
    PORT: '0',
    WX_APPS: apps,
    WEB_DEMO: 'true',
  });
  Object.assign(process.env, env); // node-sdk reads its endpoint from process.env
  const server = await startServer(loadConfig(env), { log: () => undefined });
  const lines: ServerDemoLine[] = [];
  const alice = DEMO_USERS.alice;
  const launch = await cloud.phones.phone(alice).launch();
  await launch.settled();
  const login = await new ApiClient(createWxApiDeps(launch.wx as unknown as WxApiLike), server.url).login();
  launch.close();
  if (!login.ok)
    return {
      server,
      lines: [{ ok: false, text: `alice: 小程序登录失败 / mini-program sign-in failed: ${login.error.code}` }],
    };
  const accountId = (login.data as { accountId?: string }).accountId ?? '';
  lines.push({
    ok: true,
    text: `alice 小程序 / mini-program (${alice.APPID}): wx.login → POST /auth/login → accountId ${accountId}`,
  });
  const person = `unionid:${alice.UNIONID}`;
  for (const [label, link] of [
    ['公众号网页授权 / 公众号 web authorization', /非静默/],
    ['网站扫码登录 / website QR sign-in', /网站扫码登录/],
  ] as const) {
    try {
      const web = await webSignIn(server.url, link, person);
      lines.push({
        ok: web === accountId,
        text:
          `alice ${label}: /demo → WeChat → /demo/callback → ` +
          `accountId ${web}${web === accountId ? '（同一个账号 / the same account）' : ''}`,
      });
    } catch (error) {
      lines.push({ ok: false, text: `alice ${label}: ${(error as Error).message}` });
    }
  }
  return { server, lines };
}
