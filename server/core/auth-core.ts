/**
 * The developer's server's login, framework-free: `login(code)` exchanges a wx.login code with
 * WeChat, upserts the user through the same core as the cloud function, keeps the session_key
 * sealed in the session and answers tokens; `verify` checks an access token without touching the
 * database; `refresh`, `logout` and `decrypt` complete it. Every answer is `{ ok, data }` or
 * `{ ok: false, error }` from the shared error table; bad input writes nothing. `loginWeb` signs in
 * from a 公众号 or website app (WX_APPS) with its 网页授权 code; every sign-in links the identity to
 * the person's account (core/accounts, docs/accounts.md) and answers its `accountId`.
 *
 * @example
 *   const auth = createAuthCore(deps);
 *   // data: { accessToken, refreshToken, expiresIn, user, isNewUser, accountId }
 *   const answer = await auth.login({ code });
 *   await auth.loginWeb({ appid: 'wx-web', code });       // the same answer for a 公众号 / website sign-in
 *   const who = await auth.verify(answer.data.accessToken); // data: { openid, appid, sid }
 */
import { z } from 'zod';
import { errorBody, type ErrorBody, type ErrorCode } from '../../miniprogram/shared/error-codes';
import { rememberAccount } from '../../core/accounts/account-for-login';
import { accountOf, linkAccount, type LinkAccountDeps } from '../../core/accounts/link-account';
import type { LoginDeps } from '../../core/login/login';
import { refreshSession, type SessionDeps, type TokenPair } from '../../core/sessions/sessions';
import { verifyAccessToken } from '../../core/tokens/access-token';
import { sessionIdOf } from '../../core/tokens/refresh-token';
import { toUser } from '../../core/users/user-record';
import { classifyDatabaseError, describeError } from '../../core/kit/database-errors';
import { StoreError } from '../../core/kit/store-error';
import { formatZodError } from '../../typings/zod-messages';
import type { User } from '../../typings/login';
import { decryptOpenData } from './open-data';
import type { RateLimiter } from './rate-limit';
import type { Revocations } from './revocations';
import type { SessionKeyBox } from './session-key-box';
import { signIn, type SignedIn } from './sign-in';
import type { Code2Session } from './wechat-api';
import type { ExchangeWebCode } from './web-oauth-api';

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
  accounts: LinkAccountDeps;
  /** The 公众号 and website apps (WX_APPS) whose 网页授权 codes loginWeb takes, by appid. */
  webApps: ReadonlyMap<string, ExchangeWebCode>;
  box: SessionKeyBox;
  revocations: Revocations;
  loginLimiter: RateLimiter;
  log(message: string): void;
}

export interface AuthCore {
  login(body: unknown, client?: { address?: string }): Promise<AuthAnswer<SignedIn>>;
  loginWeb(body: unknown, client?: { address?: string }): Promise<AuthAnswer<SignedIn>>;
  verify(accessToken: string | undefined): Promise<AuthAnswer<AuthUser>>;
  refresh(body: unknown): Promise<AuthAnswer<TokenPair>>;
  logout(accessToken: string | undefined): Promise<AuthAnswer<{ loggedOut: true }>>;
  me(user: AuthUser): Promise<AuthAnswer<{ user: User; accountId: string }>>;
  decrypt(user: AuthUser, body: unknown): Promise<AuthAnswer<Record<string, unknown>>>;
}

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
const LoginBody = z.strictObject({ code: printable(256) });
const WebLoginBody = z.strictObject({ appid: printable(64), code: printable(256) });
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
  const guard = guarded(deps.log);
  return {
    verify: (accessToken) => verify(deps, accessToken),
    login: (body, client = {}) => guard('login', () => login(deps, body, client)),
    loginWeb: (body, client = {}) => guard('loginWeb', () => loginWeb(deps, body, client)),
    refresh: (body) => guard('refresh', () => refresh(deps, body)),
    logout: (accessToken) => guard('logout', () => logout(deps, accessToken)),
    me: (user) => guard('me', () => me(deps, user)),
    decrypt: (user, body) => guard('decrypt', () => decrypt(deps, user, body)),
  };
}

/**
 * A thrown failure as the contract's answer: the database out of reach (or not answering) is
 * UNAVAILABLE, retryable, and changed nothing the caller relies on; anything else is INTERNAL.
 * The details go to the log only.
 */
function guarded(log: (message: string) => void) {
  return async <T>(what: string, run: () => Promise<AuthAnswer<T>>): Promise<AuthAnswer<T>> => {
    try {
      return await run();
    } catch (error) {
      const kind = error instanceof StoreError ? error.kind : classifyDatabaseError(error);
      log(
        `${what}: ${kind === 'transient' ? 'the database is unavailable' : 'internal error'}: ${describeError(error)}`,
      );
      return fail(kind === 'transient' ? 'UNAVAILABLE' : 'INTERNAL');
    }
  };
}

async function verify(deps: AuthCoreDeps, accessToken: string | undefined): Promise<AuthAnswer<AuthUser>> {
  if (!accessToken) return fail('TOKEN_INVALID', 'no access token');
  const verified = await verifyAccessToken(deps.sessions.ring, accessToken, {
    appid: appsOf(deps),
    now: deps.sessions.now(),
  });
  if (!verified.ok) return fail(verified.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  const { openid, appid, unionid, sid } = verified.claims;
  if (deps.revocations.isRevoked(sid)) return fail('TOKEN_INVALID', 'logged out');
  return { ok: true, data: { openid, appid, sid, ...(unionid ? { unionid } : {}) } };
}

/** Every app whose sessions this server keeps: the mini-program and the web apps. */
const appsOf = (deps: AuthCoreDeps) => [deps.appid, ...deps.webApps.keys()];

/** Exchanges the code with WeChat, then signs the person in with the session_key sealed in the session. */
async function login(deps: AuthCoreDeps, body: unknown, client: { address?: string }): Promise<AuthAnswer<SignedIn>> {
  const parsed = parse(LoginBody, body);
  if (!parsed.ok) return parsed;
  if (!deps.loginLimiter.take(client.address ?? 'unknown')) return fail('RATE_LIMITED');
  const exchanged = await deps.code2Session(parsed.data.code);
  if (!exchanged.ok) return fail(exchanged.code, exchanged.detail);
  const { openid, unionid, sessionKey } = exchanged.session;
  return signIn(deps, { appid: deps.appid, openid, sessionKey, ...(unionid ? { unionid } : {}) });
}

/** 公众号 web authorization or website QR sign-in: the 网页授权 code of one of WX_APPS. */
async function loginWeb(
  deps: AuthCoreDeps,
  body: unknown,
  client: { address?: string },
): Promise<AuthAnswer<SignedIn>> {
  const parsed = parse(WebLoginBody, body);
  if (!parsed.ok) return parsed;
  const exchange = deps.webApps.get(parsed.data.appid);
  if (!exchange)
    return fail(
      'INVALID_ARGUMENT',
      `appid ${parsed.data.appid} is not a 公众号 or website app of this server (WX_APPS)`,
    );
  if (!deps.loginLimiter.take(client.address ?? 'unknown')) return fail('RATE_LIMITED');
  const exchanged = await exchange(parsed.data.code);
  if (!exchanged.ok) return fail(exchanged.code, exchanged.detail);
  const { openid, unionid } = exchanged.identity;
  return signIn(deps, { appid: parsed.data.appid, openid, ...(unionid ? { unionid } : {}) });
}

async function refresh(deps: AuthCoreDeps, body: unknown): Promise<AuthAnswer<TokenPair>> {
  const parsed = parse(RefreshBody, body);
  if (!parsed.ok) return parsed;
  const refreshed = await refreshSession(deps.sessions, parsed.data.refreshToken);
  if (!refreshed.ok) {
    if (refreshed.reason === 'reused') {
      // Whoever holds the session's current tokens may be the thief: their access token stops here at once too, as on
      // logout.
      const sid = sessionIdOf(parsed.data.refreshToken);
      if (sid) revokeHere(deps, sid);
      deps.log(`refresh: a used refresh token came back; session revoked`);
    }
    return fail('REFRESH_TOKEN_INVALID', refreshed.reason);
  }
  if (!appsOf(deps).includes(refreshed.session.appid)) return fail('REFRESH_TOKEN_INVALID', 'another app');
  return { ok: true, data: refreshed.tokens };
}

/**
 * Revokes the token's session in the store, then on this instance at once (until its access tokens
 * expire). The store comes first: when it fails, nothing is revoked anywhere, the answer is
 * UNAVAILABLE and the same logout can be sent again (revoking is idempotent).
 */
async function logout(deps: AuthCoreDeps, accessToken: string | undefined): Promise<AuthAnswer<{ loggedOut: true }>> {
  const verified = await verify(deps, accessToken);
  if (!verified.ok) return verified;
  const sid = verified.data.sid;
  if (!sid) return fail('TOKEN_INVALID', 'no session to log out of');
  await deps.sessions.store.revoke(sid, deps.sessions.now(), 'logout');
  revokeHere(deps, sid);
  return { ok: true, data: { loggedOut: true } };
}

/** Refuses the session's access tokens on this instance until the last of them expires. */
function revokeHere(deps: AuthCoreDeps, sid: string): void {
  deps.revocations.revoke(sid, deps.sessions.now().getTime() + deps.sessions.accessTtlSeconds * 1000);
}

/**
 * The user of this identity and the account it belongs to now (an account may have been joined into another since the
 * token was issued).
 */
async function me(deps: AuthCoreDeps, user: AuthUser): Promise<AuthAnswer<{ user: User; accountId: string }>> {
  const [document, linked] = await Promise.all([
    deps.users.store.findUser(user.openid),
    accountOf(deps.accounts.store, user.appid, user.openid),
  ]);
  if (!document) return fail('TOKEN_INVALID', 'no such user');
  // A user who signed in before accounts existed (or through 云托管's headers) is linked on first sight.
  const accountId =
    linked ??
    (
      await linkAccount(deps.accounts, {
        appid: user.appid,
        openid: user.openid,
        ...(user.unionid ? { unionid: user.unionid } : {}),
      })
    ).accountId;
  return { ok: true, data: { user: toUser(document), accountId } };
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
  if (!data) return fail('OPEN_DATA_INVALID');
  // Decrypted user info may carry the UnionID the login did not: the identity's account joins it now.
  if (typeof data.unionId === 'string' && data.unionId) {
    const unionid = data.unionId;
    await linkAccount(deps.accounts, { appid: user.appid, openid: user.openid, unionid })
      .then(({ accountId }) =>
        rememberAccount({ ...deps.accounts, users: deps.users.store }, user.openid, accountId, unionid),
      )
      .catch((error: unknown) => deps.log(`decrypt: account not linked this time: ${String(error)}`));
  }
  return { ok: true, data };
}
