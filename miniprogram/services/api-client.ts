/**
 * The mini-program's client for the developer's own server (the code2Session flow): logs in with
 * a `wx.login` code, attaches the access token to every request, refreshes it once when it has
 * expired (one refresh in flight however many requests wait), logs in again when the refresh is
 * refused, and logs out.
 *
 * Pure of `wx`: its I/O comes in through ApiDeps (see wx-api.ts for the real ones).
 *
 * @example
 *   const api = new ApiClient(createWxApiDeps(wx), 'https://api.example.com');
 *   const me = await api.request<{ user: User }>('GET', '/auth/me');
 */
import { errorBody, type ErrorBody } from '../shared/error-codes';
import type { User } from '../../typings/login';
import type { KeyValueStorage } from './auth';

export interface HttpResponse {
  statusCode: number;
  data: unknown;
}

export interface ApiDeps {
  /** Rejects only when no answer came back (network, timeout). */
  request(options: {
    url: string;
    method: 'GET' | 'POST';
    data?: unknown;
    header: Record<string, string>;
  }): Promise<HttpResponse>;
  /** A fresh login code from `wx.login`. */
  login(): Promise<string>;
  storage: KeyValueStorage;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

export interface LoginData extends StoredTokens {
  expiresIn: number;
  user: User;
  isNewUser: boolean;
}

export const TOKENS_KEY = 'api.tokens.v1';

/** Answers that say the access token will not do; anything else is the request's own answer. */
const STALE_TOKEN = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID']);

export class ApiClient {
  private refreshing: Promise<boolean> | null = null;
  private loggingIn: Promise<ApiResult<LoginData>> | null = null;

  constructor(
    private readonly deps: ApiDeps,
    private readonly baseUrl: string,
  ) {}

  /** Logs in with a new wx.login code; a call while one is in flight joins it. */
  login(): Promise<ApiResult<LoginData>> {
    this.loggingIn ??= this.runLogin().finally(() => (this.loggingIn = null));
    return this.loggingIn;
  }

  /** An authenticated request: logs in first if needed, refreshes or logs in again once if the token will not do. */
  async request<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<ApiResult<T>> {
    if (!this.tokens()) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    const sentWith = this.tokens()?.accessToken;
    const first = await this.send<T>(method, path, data, sentWith);
    if (first.ok || !STALE_TOKEN.has(first.error.code)) return first;
    if (!(await this.renew(sentWith))) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    return this.send<T>(method, path, data, this.tokens()?.accessToken);
  }

  /** Ends the session on the server (refreshing an expired access token first) and forgets the tokens. */
  async logout(): Promise<ApiResult<{ loggedOut: true }>> {
    const tokens = this.tokens();
    if (!tokens) return { ok: true, data: { loggedOut: true } };
    let answer = await this.send<{ loggedOut: true }>('POST', '/auth/logout', undefined, tokens.accessToken);
    if (!answer.ok && answer.error.code === 'TOKEN_EXPIRED' && (await this.renew(tokens.accessToken))) {
      answer = await this.send<{ loggedOut: true }>('POST', '/auth/logout', undefined, this.tokens()?.accessToken);
    }
    this.deps.storage.set(TOKENS_KEY, null);
    return answer;
  }

  tokens(): StoredTokens | null {
    const value = this.deps.storage.get(TOKENS_KEY) as Partial<StoredTokens> | null;
    return value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string'
      ? (value as StoredTokens)
      : null;
  }

  private async runLogin(): Promise<ApiResult<LoginData>> {
    let code: string;
    try {
      code = await this.deps.login();
    } catch (error) {
      return {
        ok: false,
        error: errorBody('NETWORK', `wx.login failed: ${(error as { errMsg?: string }).errMsg ?? String(error)}`),
      };
    }
    const answer = await this.send<LoginData>('POST', '/auth/login', { code });
    if (answer.ok) this.store(answer.data);
    return answer;
  }

  /**
   * One refresh for every request that found `staleToken` wanting: the first starts it, the others
   * wait for it; a request that comes after a newer token arrived does not refresh at all.
   */
  private renew(staleToken: string | undefined): Promise<boolean> {
    const current = this.tokens();
    if (current && current.accessToken !== staleToken) return Promise.resolve(true);
    this.refreshing ??= this.runRefresh(current).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async runRefresh(current: StoredTokens | null): Promise<boolean> {
    if (!current) return false;
    const answer = await this.send<LoginData>('POST', '/auth/refresh', { refreshToken: current.refreshToken });
    if (answer.ok) this.store(answer.data);
    else if (answer.error.code === 'REFRESH_TOKEN_INVALID') this.deps.storage.set(TOKENS_KEY, null);
    return answer.ok;
  }

  private store(tokens: StoredTokens): void {
    this.deps.storage.set(TOKENS_KEY, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    data: unknown,
    accessToken?: string,
  ): Promise<ApiResult<T>> {
    const header: Record<string, string> = { 'content-type': 'application/json' };
    if (accessToken) header.authorization = `Bearer ${accessToken}`;
    let response: HttpResponse;
    try {
      response = await this.deps.request({ url: `${this.baseUrl}${path}`, method, data, header });
    } catch (error) {
      return { ok: false, error: errorBody('NETWORK', (error as { errMsg?: string }).errMsg ?? String(error)) };
    }
    return asResult<T>(response);
  }
}

function asResult<T>(response: HttpResponse): ApiResult<T> {
  const body = response.data as { ok?: unknown; data?: unknown; error?: { code?: unknown } } | null;
  if (body && body.ok === true) return { ok: true, data: body.data as T };
  if (body && body.ok === false && typeof body.error?.code === 'string') return body as { ok: false; error: ErrorBody };
  return {
    ok: false,
    error: errorBody('FUNCTION_ERROR', `unexpected answer from the server (HTTP ${response.statusCode})`),
  };
}
