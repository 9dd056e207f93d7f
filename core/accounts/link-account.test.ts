/**
 * The joining rules, on the memory store and on the emulator's database through the real node-sdk,
 * including many concurrent first sign-ins of one person from several apps.
 */
import tcb from '@cloudbase/node-sdk';
import { useEmulator } from '../../packages/wxcloud/test-support/use-emulator';
import type { AccountsStore } from './accounts-store';
import { createCloudAccountsStore, type NodeSdkAccountsDatabase } from './cloud-accounts-store';
import { accountOf, linkAccount, type LinkAccountDeps } from './link-account';
import { StoreError } from '../kit/store-error';
import { createMemoryAccountsStore } from './memory-accounts-store';
import { ownAccountId } from './account-record';

const emu = useEmulator();

function depsFor(store: AccountsStore, logs: string[] = []): LinkAccountDeps {
  return {
    store,
    now: () => new Date(),
    log: (line) => logs.push(line),
    sleep: async () => undefined,
  };
}

const stores: Array<[string, () => AccountsStore]> = [
  ['memory', () => createMemoryAccountsStore()],
  [
    'node-sdk',
    () =>
      createCloudAccountsStore(tcb.init({ env: emu.emulator.envId }).database() as unknown as NodeSdkAccountsDatabase),
  ],
];

describe.each(stores)('linkAccount on the %s store', (_, makeStore) => {
  it('gives one UnionID one account across apps, another UnionID another', async () => {
    const deps = depsFor(makeStore());
    const first = await linkAccount(deps, { appid: 'MP', openid: 'o-mp-alice', unionid: 'u-alice' });
    expect(first.isNewAccount).toBe(true);
    expect(await linkAccount(deps, { appid: 'WEB', openid: 'o-web-alice', unionid: 'u-alice' })).toEqual({
      accountId: first.accountId,
      isNewAccount: false,
    });
    expect((await linkAccount(deps, { appid: 'SITE', openid: 'o-site-alice', unionid: 'u-alice' })).accountId).toBe(
      first.accountId,
    );
    expect((await linkAccount(deps, { appid: 'MP', openid: 'o-mp-alice' })).accountId).toBe(first.accountId);
    expect((await linkAccount(deps, { appid: 'WEB', openid: 'o-web-bob', unionid: 'u-bob' })).accountId).not.toBe(
      first.accountId,
    );
  });

  it('keeps the accountId of an identity first seen without a UnionID, and joins later identities to it', async () => {
    const deps = depsFor(makeStore());
    const bare = await linkAccount(deps, { appid: 'MP', openid: 'o-mp-carol' });
    expect((await linkAccount(deps, { appid: 'MP', openid: 'o-mp-carol', unionid: 'u-carol' })).accountId).toBe(
      bare.accountId,
    );
    expect((await linkAccount(deps, { appid: 'WEB', openid: 'o-web-carol', unionid: 'u-carol' })).accountId).toBe(
      bare.accountId,
    );
    expect(await accountOf(deps.store, 'WEB', 'o-web-carol')).toBe(bare.accountId);
  });

  it('joins an account without a UnionID into the account already holding it, and logs it', async () => {
    const logs: string[] = [];
    const deps = depsFor(makeStore(), logs);
    const web = await linkAccount(deps, { appid: 'WEB', openid: 'o-web-dan' }); // 静默授权: no UnionID
    const mini = await linkAccount(deps, { appid: 'MP', openid: 'o-mp-dan', unionid: 'u-dan' });
    expect(mini.accountId).not.toBe(web.accountId);
    expect((await linkAccount(deps, { appid: 'WEB', openid: 'o-web-dan', unionid: 'u-dan' })).accountId).toBe(
      mini.accountId,
    );
    expect(await accountOf(deps.store, 'WEB', 'o-web-dan')).toBe(mini.accountId);
    expect(await deps.store.findAccount(web.accountId)).toMatchObject({ mergedInto: mini.accountId });
    expect(logs).toEqual([expect.stringContaining(`joined account ${web.accountId} into ${mini.accountId}`)]);
  });

  it('settles many concurrent first sign-ins of one person from three apps on exactly one account', async () => {
    const deps = depsFor(makeStore());
    const apps = ['MP', 'WEB', 'SITE'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        linkAccount(deps, { appid: apps[i % 3]!, openid: `o-${apps[i % 3]}-erin`, unionid: 'u-erin' }),
      ),
    );
    const accounts = new Set(answers.map((answer) => answer.accountId));
    expect(accounts.size).toBe(1);
    expect(answers.filter((answer) => answer.isNewAccount)).toHaveLength(1);
    for (const appid of apps) expect(await accountOf(deps.store, appid, `o-${appid}-erin`)).toBe([...accounts][0]);
  });

  it(
    'settles concurrent sign-ins when the UnionID appears for a bare ' + 'identity while another app signs in first',
    async () => {
      const deps = depsFor(makeStore());
      const bare = await linkAccount(deps, { appid: 'MP', openid: 'o-mp-fay' });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? linkAccount(deps, { appid: 'MP', openid: 'o-mp-fay', unionid: 'u-fay' })
            : linkAccount(deps, { appid: 'WEB', openid: 'o-web-fay', unionid: 'u-fay' }),
        ),
      );
      const mp = await accountOf(deps.store, 'MP', 'o-mp-fay');
      expect(await accountOf(deps.store, 'WEB', 'o-web-fay')).toBe(mp);
      expect(answers.every((answer) => answer.accountId === mp)).toBe(true);
      // Either the bare account claimed the UnionID first and kept its id, or it was joined into the holder.
      if (mp !== bare.accountId) expect(await deps.store.findAccount(bare.accountId)).toMatchObject({ mergedInto: mp });
    },
  );
});

it('is safe to retry: a claim applied whose answer was lost ends in the same one account', async () => {
  const memory = createMemoryAccountsStore();
  let lose = 2; // the UnionID claim and the identity link are written, and both answers are lost
  const store: AccountsStore = {
    ...memory,
    insertLink: async (link) => {
      await memory.insertLink(link);
      if (lose-- > 0) throw new StoreError('transient', 'timed out waiting for the answer');
    },
  };
  const deps = depsFor(store);
  const first = await linkAccount(deps, { appid: 'MP', openid: 'o-mp-gus', unionid: 'u-gus' });
  expect(await accountOf(store, 'MP', 'o-mp-gus')).toBe(first.accountId);
  expect((await linkAccount(deps, { appid: 'WEB', openid: 'o-web-gus', unionid: 'u-gus' })).accountId).toBe(
    first.accountId,
  );
  // One account: every link names it, and nothing was joined.
  expect(new Set(memory.links().map((link) => link.accountId))).toEqual(new Set([first.accountId]));
  expect(memory.accounts()).toEqual([]);
});

it('names a first identity’s own account after it, so concurrent first sign-ins agree without a read', async () => {
  const deps = depsFor(createMemoryAccountsStore());
  const own = ownAccountId({ appid: 'MP', openid: 'o-mp-hal' });
  expect(own).toMatch(/^acc_[0-9a-f]{32}$/);
  expect(own).not.toBe(ownAccountId({ appid: 'WEB', openid: 'o-mp-hal' }));
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => linkAccount(deps, { appid: 'MP', openid: 'o-mp-hal' })),
  );
  expect(answers.map((answer) => answer.accountId)).toEqual(Array(5).fill(own));
  expect(answers.filter((answer) => answer.isNewAccount)).toHaveLength(1);
});
