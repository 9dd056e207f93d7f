/**
 * A login's account: remembered on the users document so a returning login reads no links, relinked when a UnionID
 * appears.
 */
import { login } from '../login/login';
import { MemoryUsersStore } from '../users/memory-users-store';
import type { LinkDocument } from './account-record';
import { ownAccountId } from './account-record';
import { accountForLogin, newUserAccounts } from './account-for-login';
import { createMemoryAccountsStore } from './memory-accounts-store';

function setup() {
  const users = new MemoryUsersStore();
  const accounts = createMemoryAccountsStore();
  const reads: string[] = [];
  let failLinks = 0;
  const store = {
    ...accounts,
    findLink: (id: string) => (reads.push(id), accounts.findLink(id)),
    insertLink: async (link: LinkDocument) => {
      if (failLinks-- > 0) throw new Error('account_links: connection reset');
      return accounts.insertLink(link);
    },
  };
  const deps = { store, users, now: () => new Date(), log: () => undefined, sleep: async () => undefined };
  let n = 0;
  // As the login function and the server wire it: first logins link beside the insert, the rest after the login.
  const loginOf = (
    context: { OPENID: string; APPID: string; UNIONID?: string },
    attemptId = `attempt-${++n}-000`,
    newOnDevice = false,
  ) =>
    login(
      {
        store: users,
        now: () => new Date(),
        newAttemptId: () => attemptId,
        sleep: async () => undefined,
        newUserAccounts: newUserAccounts(deps),
      },
      { attemptId, ...(newOnDevice ? { newOnDevice } : {}) },
      context,
    );
  const signIn = async (context: { OPENID: string; APPID: string; UNIONID?: string }) => {
    const result = await loginOf(context);
    if (!result.ok) throw new Error(result.error.code);
    return accountForLogin(deps, result.data);
  };
  return { users, accounts, reads, signIn, loginOf, failNextLinks: (count: number) => (failLinks = count) };
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

it('links a first login without a UnionID beside its insert: two round trips, nothing written after', async () => {
  const { users, accounts, signIn } = setup();
  const accountId = await signIn({ OPENID: 'o-new', APPID: 'MP' });
  expect(accountId).toBe(ownAccountId({ appid: 'MP', openid: 'o-new' }));
  expect(users.calls).toEqual(['recordReturningLogin', 'insertUser']);
  expect((await users.findUser('o-new'))?.account).toEqual({ id: accountId });
  expect(accounts.links().map((link) => [link._id, link.accountId])).toEqual([['identity:MP:o-new', accountId]]);
});

it('corrects what a re-created user remembers when its identity was linked to another account before', async () => {
  const { users, signIn } = setup();
  const mini = await signIn({ OPENID: 'o-mp', APPID: 'MP', UNIONID: 'u-2' });
  await signIn({ OPENID: 'o-web', APPID: 'WEB' });
  expect(await signIn({ OPENID: 'o-web', APPID: 'WEB', UNIONID: 'u-2' })).toBe(mini); // joined into the holder
  await users.removeUser('o-web'); // the person deleted their account, then signs in again without a UnionID
  expect(await signIn({ OPENID: 'o-web', APPID: 'WEB' })).toBe(mini);
  expect((await users.findUser('o-web'))?.account).toEqual({ id: mini });
});

it('answers a first login only once its link is written; a retry of the same attempt links it', async () => {
  const { users, accounts, loginOf, failNextLinks } = setup();
  failNextLinks(10); // more failures than linkAccount's retries
  const failed = await loginOf({ OPENID: 'o-flaky', APPID: 'MP' }, 'attempt-flaky-01');
  expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(accounts.links()).toEqual([]);
  failNextLinks(0);
  const retried = await loginOf({ OPENID: 'o-flaky', APPID: 'MP' }, 'attempt-flaky-01');
  expect(retried).toMatchObject({ ok: true, data: { isNewUser: true, user: { loginCount: 1 } } });
  const own = ownAccountId({ appid: 'MP', openid: 'o-flaky' });
  expect(retried.ok && retried.data.accountId).toBe(own);
  expect(accounts.links().map((link) => link.accountId)).toEqual([own]);
  expect((await users.findUser('o-flaky'))?.account).toEqual({ id: own });
});

it('links a new user from a device that stores none in one round trip: the insert and link side by side', async () => {
  const { users, accounts, loginOf } = setup();
  const first = await loginOf({ OPENID: 'o-device', APPID: 'MP' }, 'attempt-device-1', true);
  const own = ownAccountId({ appid: 'MP', openid: 'o-device' });
  expect(first).toMatchObject({ ok: true, data: { isNewUser: true, accountId: own } });
  expect(users.calls).toEqual(['insertUser']);
  expect(accounts.links().map((link) => link.accountId)).toEqual([own]);
  const again = await loginOf({ OPENID: 'o-device', APPID: 'MP' }, 'attempt-device-2', true); // a second phone
  expect(again).toMatchObject({ ok: true, data: { isNewUser: false, accountId: own, user: { loginCount: 2 } } });
});
