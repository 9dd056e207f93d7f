/**
 * The web sign-in demo (WEB_DEMO=true): GET /demo links to WeChat's authorization pages (the
 * emulator's offline) for every 公众号 and website app of WX_APPS; WeChat redirects to
 * GET /demo/callback?appid=…&code=…&state=…, which checks the state against the cookie set with the
 * links (CSRF), signs in through the same core as POST /auth/wechat-web and shows the account.
 * No token is shown or stored in the browser: a real site would set its own session here.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { AuthEnv } from '../adapters/hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ConfiguredApp } from '../config';
import type { AuthCore } from '../core/auth-core';
import { DEMO_PAGE_HEADERS, renderDemoPage, renderProblem, renderSignedIn, type SignInLink } from './demo-page';

const STATE_COOKIE = 'demo_oauth_state';

export interface WebDemoOptions {
  /** WeChat's authorization pages: https://open.weixin.qq.com, or the emulator's `<base>/wechat-open`. */
  openBase: string;
  apps: ConfiguredApp[];
  clientAddress(c: Context<AuthEnv>): string | undefined;
}

/** WeChat's authorization link; `#wechat_redirect` ends it as WeChat's documentation asks. */
function authorizeLink(
  options: WebDemoOptions,
  app: ConfiguredApp,
  scope: string,
  callback: string,
  state: string,
): string {
  const path = app.kind === 'website' ? '/connect/qrconnect' : '/connect/oauth2/authorize';
  const query = new URLSearchParams({
    appid: app.appid,
    redirect_uri: `${callback}?appid=${encodeURIComponent(app.appid)}`,
    response_type: 'code',
    scope,
    state,
  });
  return `${options.openBase.replace(/\/$/, '')}${path}?${query}#wechat_redirect`;
}

function linksFor(options: WebDemoOptions, callback: string, state: string): SignInLink[] {
  return options.apps.flatMap((app) => {
    if (app.kind === 'website')
      return [
        {
          label: `网站扫码登录（${app.appid}，snsapi_login）`,
          href: authorizeLink(options, app, 'snsapi_login', callback, state),
        },
      ];
    if (app.kind !== 'mp') return [];
    return [
      {
        label: `公众号网页授权 · 非静默（${app.appid}，snsapi_userinfo）`,
        href: authorizeLink(options, app, 'snsapi_userinfo', callback, state),
      },
      {
        label: `公众号网页授权 · 静默（${app.appid}，snsapi_base，无 UnionID）`,
        href: authorizeLink(options, app, 'snsapi_base', callback, state),
      },
    ];
  });
}

function sameState(expected: string | undefined, given: string): boolean {
  if (!expected || expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

export function registerWebDemo(app: Hono<AuthEnv>, core: AuthCore, options: WebDemoOptions): void {
  const page = (c: Context<AuthEnv>, markup: Parameters<Context['html']>[0], status: 200 | 400 = 200) => {
    for (const [name, value] of Object.entries(DEMO_PAGE_HEADERS)) c.header(name, value);
    return c.html(markup, status);
  };
  app.get('/demo', (c) => {
    const state = randomBytes(16).toString('hex'); // WeChat takes a-zA-Z0-9 only, up to 128 bytes
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', path: '/demo', maxAge: 600 });
    return page(c, renderDemoPage(linksFor(options, `${new URL(c.req.url).origin}/demo/callback`, state)));
  });
  app.get('/demo/callback', async (c) => {
    const query = (name: string) => c.req.query(name) ?? '';
    if (!sameState(getCookie(c, STATE_COOKIE), query('state')))
      return page(c, renderProblem('state 不符：请从演示页重新开始（防 CSRF）'), 400);
    if (!query('code')) return page(c, renderProblem('你拒绝了授权，没有登录。'), 400);
    const answer = await core.loginWeb(
      { appid: query('appid'), code: query('code') },
      { address: options.clientAddress(c) },
    );
    if (!answer.ok) return page(c, renderProblem(`${answer.error.message}（${answer.error.code}）`), 400);
    const { accountId, user, isNewUser } = answer.data;
    return page(
      c,
      renderSignedIn({
        accountId,
        isNewUser,
        appid: user.appid,
        openid: user.openid,
        loginCount: user.loginCount,
        ...(user.unionid ? { unionid: user.unionid } : {}),
      }),
    );
  });
}
