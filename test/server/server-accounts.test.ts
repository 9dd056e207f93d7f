/**
 * One person, one account across the developer's apps, end to end: the emulator knows a
 * mini-program, a 公众号 and a website of one Open Platform account; the real server, given WX_APPS,
 * signs people in through /auth/login and /auth/wechat-web and links them on the emulated database.
 */
import { useAuthServer } from '../helpers/auth-server';

const APPS = [
  { appid: 'MP', secret: 'S1', kind: 'miniprogram' as const },
  { appid: 'WEB', secret: 'S2', kind: 'mp' as const },
  { appid: 'SITE', secret: 'S3', kind: 'website' as const },
];
const auth = useAuthServer(
  {
    WX_APPID: 'MP',
    WX_APPSECRET: 'S1',
    WX_APPS: 'MP:S1:miniprogram,WEB:S2:mp,SITE:S3:website',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  },
  APPS,
);

async function emulator(path: string, body: object): Promise<{ code: string }> {
  const response = await fetch(`${auth.local.cloud.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { code: string };
}
const miniProgramCode = (openid: string, unionid?: string) =>
  emulator('/wechat/login-code', { appid: 'MP', openid, ...(unionid ? { unionid } : {}) });
const webCode = (appid: string, openid: string, scope: string, unionid?: string) =>
  emulator('/wechat/oauth-code', { appid, openid, scope, ...(unionid ? { unionid } : {}) });

async function signInMiniProgram(openid: string, unionid?: string) {
  return auth.post('/auth/login', { code: (await miniProgramCode(openid, unionid)).code });
}
async function signInWeb(appid: string, openid: string, scope: string, unionid?: string) {
  return auth.post('/auth/wechat-web', { appid, code: (await webCode(appid, openid, scope, unionid)).code });
}

it(
  'gives one UnionID one account through the mini-program, the 公众号 and ' + 'the website; another UnionID another',
  async () => {
    const mini = await signInMiniProgram('o-mp-alice', 'u-alice');
    expect(mini).toMatchObject({
      status: 200,
      body: {
        ok: true,
        data: { isNewUser: true, accountId: expect.any(String), user: { appid: 'MP', openid: 'o-mp-alice' } },
      },
    });
    const accountId = mini.body.data.accountId;
    const web = await signInWeb('WEB', 'o-web-alice', 'snsapi_userinfo', 'u-alice');
    expect(web).toMatchObject({
      status: 200,
      body: { data: { accountId, isNewUser: true, user: { appid: 'WEB', openid: 'o-web-alice', unionid: 'u-alice' } } },
    });
    const site = await signInWeb('SITE', 'o-site-alice', 'snsapi_login', 'u-alice');
    expect(site.body.data.accountId).toBe(accountId);
    expect(await auth.get('/auth/me', { authorization: `Bearer ${site.body.data.accessToken}` })).toMatchObject({
      status: 200,
      body: { data: { accountId, user: { openid: 'o-site-alice' } } },
    });

    const bob = await signInWeb('SITE', 'o-site-bob', 'snsapi_login', 'u-bob');
    expect(bob.body.data.accountId).not.toBe(accountId);
    // The users collection stays keyed by OPENID: one document per identity.
    expect((await auth.local.users()).map((user) => user._id).sort()).toEqual([
      'o-mp-alice',
      'o-site-alice',
      'o-site-bob',
      'o-web-alice',
    ]);
  },
);

it('keeps the accountId of an identity first seen without a UnionID, and the web sign-in joins it', async () => {
  const bare = await signInMiniProgram('o-mp-carol');
  const accountId = bare.body.data.accountId;
  const again = await signInMiniProgram('o-mp-carol', 'u-carol');
  expect(again.body.data).toMatchObject({ accountId, user: { loginCount: 2, unionid: 'u-carol' } });
  expect((await signInWeb('WEB', 'o-web-carol', 'snsapi_userinfo', 'u-carol')).body.data.accountId).toBe(accountId);
});

it('joins a 静默授权 (snsapi_base, no UnionID) account once the UnionID appears, logging the join', async () => {
  const silent = await signInWeb('WEB', 'o-web-dan', 'snsapi_base', 'u-dan'); // WeChat gives no UnionID to snsapi_base
  expect(silent.body.data.user).not.toHaveProperty('unionid');
  const mini = await signInMiniProgram('o-mp-dan', 'u-dan');
  expect(mini.body.data.accountId).not.toBe(silent.body.data.accountId);
  const userinfo = await signInWeb('WEB', 'o-web-dan', 'snsapi_userinfo', 'u-dan');
  expect(userinfo.body.data).toMatchObject({ accountId: mini.body.data.accountId, user: { loginCount: 2 } });
  expect(auth.logs).toEqual([
    expect.stringMatching(new RegExp(`joined account ${silent.body.data.accountId} into ${mini.body.data.accountId}`)),
  ]);
  // The older token still works and /auth/me answers the account the identity belongs to now.
  expect(await auth.get('/auth/me', { authorization: `Bearer ${silent.body.data.accessToken}` })).toMatchObject({
    body: { data: { accountId: mini.body.data.accountId } },
  });
});

it(
  'refuses a web code used twice, a code of another app, an unknown ' + 'app, and a mini-program code on the web route',
  async () => {
    const { code } = await webCode('WEB', 'o-web-erin', 'snsapi_base');
    expect(await auth.post('/auth/wechat-web', { appid: 'WEB', code })).toMatchObject({ status: 200 });
    expect(await auth.post('/auth/wechat-web', { appid: 'WEB', code })).toMatchObject({
      status: 400,
      body: { error: { code: 'LOGIN_CODE_INVALID' } },
    });
    expect(
      await auth.post('/auth/wechat-web', {
        appid: 'SITE',
        code: (await webCode('WEB', 'o-web-erin', 'snsapi_base')).code,
      }),
    ).toMatchObject({ status: 400, body: { error: { code: 'LOGIN_CODE_INVALID' } } });
    expect(await auth.post('/auth/wechat-web', { appid: 'NOPE', code: 'x' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT' } },
    });
    expect(
      await auth.post('/auth/wechat-web', { appid: 'MP', code: (await miniProgramCode('o-mp-erin')).code }),
    ).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    expect(await auth.post('/auth/wechat-web', { appid: 'WEB' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT' } },
    });
  },
);

it('settles many concurrent first sign-ins of one person from the three apps on one account', async () => {
  const answers = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? signInMiniProgram(`o-mp-fay`, 'u-fay')
        : i % 3 === 1
          ? signInWeb('WEB', 'o-web-fay', 'snsapi_userinfo', 'u-fay')
          : signInWeb('SITE', 'o-site-fay', 'snsapi_login', 'u-fay'),
    ),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  const accountIds = new Set(answers.map((answer) => answer.body.data.accountId));
  expect(accountIds.size).toBe(1);
  const links = await auth.local.documents('account_links');
  const fays = links.filter((link) => link._id === 'unionid:u-fay' || String(link.openid).endsWith('-fay'));
  expect(fays).toHaveLength(4); // the UnionID and the three identities
  expect(new Set(fays.map((link) => link.accountId))).toEqual(accountIds);
});

it(
  'links the cloud function’s login to the same account as the server’s ' + 'sign-ins (users stay keyed by OPENID)',
  async () => {
    const answer = await auth.local.call('login', {}, { OPENID: 'o-mp-gina', APPID: 'MP', UNIONID: 'u-gina' });
    const result = answer.ok ? (answer.result as { ok: boolean; data: { accountId: string } }) : undefined;
    expect(result).toMatchObject({ ok: true, data: { accountId: expect.any(String) } });
    expect((await signInWeb('SITE', 'o-site-gina', 'snsapi_login', 'u-gina')).body.data.accountId).toBe(
      result?.data.accountId,
    );
    expect((await signInMiniProgram('o-mp-gina', 'u-gina')).body.data).toMatchObject({
      accountId: result?.data.accountId,
      user: { loginCount: 2 },
    });
    expect((await auth.local.users()).find((user) => user._id === 'o-mp-gina')).toMatchObject({
      _openid: 'o-mp-gina',
      loginCount: 2,
    });
  },
);

it('joins the account when decrypted user data brings the UnionID the login did not have', async () => {
  const bare = await signInMiniProgram('o-mp-hal');
  const encrypted = await fetch(`${auth.local.cloud.baseUrl}/wechat/encrypted-data`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      appid: 'MP',
      openid: 'o-mp-hal',
      data: { openId: 'o-mp-hal', unionId: 'u-hal', nickName: '微信用户' },
    }),
  });
  const decrypted = await auth.post('/auth/decrypt', await encrypted.json(), {
    authorization: `Bearer ${bare.body.data.accessToken}`,
  });
  expect(decrypted).toMatchObject({ status: 200, body: { data: { unionId: 'u-hal' } } });
  expect((await signInWeb('WEB', 'o-web-hal', 'snsapi_userinfo', 'u-hal')).body.data.accountId).toBe(
    bare.body.data.accountId,
  );
});
