/**
 * Every bad input of the code2Session flow against the real server and the emulated WeChat: a
 * clear, stable code from the shared error table, the right HTTP status, and nothing written.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { ACCESS_TTL_SECONDS, OTHER_APP, TOKEN_SECRET, useAuthServer } from '../helpers/auth-server';
import { LOGIN_CODE_TTL_MS } from '../../packages/wxcloud/src/wechat/limits';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/start-server';

/** The environment a config was loaded from (enough of it to load it again with changes). */
function envOf(config: ServerConfig): Record<string, string> {
  return {
    WX_APPID: config.WX_APPID,
    WX_APPSECRET: config.WX_APPSECRET,
    WX_API_BASE: config.WX_API_BASE,
    AUTH_TOKEN_SECRET: config.AUTH_TOKEN_SECRET,
    CLOUDBASE_ENV_ID: config.CLOUDBASE_ENV_ID ?? '',
  };
}

const auth = useAuthServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '8' });
const CAROL = { OPENID: 'o-bad-carol' };

async function codeFor(openid: string, appid = 'wx-demo-app'): Promise<string> {
  const response = await fetch(`${auth.local.cloud.baseUrl}/wechat/login-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, appid }),
  });
  return ((await response.json()) as { code: string }).code;
}

/** What the database holds: must not change on bad input. */
async function written(): Promise<string> {
  return JSON.stringify([await auth.local.users(), await auth.sessions()]);
}

async function signedToken(
  claims: { sub: string; aud: string; sid: string },
  options: { secret?: string; kid?: string; expiresAt?: number } = {},
) {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256', kid: options.kid ?? 'k1' })
    .setIssuer('wx-cloud-login')
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(options.secret ?? TOKEN_SECRET));
}

describe('bad input to the server', () => {
  it('refuses expired, foreign and unknown codes with LOGIN_CODE_INVALID, writing nothing', async () => {
    const before = await written();
    const expired = await codeFor(CAROL.OPENID);
    // The emulated WeChat and the server share the test clock.
    auth.clock.now += LOGIN_CODE_TTL_MS + 1000;
    const foreign = await codeFor(CAROL.OPENID, OTHER_APP.appid);
    for (const code of [expired, foreign, 'no-such-code']) {
      expect(await auth.post('/auth/login', { code })).toMatchObject({
        status: 400,
        body: { ok: false, error: { code: 'LOGIN_CODE_INVALID', retryable: false } },
      });
    }
    expect(await written()).toBe(before);
  });

  it('refuses malformed bodies with INVALID_ARGUMENT', async () => {
    const cases: Array<[unknown, Record<string, string>, number]> = [
      ['{not json', {}, 400],
      [{ code: 'abc', extra: 1 }, {}, 400],
      [{ code: '' }, {}, 400],
      [{ code: 42 }, {}, 400],
      [{ code: 'abc' }, { 'content-type': 'text/plain' }, 415],
      [{ code: 'x'.repeat(70_000) }, {}, 413],
    ];
    for (const [body, headers, status] of cases) {
      expect(await auth.post('/auth/login', body, headers)).toMatchObject({
        status,
        body: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
      });
    }
    expect(await auth.post('/auth/refresh', { refreshToken: 'garbage token' })).toMatchObject({ status: 400 });
    expect(await auth.post('/auth/refresh', { refreshToken: `${'A'.repeat(24)}.${'B'.repeat(43)}` })).toMatchObject({
      status: 401,
      body: { error: { code: 'REFRESH_TOKEN_INVALID' } },
    });
    expect(await written()).toBe('[[],[]]');
  });

  it('refuses missing, forged, tampered, expired, alg:none, unknown-key and other-app tokens with 401', async () => {
    const login = await auth.post('/auth/login', { code: await codeFor(CAROL.OPENID) });
    const token: string = login.body.data.accessToken;
    const sid = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sid as string;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'o-mallory' })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    const none = new UnsecuredJWT({ sid })
      .setIssuer('wx-cloud-login')
      .setSubject('o-mallory')
      .setAudience('wx-demo-app')
      .setExpirationTime('1h')
      .encode();
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'TOKEN_INVALID'],
      ['not.a.jwt', 'TOKEN_INVALID'],
      [tampered, 'TOKEN_INVALID'],
      [none, 'TOKEN_INVALID'],
      [await signedToken({ sub: CAROL.OPENID, aud: 'wx-demo-app', sid }, { secret: 'f'.repeat(40) }), 'TOKEN_INVALID'],
      [await signedToken({ sub: CAROL.OPENID, aud: 'wx-demo-app', sid }, { kid: 'k9' }), 'TOKEN_INVALID'],
      [await signedToken({ sub: CAROL.OPENID, aud: OTHER_APP.appid, sid }), 'TOKEN_INVALID'],
      [
        await signedToken(
          { sub: CAROL.OPENID, aud: 'wx-demo-app', sid },
          { expiresAt: Math.floor(Date.now() / 1000) - ACCESS_TTL_SECONDS },
        ),
        'TOKEN_EXPIRED',
      ],
    ];
    const before = await written();
    for (const [candidate, code] of cases) {
      const headers: Record<string, string> = candidate ? { authorization: `Bearer ${candidate}` } : {};
      expect({ candidate, answer: await auth.get('/auth/me', headers) }).toMatchObject({
        answer: { status: 401, body: { ok: false, error: { code } } },
      });
      expect(await auth.post('/auth/logout', {}, headers)).toMatchObject({ status: 401 });
    }
    expect(await written()).toBe(before);
    expect(await auth.get('/auth/me', { authorization: `Bearer ${token}` })).toMatchObject({ status: 200 });
  });

  it('ignores 微信云托管’s X-WX-OPENID header unless trusted', async () => {
    expect(await auth.get('/auth/me', { 'x-wx-openid': CAROL.OPENID, 'x-wx-appid': 'wx-demo-app' })).toMatchObject({
      status: 401,
    });
  });

  it('answers WeChat being busy as WECHAT_UNAVAILABLE, retryable', async () => {
    auth.local.cloud.wechat.state.answerBusy(1);
    expect(await auth.post('/auth/login', { code: await codeFor(CAROL.OPENID) })).toMatchObject({
      status: 503,
      body: { error: { code: 'WECHAT_UNAVAILABLE', retryable: true } },
    });
    expect(await written()).toBe('[[],[]]');
  });

  it('rate-limits /auth/login per client', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await auth.post('/auth/login', { code: `unknown-${i}` })).status);
    expect(answers.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(await auth.post('/auth/login', { code: 'one-more' })).toMatchObject({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', retryable: true } },
    });
  });

  it('behind a trusted proxy, limits by the address the proxy appended, not by one the client wrote', async () => {
    const proxied = await startServer(
      loadConfig({ ...envOf(auth.config), TRUST_PROXY: '1', LOGIN_RATE_LIMIT_PER_MINUTE: '8', PORT: '0' }),
      { log: () => undefined },
    );
    try {
      const login = (forwardedFor: string) =>
        fetch(`${proxied.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ code: 'unknown' }),
        });
      const statuses = [];
      // One client forging a new first entry each time; the proxy appends its real address last.
      for (let i = 0; i < 10; i++) statuses.push((await login(`198.51.100.${i}, 203.0.113.7`)).status);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
      expect((await login('203.0.113.8')).status).not.toBe(429);
    } finally {
      await proxied.stop();
    }
  });

  it('answers a wrong AppSecret as INTERNAL to the user, with the cause in the log only', async () => {
    const logs: string[] = [];
    const misconfigured = await startServer(
      loadConfig({ ...envOf(auth.config), WX_APPSECRET: 'not-the-secret', PORT: '0' }),
      { log: (line) => logs.push(line) },
    );
    try {
      const response = await fetch(`${misconfigured.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: await codeFor(CAROL.OPENID) }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: false } });
      expect(logs.join('\n')).toMatch(/40125.*WX_APPSECRET/);
      expect(logs.join('\n')).not.toContain('not-the-secret');
    } finally {
      await misconfigured.stop();
    }
  });

  it('trusts 微信云托管’s headers only when told to', async () => {
    const trusting = await startServer(
      loadConfig({ ...envOf(auth.config), TRUST_CLOUD_RUN_HEADERS: 'true', PORT: '0' }),
    );
    try {
      const login = await fetch(`${trusting.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: await codeFor(CAROL.OPENID) }),
      });
      expect(login.status).toBe(200);
      const response = await fetch(`${trusting.url}/auth/me`, {
        headers: { 'x-wx-openid': CAROL.OPENID, 'x-wx-appid': 'wx-demo-app' },
      });
      expect(await response.json()).toMatchObject({ ok: true, data: { user: { openid: CAROL.OPENID } } });
    } finally {
      await trusting.stop();
    }
  });

  it('refuses a browser origin it was not told to allow', async () => {
    expect(await auth.post('/auth/login', { code: 'abc' }, { origin: 'https://evil.example' })).toMatchObject({
      status: 403,
    });
  });
});
