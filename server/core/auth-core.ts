/**
 * The developer's server's login, framework-free: `login(code)` exchanges a wx.login code with
 * WeChat, upserts the user through the same core as the cloud function, keeps the session_key
 * sealed in the session and answers tokens; `verify` checks an access token without touching the
 * database; `refresh`, `logout` and `decrypt` complete it. Every answer is `{ ok, data }` or
 * `{ ok: false, error }` from the shared error table; bad input writes nothing.
 *
 * @example
 *   const auth = createAuthCore(deps);
 *   const answer = await auth.login({ code });            // data: { accessToken, refreshToken, expiresIn, user, isNewUser }
 *   const who = await auth.verify(answer.data.accessToken); // data: { openid, appid, sid }
 */
import { z } from 'zod';
import { errorBody, type ErrorBody, type ErrorCode } from '../../miniprogram/shared/error-codes';
import { login as loginCore, type LoginDeps } from '../../core/login/login';
import {
  refreshSession,
  startSession,
  type SessionDeps,
  type SessionOwner,
  type TokenPair,
} from '../../core/sessions/sessions';
import { verifyAccessToken } from '../../core/tokens/access-token';
import { toUser } from '../../core/users/user-record';
import { formatZodError } from '../../typings/zod-messages';
import type { User } from '../../typings/login';
import { decryptOpenData } from './open-data';
import type { RateLimiter } from './rate-limit';
import type { Revocations } from './revocations';
import type { SessionKeyBox } from './session-key-box';
import type { Code2Session } from './wechat-api';

export type AuthAnswer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Who a verified request is from. `sid` is absent when 微信云托管's gateway vouched for the caller. */
export interface AuthUser {
  openid: string;
  appid: string;
  unionid?: string;
  sid?: string;
}

export interface AuthCoreDeps {
  appid: string;
  code2Session: Code2Session;
  sessions: SessionDeps;
  users: Omit<LoginDeps, 'now'>;
  box: SessionKeyBox;
  revocations: Revocations;
  loginLimiter: RateLimiter;
  log(message: string): void;
}

export interface AuthCore {
  login(
    body: unknown,
    client?: { address?: string },
  ): Promise<AuthAnswer<TokenPair & { user: User; isNewUser: boolean }>>;
  verify(accessToken: string | undefined): Promise<AuthAnswer<AuthUser>>;
  refresh(body: unknown): Promise<AuthAnswer<TokenPair>>;
  logout(accessToken: string | undefined): Promise<AuthAnswer<{ loggedOut: true }>>;
  me(user: AuthUser): Promise<AuthAnswer<{ user: User }>>;
  decrypt(user: AuthUser, body: unknown): Promise<AuthAnswer<Record<string, unknown>>>;
}

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
const LoginBody = z.strictObject({ code: printable(256) });
const RefreshBody = z.strictObject({ refreshToken: printable(256) });
const DecryptBody = z.strictObject({
  encryptedData: z
    .string()
    .min(1)
    .max(64 * 1024),
  iv: printable(64),
});

const fail = (code: ErrorCode, detail?: string): { ok: false; error: ErrorBody } => ({
  ok: false,
  error: errorBody(code, detail),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): { ok: true; data: T } | { ok: false; error: ErrorBody } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : fail('INVALID_ARGUMENT', formatZodError(parsed.error));
}

export function createAuthCore(deps: AuthCoreDeps): AuthCore {
  return {
    verify: (accessToken) => verify(deps, accessToken),
    login: (body, client = {}) => login(deps, body, client),
    refresh: (body) => refresh(deps, body),
    logout: (accessToken) => logout(deps, accessToken),
    me: (user) => me(deps, user),
    decrypt: (user, body) => decrypt(deps, user, body),
  };
}

async function verify(deps: AuthCoreDeps, accessToken: string | undefined): Promise<AuthAnswer<AuthUser>> {
  if (!accessToken) return fail('TOKEN_INVALID', 'no access token');
  const verified = await verifyAccessToken(deps.sessions.ring, accessToken, {
    appid: deps.appid,
    now: deps.sessions.now(),
  });
  if (!verified.ok) return fail(verified.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  const { openid, appid, unionid, sid } = verified.claims;
  if (deps.revocations.isRevoked(sid)) return fail('TOKEN_INVALID', 'logged out');
  return { ok: true, data: { openid, appid, sid, ...(unionid ? { unionid } : {}) } };
}

/** Exchanges the code with WeChat, upserts the user, then opens a session holding the sealed session_key. */
async function login(
  deps: AuthCoreDeps,
  body: unknown,
  client: { address?: string },
): Promise<AuthAnswer<TokenPair & { user: User; isNewUser: boolean }>> {
  const parsed = parse(LoginBody, body);
  if (!parsed.ok) return parsed;
  if (!deps.loginLimiter.take(client.address ?? 'unknown')) return fail('RATE_LIMITED');
  const exchanged = await deps.code2Session(parsed.data.code);
  if (!exchanged.ok) return fail(exchanged.code, exchanged.detail);
  const { openid, unionid, sessionKey } = exchanged.session;
  const context = { OPENID: openid, APPID: deps.appid, ...(unionid ? { UNIONID: unionid } : {}) };
  const result = await loginCore({ ...deps.users, now: () => deps.sessions.now() }, {}, context);
  if (!result.ok) return result;
  const tokens = await openSession(deps, { openid, appid: deps.appid, unionid }, sessionKey);
  return tokens.ok ? { ok: true, data: { ...tokens.data, ...result.data } } : tokens;
}

/** A session store failure answers UNAVAILABLE; its details go to the log only. */
async function openSession(
  deps: AuthCoreDeps,
  owner: SessionOwner,
  sessionKey: string,
): Promise<AuthAnswer<TokenPair>> {
  try {
    const tokens = await startSession(deps.sessions, owner, deps.box.seal(sessionKey));
    return {
      ok: true,
      data: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn },
    };
  } catch (error) {
    deps.log(`login: starting the session failed: ${(error as Error).message}`);
    return fail('UNAVAILABLE');
  }
}

async function refresh(deps: AuthCoreDeps, body: unknown): Promise<AuthAnswer<TokenPair>> {
  const parsed = parse(RefreshBody, body);
  if (!parsed.ok) return parsed;
  const refreshed = await refreshSession(deps.sessions, parsed.data.refreshToken);
  if (!refreshed.ok) {
    if (refreshed.reason === 'reused') deps.log(`refresh: a used refresh token came back; session revoked`);
    return fail('REFRESH_TOKEN_INVALID', refreshed.reason);
  }
  if (refreshed.session.appid !== deps.appid) return fail('REFRESH_TOKEN_INVALID', 'another app');
  return { ok: true, data: refreshed.tokens };
}

/** Revokes the token's session on this instance at once (until its access tokens expire) and in the store. */
async function logout(deps: AuthCoreDeps, accessToken: string | undefined): Promise<AuthAnswer<{ loggedOut: true }>> {
  const verified = await verify(deps, accessToken);
  if (!verified.ok) return verified;
  const sid = verified.data.sid;
  if (!sid) return fail('TOKEN_INVALID', 'no session to log out of');
  deps.revocations.revoke(sid, deps.sessions.now().getTime() + deps.sessions.accessTtlSeconds * 1000);
  await deps.sessions.store.revoke(sid, deps.sessions.now(), 'logout');
  return { ok: true, data: { loggedOut: true } };
}

async function me(deps: AuthCoreDeps, user: AuthUser): Promise<AuthAnswer<{ user: User }>> {
  const document = await deps.users.store.findUser(user.openid);
  return document ? { ok: true, data: { user: toUser(document) } } : fail('TOKEN_INVALID', 'no such user');
}

/** Decrypts open data (wx.getWeRunData, wx.getUserInfo ...) with the session_key sealed in the caller's own session. */
async function decrypt(
  deps: AuthCoreDeps,
  user: AuthUser,
  body: unknown,
): Promise<AuthAnswer<Record<string, unknown>>> {
  const parsed = parse(DecryptBody, body);
  if (!parsed.ok) return parsed;
  const session = user.sid ? await deps.sessions.store.find(user.sid) : null;
  if (!session || session.revoked || session.openid !== user.openid) return fail('TOKEN_INVALID', 'no session');
  const sessionKey = session.sealedSessionKey ? deps.box.open(session.sealedSessionKey) : null;
  if (!sessionKey) return fail('OPEN_DATA_INVALID', 'this session has no session_key (log in with a wx.login code)');
  const data = decryptOpenData(sessionKey, parsed.data.encryptedData, parsed.data.iv, deps.appid);
  return data ? { ok: true, data } : fail('OPEN_DATA_INVALID');
}
