/**
 * A login's account: remembered on the users document so a returning login reads no links, relinked when a UnionID
 * appears.
 */
import { login } from '../login/login';
import { MemoryUsersStore } from '../users/memory-users-store';
import { accountForLogin } from './account-for-login';
import { createMemoryAccountsStore } from './memory-accounts-store';

function setup() {
  const users = new MemoryUsersStore();
  const accounts = createMemoryAccountsStore();
  const reads: string[] = [];
  const store = { ...accounts, findLink: (id: string) => (reads.push(id), accounts.findLink(id)) };
  let n = 0;
  const deps = {
    store,
    users,
    now: () => new Date(),
    newAccountId: () => `acc-${++n}`,
    log: () => undefined,
    sleep: async () => undefined,
  };
  const signIn = async (context: { OPENID: string; APPID: string; UNIONID?: string }) => {
    const result = await login(
      { store: users, now: () => new Date(), newAttemptId: () => `attempt-${++n}-000`, sleep: async () => undefined },
      {},
      context,
    );
    if (!result.ok) throw new Error(result.error.code);
    return accountForLogin(deps, result.data);
  };
  return { users, reads, signIn };
}

it('links a first login, then answers a returning one from the users document without reading links', async () => {
  const { users, reads, signIn } = setup();
  const first = await signIn({ OPENID: 'o-mp', APPID: 'MP' });
  expect((await users.findUser('o-mp'))?.account).toEqual({ id: first });
  reads.length = 0;
  expect(await signIn({ OPENID: 'o-mp', APPID: 'MP' })).toBe(first);
  expect(reads).toEqual([]);
});

it(
  'relinks when the UnionID appears, keeping the account, and a later ' + 'join replaces what the document remembers',
  async () => {
    const { users, signIn } = setup();
    const web = await signIn({ OPENID: 'o-web', APPID: 'WEB' }); // 静默授权: no UnionID
    const mini = await signIn({ OPENID: 'o-mp', APPID: 'MP', UNIONID: 'u-1' });
    expect(await signIn({ OPENID: 'o-web', APPID: 'WEB', UNIONID: 'u-1' })).toBe(mini);
    expect((await users.findUser('o-web'))?.account).toEqual({ id: mini, unionid: 'u-1' });
    expect(web).not.toBe(mini);
    expect(await signIn({ OPENID: 'o-web', APPID: 'WEB' })).toBe(mini);
  },
);
