/**
 * The account of a counted login, shared by the `login` cloud function and the developer's server.
 * A returning login whose users document remembers its account (linked with the UnionID it has
 * now) answers that at no cost; otherwise the identity is linked (link-account.ts) and the users
 * document remembers the result, so the next login is one request again.
 */
import type { User } from '../../typings/login';
import type { NewUserAccounts } from '../login/login';
import type { UsersStore } from '../users/users-store';
import { ownAccountId } from './account-record';
import { linkAccount, type LinkAccountDeps } from './link-account';

/**
 * Linking beside a first login's insert (LoginDeps.newUserAccounts). An identity without a UnionID expects its own
 * account; one with a UnionID may join the account holding it, so it is linked after the login, by accountForLogin.
 */
export function newUserAccounts(deps: LinkAccountDeps): NewUserAccounts {
  return {
    expected: (caller) => (caller.unionid ? undefined : { id: ownAccountId(caller) }),
    link: async ({ appid, openid }) => (await linkAccount(deps, { appid, openid })).accountId,
  };
}

export async function accountForLogin(
  deps: LinkAccountDeps & { users: UsersStore },
  login: { user: User; accountId?: string },
): Promise<string> {
  if (login.accountId) return login.accountId;
  const { openid, appid, unionid } = login.user;
  const { accountId } = await linkAccount(deps, { openid, appid, ...(unionid ? { unionid } : {}) });
  await rememberAccount(deps, openid, accountId, unionid);
  return accountId;
}

/** Best effort: the links are the truth, and a login that finds no memory links again. */
export async function rememberAccount(
  deps: Pick<LinkAccountDeps, 'log'> & { users: UsersStore },
  openid: string,
  accountId: string,
  unionid?: string,
): Promise<void> {
  await deps.users
    .setAccount(openid, { id: accountId, ...(unionid ? { unionid } : {}) })
    .catch((error: unknown) =>
      deps.log(`accounts: the users document does not remember its account this time: ${String(error)}`),
    );
}
