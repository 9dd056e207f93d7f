/** 网页授权 over HTTP: the pages, their form and redirect, the test endpoint and the sns/* API. */
import { useStartedEmulator } from '../../test-support/use-emulator';
import { startEmulator } from '../host/emulator';
import { personIdentity } from './oauth-state';
import { wechatService } from './service';

const apps = [
  { appid: 'MP', secret: 'S1', kind: 'miniprogram' as const },
  { appid: 'WEB', secret: 'S2', kind: 'mp' as const },
  { appid: 'SITE', secret: 'S3', kind: 'website' as const },
];
const started = useStartedEmulator(() =>
  startEmulator({ inMemory: true, port: 0, services: [wechatService({ apps })] }),
);
const base = () => started.emulator.baseUrl;

async function get(path: string, query: Record<string, string>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await (await fetch(`${base()}${path}?${new URLSearchParams(query)}`)).json()) as Record<string, any>;
}
const link = (path: string, query: Record<string, string>) =>
  `${base()}/wechat-open/connect/${path}?${new URLSearchParams({ response_type: 'code', state: 's1', ...query })}`;
const confirm = (form: Record<string, string>, origin = base()) =>
  fetch(`${base()}/wechat-open/connect/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(form),
  });

it('shows a Chinese page without script for a valid link, and WeChat’s error page for a bad one', async () => {
  const ok = await fetch(
    link('oauth2/authorize', { appid: 'WEB', redirect_uri: 'http://127.0.0.1:9/cb?x=1', scope: 'snsapi_userinfo' }),
  );
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  const text = await ok.text();
  expect(text).toContain('公众号网页授权');
  expect(text).not.toContain('<script');
  const xss = await fetch(
    link('oauth2/authorize', {
      appid: 'WEB',
      redirect_uri: 'http://127.0.0.1:9/"><script>alert(1)</script>',
      scope: 'snsapi_base',
    }),
  );
  expect(await xss.text()).not.toContain('<script>alert(1)');
  for (const [path, query] of [
    ['oauth2/authorize', { appid: 'WEB', redirect_uri: 'javascript:alert(1)', scope: 'snsapi_base' }],
    ['oauth2/authorize', { appid: 'WEB', redirect_uri: 'http://u:p@127.0.0.1/', scope: 'snsapi_base' }],
    ['oauth2/authorize', { appid: 'SITE', redirect_uri: 'http://127.0.0.1/', scope: 'snsapi_base' }],
    ['oauth2/authorize', { appid: 'WEB', redirect_uri: 'http://127.0.0.1/', scope: 'snsapi_login' }],
    ['qrconnect', { appid: 'WEB', redirect_uri: 'http://127.0.0.1/', scope: 'snsapi_login' }],
  ] as const) {
    expect((await fetch(link(path, query))).status).toBe(400);
  }
});

it(
  'redirects the confirmed form to redirect_uri with a code and the ' + 'state, and a refusal with the state only',
  async () => {
    const form = {
      appid: 'SITE',
      redirect_uri: 'http://127.0.0.1:9/cb?x=1',
      scope: 'snsapi_login',
      state: 'st-1',
      flow: 'qrconnect',
    };
    const allowed = await confirm({ ...form, person: 'alice', decision: 'allow' });
    expect(allowed.status).toBe(302);
    const target = new URL(allowed.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe('http://127.0.0.1:9/cb');
    expect(target.searchParams.get('x')).toBe('1');
    expect(target.searchParams.get('state')).toBe('st-1');
    const token = await get('/wechat-api/sns/oauth2/access_token', {
      appid: 'SITE',
      secret: 'S3',
      code: target.searchParams.get('code') ?? '',
      grant_type: 'authorization_code',
    });
    expect(token).toMatchObject(personIdentity('SITE', 'alice'));

    const denied = new URL(
      (await confirm({ ...form, known: 'alice', decision: 'deny' })).headers.get('location') ?? '',
    );
    expect([...denied.searchParams.keys()].sort()).toEqual(['state', 'x']);
    expect((await confirm({ ...form, redirect_uri: 'ftp://x/', person: 'alice' })).status).toBe(400);
    expect((await confirm({ ...form, person: 'alice' }, 'http://evil.example')).status).toBe(403);
    const page = await (
      await fetch(link('qrconnect', { appid: 'SITE', redirect_uri: 'http://127.0.0.1:9/', scope: 'snsapi_login' }))
    ).text();
    expect(page).toContain('value="alice"');
  },
);

it(
  'issues codes for tests, exchanged once through ' + 'sns/oauth2/access_token, then refreshed, checked and read',
  async () => {
    const issue = async (body: object) =>
      (
        await fetch(`${base()}/wechat/oauth-code`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const { code } = await issue({ appid: 'WEB', openid: 'o-web-1', unionid: 'u-1', scope: 'snsapi_userinfo' });
    const query = { appid: 'WEB', secret: 'S2', code, grant_type: 'authorization_code' };
    const token = await get('/wechat-api/sns/oauth2/access_token', query);
    expect(token).toMatchObject({ openid: 'o-web-1', unionid: 'u-1', scope: 'snsapi_userinfo', expires_in: 7200 });
    expect(await get('/wechat-api/sns/oauth2/access_token', query)).toEqual({
      errcode: 40163,
      errmsg: 'code been used',
    });
    expect(await get('/wechat-api/sns/oauth2/access_token', { ...query, grant_type: 'x' })).toMatchObject({
      errcode: 40002,
    });
    const refreshed = await get('/wechat-api/sns/oauth2/refresh_token', {
      appid: 'WEB',
      refresh_token: token.refresh_token,
      grant_type: 'refresh_token',
    });
    expect(refreshed).toMatchObject({ openid: 'o-web-1', refresh_token: token.refresh_token });
    expect(await get('/wechat-api/sns/auth', { access_token: refreshed.access_token, openid: 'o-web-1' })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(
      await get('/wechat-api/sns/userinfo', { access_token: refreshed.access_token, openid: 'o-web-1', lang: 'zh_CN' }),
    ).toMatchObject({ unionid: 'u-1' });
    expect(await issue({ appid: 'WEB', openid: 'o', scope: 'snsapi_login' })).toMatchObject({ errcode: 40097 });
    expect(await issue({ appid: 'WEB', openid: 'o' })).toMatchObject({ errcode: 40097 });
  },
);
