/**
 * The web sign-in demo's pages, rendered on the server with every value escaped and no script:
 * links that start 公众号 web authorization (静默 snsapi_base, 非静默 snsapi_userinfo) and website
 * QR sign-in, and the page the redirect lands on with the account it signed in to.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface SignInLink {
  label: string;
  href: string;
}

export interface SignedInView {
  accountId: string;
  appid: string;
  openid: string;
  unionid?: string;
  loginCount: number;
  isNewUser: boolean;
}

const STYLE =
  `body{font:15px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:560px;` +
  `margin:32px auto;padding:0 16px;color:#222}
a.button{display:block;margin:10px 0;padding:10px 16px;border-radius:6px;` +
  `background:#07c160;color:#fff;text-decoration:none}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{color:#666}` +
  `dd{margin:0;font-family:monospace;word-break:break-all}small{color:#888}`;

export const DEMO_PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}

const ONE_PERSON_ZH = '同一个人从公众号网页、网站扫码和小程序登录，';
const ONE_ACCOUNT_ZH = `${ONE_PERSON_ZH}得到同一个账号（accountId）。`;
const WX_APPS_CODE = html`<code>WX_APPS="APPID:SECRET:mp,APPID:SECRET:website"</code>`;

export function renderDemoPage(links: SignInLink[]): Markup {
  const body = links.length
    ? html`<p>${ONE_ACCOUNT_ZH}<small>One person, one account across the apps.</small></p>
        ${links.map((link) => html`<a class="button" href="${link.href}">${link.label}</a>`)}`
    : html`<p>没有配置公众号或网站应用：设置 ${WX_APPS_CODE}。</p>`;
  return layout(
    '网页登录演示',
    html`<h1>网页登录演示 <small>web sign-in demo</small></h1>
      ${body}`,
  );
}

export function renderSignedIn(view: SignedInView): Markup {
  return layout(
    '已登录',
    html`<h1 id="signed-in">已登录 <small>signed in</small></h1>
      <dl>
        <dt>账号 accountId</dt>
        <dd id="account-id">${view.accountId}</dd>
        <dt>应用 appid</dt>
        <dd>${view.appid}</dd>
        <dt>OpenID</dt>
        <dd>${view.openid}</dd>
        <dt>UnionID</dt>
        <dd>${view.unionid ?? '（静默授权不给 UnionID / none with snsapi_base）'}</dd>
        <dt>登录次数</dt>
        <dd>${view.loginCount}${view.isNewUser ? '（新用户）' : ''}</dd>
      </dl>
      <p><a href="/demo">返回 / back</a></p>`,
  );
}

export function renderProblem(message: string): Markup {
  return layout(
    '登录未完成',
    html`<h1 id="problem">登录未完成</h1>
      <p>${message}</p>
      <p><a href="/demo">返回 / back</a></p>`,
  );
}
