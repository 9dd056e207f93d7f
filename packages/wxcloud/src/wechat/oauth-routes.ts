/**
 * HTTP over the Open Platform's 网页授权:
 *   GET  /wechat-open/connect/oauth2/authorize  公众号 (snsapi_base | snsapi_userinfo)
 *   GET  /wechat-open/connect/qrconnect         website QR sign-in (snsapi_login)
 *   POST /wechat-open/connect/confirm           the page's form: redirect_uri?code=…&state=…
 *                                               (or ?state=… on 拒绝)
 *   POST /wechat/oauth-code { appid, openid, unionid?, scope } -> { code }   (for tests)
 *   GET  /wechat-api/sns/oauth2/access_token, sns/oauth2/refresh_token, sns/userinfo, sns/auth
 * Errors of the API answer HTTP 200 `{ errcode, errmsg }` as WeChat does; a malformed link gets
 * WeChat's error page and no redirect.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { EmulatorApp } from '../host/server';
import { kindOf } from './apps';
import { WECHAT_API_ERRORS } from './errors';
import { answer } from './routes';
import { PAGE_HEADERS, renderAuthorizePage, renderErrorPage, type AuthorizeRequest } from './oauth-pages';
import { OAUTH_SCOPES, personFor, scopeAllowed, type OAuthState } from './oauth-state';

/** The pages post small forms. */
const PICK_A_PERSON = '请选择或输入一个模拟用户';

export const OAUTH_FORM_BYTES = 16 * 1024;
const MAX_STATE_LENGTH = 128;

const id = z.string().min(1).max(128);
const OAuthCodeSchema = z.strictObject({ appid: id, openid: id, unionid: id.optional(), scope: z.enum(OAUTH_SCOPES) });
const PersonSchema = z.string().trim().min(1).max(160);

type Checked = { ok: true; request: AuthorizeRequest } | { ok: false; message: string; detail: string };

/** A redirect_uri as WeChat takes it: an absolute http(s) URL without credentials. */
export function validRedirectUri(raw: string): URL | null {
  if (!raw || raw.length > 2048) return null;
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/** The checks WeChat makes of an authorization link, in its order, with its messages. */
export function checkAuthorizeRequest(
  oauth: OAuthState,
  flow: AuthorizeRequest['flow'],
  read: (name: string) => string,
): Checked {
  const app = oauth.app(read('appid'));
  const wantedKind = flow === 'qrconnect' ? 'website' : 'mp';
  if (!app || kindOf(app) !== wantedKind)
    return {
      ok: false,
      message: '参数错误',
      detail: `appid: no ${wantedKind} app "${read('appid')}" in this local cloud (--app APPID:SECRET:${wantedKind})`,
    };
  if (!validRedirectUri(read('redirect_uri')))
    return { ok: false, message: 'redirect_uri 参数错误', detail: 'redirect_uri must be an absolute http(s) URL' };
  if (read('response_type') !== 'code')
    return {
      ok: false,
      message: '参数错误',
      detail: 'response_type must be code',
    };
  const scope = read('scope');
  if (!scopeAllowed(app, scope))
    return {
      ok: false,
      message: 'Scope 参数错误或没有 Scope 权限',
      detail: `scope "${scope}" is not one a ${wantedKind} app may ask for`,
    };
  const state = read('state');
  if (state.length > MAX_STATE_LENGTH)
    return { ok: false, message: '参数错误', detail: `state is longer than ${MAX_STATE_LENGTH} bytes` };
  return { ok: true, request: { appid: app.appid, redirectUri: read('redirect_uri'), scope, state, flow } };
}

function page(c: Context, markup: ReturnType<typeof renderErrorPage>, status: 200 | 400) {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  return c.html(markup, status);
}

function showPage(c: Context, oauth: OAuthState, flow: AuthorizeRequest['flow']) {
  const checked = checkAuthorizeRequest(oauth, flow, (name) => c.req.query(name) ?? '');
  if (!checked.ok) return page(c, renderErrorPage(checked.message, checked.detail), 400);
  return page(c, renderAuthorizePage(checked.request, checked.request.appid, oauth.recentPeople()), 200);
}

/** The form's answer: the request is checked again (hidden fields are the browser's to change), then redirected. */
async function confirm(c: Context, oauth: OAuthState) {
  const form = await c.req.parseBody();
  const read = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const flow = read('flow') === 'qrconnect' ? 'qrconnect' : 'authorize';
  const checked = checkAuthorizeRequest(oauth, flow, (name) => (name === 'response_type' ? 'code' : read(name)));
  if (!checked.ok) return page(c, renderErrorPage(checked.message, checked.detail), 400);
  const { request } = checked;
  const target = new URL(request.redirectUri);
  if (read('decision') === 'deny' && request.scope !== 'snsapi_base') {
    target.searchParams.set('state', request.state);
    return c.redirect(target.toString(), 302);
  }
  const person = PersonSchema.safeParse(read('person') || read('known'));
  if (!person.success) return page(c, renderErrorPage(PICK_A_PERSON, 'person: 1-64 characters'), 400);
  oauth.rememberPerson(person.data);
  const code = oauth.issueCode({
    appid: request.appid,
    scope: request.scope,
    ...personFor(request.appid, person.data),
  });
  target.searchParams.set('code', code);
  target.searchParams.set('state', request.state);
  return c.redirect(target.toString(), 302);
}

export function registerOAuthRoutes(app: EmulatorApp, oauth: OAuthState): void {
  app.get('/wechat-open/connect/oauth2/authorize', (c) => showPage(c, oauth, 'authorize'));
  app.get('/wechat-open/connect/qrconnect', (c) => showPage(c, oauth, 'qrconnect'));
  app.post('/wechat-open/connect/confirm', (c) => confirm(c, oauth));

  app.post('/wechat/oauth-code', async (c) => {
    const parsed = OAuthCodeSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json(
        {
          ...WECHAT_API_ERRORS.INVALID_ARGS,
          errmsg: `invalid args: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
        },
        400,
      );
    return answer(c, () => ({ code: oauth.issueCode(parsed.data) }));
  });

  const q = (c: Context, name: string) => c.req.query(name) ?? '';
  app.get('/wechat-api/sns/oauth2/access_token', (c) => {
    if (q(c, 'grant_type') !== 'authorization_code') return c.json(WECHAT_API_ERRORS.INVALID_GRANT_TYPE);
    return answer(c, () => oauth.exchangeCode(q(c, 'appid'), q(c, 'secret'), q(c, 'code')));
  });
  app.get('/wechat-api/sns/oauth2/refresh_token', (c) => {
    if (q(c, 'grant_type') !== 'refresh_token') return c.json(WECHAT_API_ERRORS.INVALID_GRANT_TYPE);
    return answer(c, () => oauth.refresh(q(c, 'appid'), q(c, 'refresh_token')));
  });
  app.get('/wechat-api/sns/userinfo', (c) => answer(c, () => oauth.userinfo(q(c, 'access_token'), q(c, 'openid'))));
  app.get('/wechat-api/sns/auth', (c) => answer(c, () => oauth.checkToken(q(c, 'access_token'), q(c, 'openid'))));
}
