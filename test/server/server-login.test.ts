/**
 * The code2Session flow end to end: the mini-program's own API client on simulated phones, the
 * emulated WeChat, the real server over HTTP with its users and sessions on the emulated CloudBase
 * database through node-sdk.
 */
import { ACCESS_TTL_SECONDS, useAuthServer } from '../helpers/auth-server';

const auth = useAuthServer();
const ALICE = { OPENID: 'o-server-alice', UNIONID: 'u-server-alice' };
const BOB = { OPENID: 'o-server-bob' };

async function encryptedFor(user: { OPENID: string }, data: Record<string, unknown>) {
  const response = await fetch(`${auth.local.cloud.baseUrl}/wechat/encrypted-data`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: user.OPENID, appid: 'wx-demo-app', data }),
  });
  return (await response.json()) as { encryptedData: string; iv: string };
}

describe('code2Session login to the developer’s server', () => {
  it('logs in with wx.login, makes an authenticated request, keeps session_key out of every answer', async () => {
    const { api } = await auth.phone(ALICE);
    const login = await api.login();
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    // The phone's launch already logged alice in through the cloud function: one user, both paths.
    expect(login.data).toMatchObject({
      isNewUser: false,
      expiresIn: ACCESS_TTL_SECONDS,
      user: { openid: ALICE.OPENID, unionid: ALICE.UNIONID, loginCount: 2 },
    });
    expect(await api.request('GET', '/auth/me')).toMatchObject({
      ok: true,
      data: { user: { openid: ALICE.OPENID, loginCount: 2 } },
    });

    const sessionKey = auth.local.cloud.wechat.state.sessionKey('wx-demo-app', ALICE.OPENID) ?? '';
    expect(sessionKey).not.toBe('');
    const session = await auth.sessionOf(login.data.accessToken);
    expect(session).toMatchObject({ openid: ALICE.OPENID, appid: 'wx-demo-app', revoked: false });
    const everything = JSON.stringify([login, session, await auth.local.users(), auth.logs]);
    expect(everything).not.toContain(sessionKey);
    const payload = JSON.parse(Buffer.from(login.data.accessToken.split('.')[1] ?? '', 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub', 'unionid']);
  });

  it('verifies access tokens with no database read', async () => {
    const { api } = await auth.phone(BOB);
    await api.login();
    auth.local.cloud.resetStats();
    for (let i = 0; i < 5; i++)
      expect(await auth.get('/auth/me', { authorization: `Bearer ${api.tokens()?.accessToken}` })).toMatchObject({
        status: 200,
      });
    // /auth/me reads the user and the identity's account link (two reads each, at once); verifying the token itself
    // reads nothing.
    expect(auth.local.cloud.stats().total).toBe(10);
  });

  it('refreshes an expired access token once and goes on', async () => {
    const { api } = await auth.phone(ALICE);
    await api.login();
    const before = api.tokens();
    auth.clock.now += (ACCESS_TTL_SECONDS + 10) * 1000;
    expect(await auth.get('/auth/me', { authorization: `Bearer ${before?.accessToken}` })).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_EXPIRED' } },
    });
    const answers = await Promise.all([
      api.request('GET', '/auth/me'),
      api.request('GET', '/auth/me'),
      api.request('GET', '/auth/me'),
    ]);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(api.tokens()?.refreshToken).not.toBe(before?.refreshToken);
    expect((await auth.sessionOf(before?.accessToken))?.usedRefreshHashes).toHaveLength(1);
  });

  it('rotates the refresh token; a used one coming back revokes the session', async () => {
    const { api } = await auth.phone(ALICE);
    const first = await api.login();
    if (!first.ok) throw new Error('login failed');
    const second = await auth.post('/auth/refresh', { refreshToken: first.data.refreshToken });
    expect(second).toMatchObject({ status: 200, body: { ok: true, data: { expiresIn: ACCESS_TTL_SECONDS } } });
    expect(await auth.post('/auth/refresh', { refreshToken: first.data.refreshToken })).toMatchObject({
      status: 401,
      body: { error: { code: 'REFRESH_TOKEN_INVALID', retryable: false } },
    });
    expect(await auth.post('/auth/refresh', { refreshToken: second.body.data.refreshToken })).toMatchObject({
      status: 401,
    });
    expect(await auth.sessionOf(first.data.accessToken)).toMatchObject({ revoked: true, revokedBecause: 'reuse' });
    // Like a logout, the reuse also stops the session's access tokens on this server at once.
    for (const accessToken of [first.data.accessToken, second.body.data.accessToken]) {
      expect(await auth.get('/auth/me', { authorization: `Bearer ${accessToken}` })).toMatchObject({
        status: 401,
        body: { error: { code: 'TOKEN_INVALID' } },
      });
    }
  });

  it('logs out at once: the access token is refused before it expires, the refresh token too', async () => {
    const { api } = await auth.phone(BOB);
    await api.login();
    const tokens = api.tokens();
    expect(await api.logout()).toEqual({ ok: true, data: { loggedOut: true } });
    expect(api.tokens()).toBeNull();
    expect(await auth.get('/auth/me', { authorization: `Bearer ${tokens?.accessToken}` })).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_INVALID' } },
    });
    expect(await auth.post('/auth/refresh', { refreshToken: tokens?.refreshToken })).toMatchObject({ status: 401 });
    expect(await auth.sessionOf(tokens?.accessToken)).toMatchObject({ revoked: true, revokedBecause: 'logout' });
  });

  it('deleting the account revokes its server sessions: no refresh, no open data, no session_key kept', async () => {
    const { api } = await auth.phone(ALICE);
    await api.login();
    const tokens = api.tokens();
    const deleted = await auth.local.call(
      'deleteAccount',
      { confirm: true },
      { OPENID: ALICE.OPENID, APPID: 'wx-demo-app' },
    );
    expect(deleted).toMatchObject({ ok: true, result: { ok: true, data: { deleted: true } } });
    const session = await auth.sessionOf(tokens?.accessToken);
    expect(session).toMatchObject({ revoked: true, revokedBecause: 'account-deleted' });
    expect(session).not.toHaveProperty('sealedSessionKey');
    expect(await auth.post('/auth/refresh', { refreshToken: tokens?.refreshToken })).toMatchObject({
      status: 401,
      body: { error: { code: 'REFRESH_TOKEN_INVALID' } },
    });
    const sealed = await encryptedFor(ALICE, { stepInfoList: [] });
    expect(await auth.post('/auth/decrypt', sealed, { authorization: `Bearer ${tokens?.accessToken}` })).toMatchObject({
      status: 401,
      body: { ok: false },
    });
  });

  it('logs in again with wx.login when the refresh is refused', async () => {
    const { api } = await auth.phone(ALICE);
    await api.login();
    const tokens = api.tokens();
    await auth.post('/auth/logout', {}, { authorization: `Bearer ${tokens?.accessToken}` });
    expect(await api.request('GET', '/auth/me')).toMatchObject({ ok: true, data: { user: { openid: ALICE.OPENID } } });
    expect(api.tokens()?.refreshToken).not.toBe(tokens?.refreshToken);
    // The logged-out session no longer holds its session_key; the new one does.
    expect(await auth.serverSessions()).toHaveLength(1);
    expect(await auth.sessionOf(tokens?.accessToken)).toMatchObject({ revoked: true, revokedBecause: 'logout' });
  });

  it('refuses a replayed code, writing nothing', async () => {
    const { wx } = await auth.phone(BOB);
    const { code } = await wx.login();
    expect(await auth.post('/auth/login', { code })).toMatchObject({ status: 200 });
    const users = JSON.stringify(await auth.local.users());
    expect(await auth.post('/auth/login', { code })).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'LOGIN_CODE_INVALID', retryable: false } },
    });
    expect(JSON.stringify(await auth.local.users())).toBe(users);
    expect(await auth.serverSessions()).toHaveLength(1);
  });

  it('accepts the tokens the login cloud function issued, on the same users collection', async () => {
    const { launch } = await auth.phone(BOB);
    const answer = launch.calls.find((call) => call.name === 'login')?.answer as {
      ok: boolean;
      data: { accessToken: string; refreshToken: string; expiresIn: number };
    };
    expect(answer).toMatchObject({ ok: true, data: { expiresIn: 900 } });
    expect(await auth.get('/auth/me', { authorization: `Bearer ${answer.data.accessToken}` })).toMatchObject({
      status: 200,
      body: { data: { user: { openid: BOB.OPENID, loginCount: 1 } } },
    });
    const refreshed = await auth.post('/auth/refresh', { refreshToken: answer.data.refreshToken });
    expect(refreshed).toMatchObject({ status: 200, body: { ok: true } });
    // A function session has no session_key: open data goes through the cloud function (CloudID) instead.
    expect(
      await auth.post(
        '/auth/decrypt',
        { encryptedData: 'AAAA', iv: 'A'.repeat(24) },
        { authorization: `Bearer ${refreshed.body.data.accessToken}` },
      ),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'OPEN_DATA_INVALID' } },
    });
  });

  it('gives the phone wx.checkSession, wx.getWeRunData and wx.request over the emulated WeChat', async () => {
    const { wx, api } = await auth.phone({ OPENID: 'o-server-erin' });
    const phoneWx = wx as unknown as {
      checkSession(): Promise<unknown>;
      getWeRunData(): Promise<{ encryptedData: string; iv: string }>;
      request(o: object): Promise<unknown>;
    };
    await expect(phoneWx.checkSession()).rejects.toMatchObject({ errMsg: expect.stringMatching(/^checkSession:fail/) });
    await api.login();
    await expect(phoneWx.checkSession()).resolves.toEqual({ errMsg: 'checkSession:ok' });
    const werun = await phoneWx.getWeRunData();
    const decrypted = await api.request<{ stepInfoList: unknown[]; watermark: { appid: string } }>(
      'POST',
      '/auth/decrypt',
      { encryptedData: werun.encryptedData, iv: werun.iv },
    );
    expect(decrypted).toMatchObject({ ok: true, data: { watermark: { appid: 'wx-demo-app' } } });
    expect(decrypted.ok && decrypted.data.stepInfoList).toHaveLength(31);
    await expect(phoneWx.request({ url: 'https://example.com/' })).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^request:fail url not in domain list/),
    });
  });

  it('decrypts open data for its own user only, and not once the session_key has rotated', async () => {
    const alice = await auth.phone(ALICE);
    const bob = await auth.phone(BOB);
    await alice.api.login();
    await bob.api.login();
    const steps = { stepInfoList: [{ timestamp: 1_700_000_000, step: 8000 }] };
    const mine = await encryptedFor(ALICE, steps);
    expect(await alice.api.request('POST', '/auth/decrypt', mine)).toEqual({
      ok: true,
      data: { ...steps, watermark: { appid: 'wx-demo-app', timestamp: expect.any(Number) } },
    });
    const bobs = await encryptedFor(BOB, steps);
    expect(await alice.api.request('POST', '/auth/decrypt', bobs)).toMatchObject({
      ok: false,
      error: { code: 'OPEN_DATA_INVALID' },
    });
    await alice.wx.login(); // a new wx.login rotates alice's session_key; her server session still holds the old one
    expect(await alice.api.request('POST', '/auth/decrypt', await encryptedFor(ALICE, steps))).toMatchObject({
      ok: false,
      error: { code: 'OPEN_DATA_INVALID' },
    });
  });
});
