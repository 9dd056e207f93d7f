/**
 * The server with its database down, before a request reaches it and in the middle of one (the
 * write done, its answer lost): every route keeps the contract's `{ ok: false, error: { code:
 * 'UNAVAILABLE', retryable: true } }`, nothing is half done, and the same request sent again once
 * the database is back finishes the job.
 */
import { useAuthServer } from '../helpers/auth-server';

const auth = useAuthServer();
const ALICE = { OPENID: 'o-outage-alice' };
const UNAVAILABLE = { status: 503, body: { ok: false, error: { code: 'UNAVAILABLE', retryable: true } } };

afterEach(() => auth.local.cloud.clearFaults());

async function loggedIn() {
  const { api } = await auth.phone(ALICE);
  const login = await api.login();
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  return { api, tokens: login.data, bearer: { authorization: `Bearer ${login.data.accessToken}` } };
}

async function encrypted() {
  const response = await fetch(`${auth.local.cloud.baseUrl}/wechat/encrypted-data`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: ALICE.OPENID, appid: 'wx-demo-app', data: { stepInfoList: [] } }),
  });
  return (await response.json()) as { encryptedData: string; iv: string };
}

test.each(['reset', 'error'] as const)(
  'with the database unreachable (%s), every route answers UNAVAILABLE in JSON',
  async (kind) => {
    const { tokens, bearer } = await loggedIn();
    const sealed = await encrypted();
    auth.local.cloud.setFaults([{ kind }]);
    expect(await auth.get('/auth/me', bearer)).toMatchObject(UNAVAILABLE);
    expect(await auth.post('/auth/refresh', { refreshToken: tokens.refreshToken })).toMatchObject(UNAVAILABLE);
    expect(await auth.post('/auth/decrypt', sealed, bearer)).toMatchObject(UNAVAILABLE);
    expect(await auth.post('/auth/logout', {}, bearer)).toMatchObject(UNAVAILABLE);
    expect(auth.logs.join('\n')).toMatch(/the database is unavailable/);
    auth.local.cloud.clearFaults();
    // Nothing was half done: the session still works, and its refresh token was not used up.
    expect(await auth.get('/auth/me', bearer)).toMatchObject({ status: 200 });
    expect(await auth.post('/auth/refresh', { refreshToken: tokens.refreshToken })).toMatchObject({ status: 200 });
  },
);

test(
  'a logout the database could not record revokes nothing; the client ' +
    'keeps its tokens, sends it again and the session ends everywhere',
  async () => {
    const { api, tokens, bearer } = await loggedIn();
    auth.local.cloud.setFaults([{ kind: 'reset' }]);
    expect(await api.logout()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
    expect(api.tokens()).toMatchObject({ refreshToken: tokens.refreshToken });
    expect(await auth.sessionOf(tokens.accessToken).catch(() => undefined)).toBeUndefined();
    auth.local.cloud.clearFaults();
    expect(await auth.sessionOf(tokens.accessToken)).toMatchObject({ revoked: false });
    expect(await api.logout()).toEqual({ ok: true, data: { loggedOut: true } });
    expect(await auth.post('/auth/refresh', { refreshToken: tokens.refreshToken })).toMatchObject({
      status: 401,
      body: { error: { code: 'REFRESH_TOKEN_INVALID' } },
    });
    expect(await auth.get('/auth/me', bearer)).toMatchObject({ status: 401 });
  },
);

test(
  'a logout whose write landed but whose answer was lost (mid-request) ' + 'is finished by sending it again',
  async () => {
    const { tokens, bearer } = await loggedIn();
    auth.local.cloud.setFaults([{ kind: 'reset', actions: ['database.modifyDocument'], when: 'after' }]);
    expect(await auth.post('/auth/logout', {}, bearer)).toMatchObject(UNAVAILABLE);
    auth.local.cloud.clearFaults();
    expect(await auth.sessionOf(tokens.accessToken)).toMatchObject({ revoked: true, revokedBecause: 'logout' });
    expect(await auth.post('/auth/logout', {}, bearer)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await auth.post('/auth/refresh', { refreshToken: tokens.refreshToken })).toMatchObject({ status: 401 });
  },
);

test('a login with the database down answers UNAVAILABLE and opens no session; the next login works', async () => {
  const { wx } = await auth.phone(ALICE);
  const before = (await auth.sessions()).length;
  auth.local.cloud.setFaults([{ kind: 'reset' }]);
  const { code } = await wx.login();
  expect(await auth.post('/auth/login', { code })).toMatchObject(UNAVAILABLE);
  auth.local.cloud.clearFaults();
  expect(await auth.sessions()).toHaveLength(before);
  const again = await wx.login();
  expect(await auth.post('/auth/login', { code: again.code })).toMatchObject({ status: 200 });
});
