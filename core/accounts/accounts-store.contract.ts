/**
 * What every AccountsStore must do, as one suite: the memory store and the node-sdk store (against
 * the emulator) run the same cases.
 */
import { isStoreError } from '../kit/store-error';
import { identityLink, identityLinkId, unionidLink, unionidLinkId } from './account-record';
import type { AccountsStore } from './accounts-store';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const ALICE = { appid: 'wx-contract', openid: 'o-alice' };

/** `fresh()` gives a store on an empty environment (no accounts collections yet). */
export function describeAccountsStoreContract(name: string, fresh: () => Promise<AccountsStore>): void {
  describe(`AccountsStore contract: ${name}`, () => {
    let store: AccountsStore;
    beforeEach(async () => {
      store = await fresh();
    });

    it('finds nothing and changes nothing before any account exists', async () => {
      expect(await store.findLink(identityLinkId('wx', 'o-none'))).toBeNull();
      expect(await store.findAccount('acc-none')).toBeNull();
      expect(await store.moveLink(identityLinkId('wx', 'o-none'), 'a', 'b')).toBe(false);
      expect(await store.markMerged('acc-none', 'b', T0)).toBe(false);
      expect(await store.identitiesOf('acc-none')).toEqual([]);
      await expect(store.setLinkUnionid(identityLinkId('wx', 'o-none'), 'u')).resolves.toBeUndefined();
    });

    it('claims a link once: a second insert of the same _id is a duplicate', async () => {
      await store.insertLink(unionidLink('u-alice', 'acc-1', T0));
      const second = await store.insertLink(unionidLink('u-alice', 'acc-2', T0)).catch((error: unknown) => error);
      expect(isStoreError(second, 'duplicate')).toBe(true);
      expect(await store.findLink(unionidLinkId('u-alice'))).toEqual({
        _id: 'unionid:u-alice',
        kind: 'unionid',
        accountId: 'acc-1',
        unionid: 'u-alice',
        linkedAt: T0,
      });
    });

    it('moves an identity only from the account it is on, and sets its unionid only once', async () => {
      await store.insertLink(identityLink(ALICE, 'acc-1', T0));
      const id = identityLinkId(ALICE.appid, ALICE.openid);
      expect(await store.moveLink(id, 'acc-other', 'acc-2')).toBe(false);
      expect(await store.moveLink(id, 'acc-1', 'acc-2')).toBe(true);
      await store.setLinkUnionid(id, 'u-alice');
      await store.setLinkUnionid(id, 'u-other');
      expect(await store.findLink(id)).toMatchObject({
        kind: 'identity',
        accountId: 'acc-2',
        unionid: 'u-alice',
        appid: ALICE.appid,
        openid: ALICE.openid,
      });
      expect((await store.identitiesOf('acc-2')).map((link) => link._id)).toEqual([id]);
      expect(await store.identitiesOf('acc-1')).toEqual([]);
    });

    it('inserts an account once (a retry is a no-op) and marks it merged only the first time', async () => {
      await store.insertAccount({ _id: 'acc-1', createdAt: T0 });
      await store.insertAccount({ _id: 'acc-1', createdAt: new Date(0) });
      expect(await store.findAccount('acc-1')).toEqual({ _id: 'acc-1', createdAt: T0 });
      expect(await store.markMerged('acc-1', 'acc-2', T0)).toBe(true);
      expect(await store.markMerged('acc-1', 'acc-3', T0)).toBe(false);
      expect(await store.findAccount('acc-1')).toMatchObject({ mergedInto: 'acc-2', mergedAt: T0 });
    });
  });
}
