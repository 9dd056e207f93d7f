import { ApiClient, TOKENS_KEY, type ApiDeps, type HttpResponse } from './api-client';

type Handler = (options: { url: string; data?: unknown; header: Record<string, string> }) => HttpResponse;

const USER = {
  openid: 'o-alice',
  appid: 'wx-app',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: '2026-01-01T00:00:00.000Z',
  loginCount: 1,
};
const ok = (data: unknown): HttpResponse => ({ statusCode: 200, data: { ok: true, data } });
const fail = (statusCode: number, code: string): HttpResponse => ({
  statusCode,
  data: { ok: false, error: { code, message: code, retryable: false } },
});

/** A scripted server: tokens numbered as issued; `valid` is the set of access tokens it accepts. */
function fakeServer() {
  let issued = 0;
  const valid = new Set<string>();
  const refreshable = new Set<string>();
  const hits: string[] = [];
  let codes = 0;
  const pair = () => {
    issued++;
    valid.add(`a${issued}`);
    refreshable.add(`r${issued}`);
    return {
      accessToken: `a${issued}`,
      refreshToken: `r${issued}`,
      expiresIn: 60,
      user: USER,
      isNewUser: issued === 1,
    };
  };
  const routes: Record<string, Handler> = {
    '/auth/login': () => ok(pair()),
    '/auth/refresh': ({ data }) => {
      const token = (data as { refreshToken: string }).refreshToken;
      if (!refreshable.delete(token)) return fail(401, 'REFRESH_TOKEN_INVALID');
      return ok(pair());
    },
    '/auth/me': ({ header }) =>
      valid.has(header.authorization?.slice(7) ?? '') ? ok({ user: USER }) : fail(401, 'TOKEN_EXPIRED'),
    '/auth/logout': () => ok({ loggedOut: true }),
  };
  const storage = new Map<string, unknown>();
  const deps: ApiDeps = {
    request: async (options) => {
      const path = options.url.replace('https://api.test', '');
      hits.push(path);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return routes[path]?.(options) ?? fail(404, 'INVALID_ARGUMENT');
    },
    login: async () => `code-${++codes}`,
    storage: { get: (key) => storage.get(key) ?? null, set: (key, value) => void storage.set(key, value) },
  };
  return { deps, hits, valid, refreshable, storage, codes: () => codes };
}

describe('ApiClient', () => {
  it('logs in with a wx.login code on the first request, then attaches the token', async () => {
    const server = fakeServer();
    const api = new ApiClient(server.deps, 'https://api.test');
    expect(await api.request('GET', '/auth/me')).toEqual({ ok: true, data: { user: USER } });
    expect(server.hits).toEqual(['/auth/login', '/auth/me']);
    expect(server.storage.get(TOKENS_KEY)).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
  });

  it('refreshes once for many requests that find the token expired, and retries each', async () => {
    const server = fakeServer();
    const api = new ApiClient(server.deps, 'https://api.test');
    await api.login();
    server.valid.clear();
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.request('GET', '/auth/me')));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(server.hits.filter((hit) => hit === '/auth/refresh')).toHaveLength(1);
    expect(api.tokens()).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('logs in again with wx.login when the refresh is refused', async () => {
    const server = fakeServer();
    const api = new ApiClient(server.deps, 'https://api.test');
    await api.login();
    server.valid.clear();
    server.refreshable.clear();
    expect(await api.request('GET', '/auth/me')).toMatchObject({ ok: true });
    expect(server.hits).toEqual(['/auth/login', '/auth/me', '/auth/refresh', '/auth/login', '/auth/me']);
    expect(server.codes()).toBe(2);
  });

  it('logs out: tells the server, forgets the tokens', async () => {
    const server = fakeServer();
    const api = new ApiClient(server.deps, 'https://api.test');
    await api.login();
    expect(await api.logout()).toEqual({ ok: true, data: { loggedOut: true } });
    expect(api.tokens()).toBeNull();
    expect(server.hits.at(-1)).toBe('/auth/logout');
  });

  it('refreshes an expired access token to log out, so the server ends the session', async () => {
    const server = fakeServer();
    const api = new ApiClient(server.deps, 'https://api.test');
    await api.login();
    server.valid.clear();
    let logouts = 0;
    const request: ApiDeps['request'] = async (options) => {
      if (!options.url.endsWith('/auth/logout')) return server.deps.request(options);
      logouts++;
      return server.valid.has(options.header.authorization?.slice(7) ?? '')
        ? ok({ loggedOut: true })
        : fail(401, 'TOKEN_EXPIRED');
    };
    const deps = { ...server.deps, request };
    const client = new ApiClient(deps, 'https://api.test');
    expect(await client.logout()).toEqual({ ok: true, data: { loggedOut: true } });
    expect(logouts).toBe(2);
    expect(server.hits).toContain('/auth/refresh');
    expect(client.tokens()).toBeNull();
  });

  it('answers NETWORK when no answer comes back, and a clear error for an unexpected body', async () => {
    const server = fakeServer();
    const offline = new ApiClient(
      { ...server.deps, request: async () => Promise.reject({ errMsg: 'request:fail timeout' }) },
      'https://api.test',
    );
    expect(await offline.login()).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
    const odd = new ApiClient(
      { ...server.deps, request: async () => ({ statusCode: 502, data: '<html>' }) },
      'https://api.test',
    );
    expect(await odd.login()).toMatchObject({ ok: false, error: { code: 'FUNCTION_ERROR' } });
  });
});
