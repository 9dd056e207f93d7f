/**
 * The authorization pages of the emulated Open Platform, rendered on the server with every value
 * escaped (hono/html) and no script at all: the page picks or types the simulated person and posts
 * a form; nothing a user stored is ever run on the emulator's origin.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { UNIONID_PERSON_PREFIX, type OAuthScope } from './oauth-state';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the page posts back: the request it was opened with (checked again on the post). */
export interface AuthorizeRequest {
  appid: string;
  redirectUri: string;
  scope: OAuthScope;
  state: string;
  flow: 'authorize' | 'qrconnect';
}

/** The headers of every page: no script, no frames, no referrer to another site (the redirect carries the code). */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer the form's POST carries `Origin: null`, which the host refuses.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

const STYLE =
  `body{font:15px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:420px;` +
  `margin:32px auto;padding:0 16px;color:#222}
h1{font-size:20px}small{color:#888}.box{border:1px solid #ddd;border-radius:8px;padding:16px;margin:16px 0}
label{display:block;margin:6px 0}input[type=text]{width:100%;box-sizing:border-box;padding:6px}
button{padding:8px 20px;margin-right:8px;border-radius:4px;border:1px solid #07c160;background:#07c160;color:#fff}
button.deny{background:#fff;color:#333;border-color:#ccc}` +
  `.qr{width:160px;height:160px;margin:8px auto;` +
  `background:repeating-conic-gradient(#222 0 25%,#fff 0 50%) 0 0/20px 20px}`;

const QR_NOTE_REAL = '真实环境里，电脑上显示二维码，用户用手机微信扫码并在手机上确认。';
const QR_NOTE = `${QR_NOTE_REAL}这里选一个模拟用户，代替“扫码 + 手机确认”。`;

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

function heading(request: AuthorizeRequest): Markup {
  if (request.flow === 'qrconnect') {
    return html`<h1>微信登录 <small>模拟扫码 · website QR sign-in</small></h1>
      <div class="qr" role="img" aria-label="模拟二维码"></div>
      <p>${QR_NOTE}</p>`;
  }
  if (request.scope === 'snsapi_base') {
    return html`<h1>公众号网页授权 <small>静默授权 · snsapi_base</small></h1>
      <p>
        静默授权：真实微信里用户看不到这一页，直接跳回你的页面，只拿到 OpenID（没有
        UnionID）。这里只是让你选是哪个模拟用户。
      </p>`;
  }
  return html`<h1>公众号网页授权 <small>snsapi_userinfo</small></h1>
    <p>该网页申请获取你的昵称、头像（非静默授权，需要用户同意）。</p>`;
}

const label = (person: string) =>
  person.startsWith(UNIONID_PERSON_PREFIX)
    ? `小程序用户 UnionID ${person.slice(UNIONID_PERSON_PREFIX.length)}`
    : person;

function personOption(person: string, checked: boolean): Markup {
  const attribute = checked ? 'checked' : '';
  return html`<label><input type="radio" name="known" value="${person}" ${attribute} /> ${label(person)}</label>`;
}

function personPicker(people: string[]): Markup {
  return html`<div class="box">
    <strong>模拟用户 <small>simulated person</small></strong>
    ${people.map((person, index) => personOption(person, index === 0))}
    <label
      >输入一个名字（同名即同一个人，各应用共用一个 UnionID）<input
        type="text"
        name="person"
        maxlength="64"
        placeholder="例如 alice"
        autocomplete="off"
    /></label>
  </div>`;
}

export function renderAuthorizePage(request: AuthorizeRequest, appLabel: string, people: string[]): Markup {
  const silent = request.scope === 'snsapi_base';
  return layout(
    '微信授权（本地模拟）',
    html`${heading(request)}
      <p>应用 <code>${appLabel}</code>，授权后跳转到 <code>${request.redirectUri}</code></p>
      <form method="post" action="/wechat-open/connect/confirm">
        <input type="hidden" name="appid" value="${request.appid}" /><input
          type="hidden"
          name="redirect_uri"
          value="${request.redirectUri}"
        />
        <input type="hidden" name="scope" value="${request.scope}" /><input
          type="hidden"
          name="state"
          value="${request.state}"
        /><input type="hidden" name="flow" value="${request.flow}" />
        ${personPicker(people)}
        <button type="submit" name="decision" value="allow">${silent ? '继续' : '允许'}</button>
        ${silent ? '' : html`<button type="submit" name="decision" value="deny" class="deny">拒绝</button>`}
      </form>`,
  );
}

/** The page WeChat shows for a malformed authorization link (it never redirects then). */
export function renderErrorPage(message: string, detail: string): Markup {
  return layout(
    '微信授权出错',
    html`<h1>${message}</h1>
      <p><small>${detail}</small></p>`,
  );
}
