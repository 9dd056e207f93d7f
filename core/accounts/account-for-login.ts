/**
 * The account of a counted login, shared by the `login` cloud function and the developer's server.
 * A returning login whose users document remembers its account (linked with the UnionID it has
 * now) answers that at no cost; otherwise the identity is linked (link-account.ts) and the users
 * document remembers the result, so the next login is one request again.
 */
import type { User } from '../../typings/login';
import type { UsersStore } from '../users/users-store';
import { linkAccount, type LinkAccountDeps } from './link-account';

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
