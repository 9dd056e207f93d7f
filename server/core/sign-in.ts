/**
 * One sign-in, whichever way the person came (mini-program code2Session, 公众号 web authorization,
 * website QR sign-in): count the login on the user of this (appid, openid) through the same core
 * as the cloud function, link the identity to the person's account, open a session.
 */
import { accountForLogin, newUserAccounts } from '../../core/accounts/account-for-login';
import type { LinkAccountDeps } from '../../core/accounts/link-account';
import { failureBody } from '../../core/kit/answers';
import { errorBody, type ErrorBody } from '../../miniprogram/shared/error-codes';
import { login as loginCore, type LoginDeps } from '../../core/login/login';
import { startSession, type SessionDeps, type TokenPair } from '../../core/sessions/sessions';
import type { User } from '../../typings/login';
import type { SessionKeyBox } from './session-key-box';

export interface SignedIn extends TokenPair {
  user: User;
  isNewUser: boolean;
  /** The person's account across the developer's apps (docs/accounts.md). */
  accountId: string;
}

export interface SignInDeps {
  sessions: SessionDeps;
  users: Omit<LoginDeps, 'now'>;
  accounts: LinkAccountDeps;
  box: SessionKeyBox;
  log(message: string): void;
}

export interface SignInIdentity {
  appid: string;
  openid: string;
  unionid?: string;
  /** Only a mini-program login has one; it is sealed into the session at once. */
  sessionKey?: string;
}

export async function signIn(
  deps: SignInDeps,
  identity: SignInIdentity,
): Promise<{ ok: true; data: SignedIn } | { ok: false; error: ErrorBody }> {
  const { appid, openid, unionid } = identity;
  const context = { OPENID: openid, APPID: appid, ...(unionid ? { UNIONID: unionid } : {}) };
  const accounts = { ...deps.accounts, users: deps.users.store };
  const result = await loginCore(
    { ...deps.users, now: () => deps.sessions.now(), newUserAccounts: newUserAccounts(accounts) },
    {},
    context,
  );
  if (!result.ok) return result;
  let accountId: string;
  try {
    accountId = await accountForLogin(accounts, result.data);
  } catch (error) {
    return { ok: false, error: failureBody('sign-in: linking the account', error, deps.log) };
  }
  try {
    const sealed = identity.sessionKey ? deps.box.seal(identity.sessionKey) : undefined;
    const tokens = await startSession(deps.sessions, { openid, appid, unionid }, sealed);
    return {
      ok: true,
      data: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresIn: tokens.expiresIn,
        ...result.data,
        accountId,
      },
    };
  } catch (error) {
    // A session store failure answers UNAVAILABLE; its details go to the log only.
    deps.log(`login: starting the session failed: ${(error as Error).message}`);
    return { ok: false, error: errorBody('UNAVAILABLE') };
  }
}
