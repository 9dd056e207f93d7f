/**
 * What every UsersStore must do, as one suite: the in-memory store of the unit tests and the
 * wx-server-sdk store (both of its request paths, against the emulator) run the same cases, so
 * the unit tests of the login logic stand on a store that behaves like the real one.
 */
import { phoneCodeDigest } from './profile-record';
import { newUserDocument, returningLoginChange } from './user-record';
import { StoreError, type UsersStore } from './users-store';

const ALICE = { openid: 'o-contract-alice', appid: 'wx-contract', crossAccount: false };
const T0 = new Date('2026-03-01T00:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function failureKind(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof StoreError) return error.kind;
    throw error;
  }
  throw new Error('expected the store to fail');
}

/** `fresh()` gives a store on an empty environment: no users collection yet. */
export function describeUsersStoreContract(name: string, fresh: () => Promise<UsersStore>): void {
  describe(`UsersStore contract: ${name}`, () => {
    let store: UsersStore;
    beforeEach(async () => {
      store = await fresh();
    });

    it('reports a missing collection, and creates it idempotently', async () => {
      expect(await failureKind(store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001')))).toBe(
        'collection-missing',
      );
      expect(await failureKind(store.recordReturningLogin(returningLoginChange(ALICE, T0, 'attempt-0001')))).toBe(
        'collection-missing',
      );
      await store.createCollection();
      await store.createCollection();
      expect(await store.findUser(ALICE.openid)).toBeNull();
    });

    it('inserts a user once and refuses a second insert of the same _id', async () => {
      await store.createCollection();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001'));
      expect(await failureKind(store.insertUser(newUserDocument(ALICE, later(1), 'attempt-0002')))).toBe('duplicate');
      const found = await store.findUser(ALICE.openid);
      expect(found).toMatchObject({
        _id: ALICE.openid,
        _openid: ALICE.openid,
        loginCount: 1,
        createdByAttemptId: 'attempt-0001',
      });
      expect(found?.createdAt).toEqual(T0);
    });

    it('counts a returning login and answers with the document after it', async () => {
      await store.createCollection();
      // no such user
      expect(await store.recordReturningLogin(returningLoginChange(ALICE, T0, 'attempt-0001'))).toBeNull();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001'));
      const after = await store.recordReturningLogin(
        returningLoginChange({ ...ALICE, unionid: 'u-alice' }, later(5), 'attempt-0002'),
      );
      expect(after).toMatchObject({
        loginCount: 2,
        unionid: 'u-alice',
        recentAttempts: [
          { id: 'attempt-0001', at: T0 },
          { id: 'attempt-0002', at: later(5) },
        ],
      });
      expect(after?.lastLoginAt).toEqual(later(5));
      expect(after?.createdAt).toEqual(T0);
    });

    it('does not count an attempt twice, however many other attempts were counted since', async () => {
      await store.createCollection();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0000'));
      for (let i = 1; i <= 40; i++) {
        await store.recordReturningLogin(
          returningLoginChange(ALICE, later(i), `attempt-${String(i).padStart(4, '0')}`),
        );
      }
      expect(await store.recordReturningLogin(returningLoginChange(ALICE, later(50), 'attempt-0000'))).toBeNull();
      expect(await store.recordReturningLogin(returningLoginChange(ALICE, later(50), 'attempt-0001'))).toBeNull();
      const stored = await store.findUser(ALICE.openid);
      expect(stored?.loginCount).toBe(41);
      expect(stored?.recentAttempts).toHaveLength(41);
    });

    it('prunes attempts only while no login was counted since the pruning was decided', async () => {
      await store.createCollection();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0000'));
      await store.recordReturningLogin(returningLoginChange(ALICE, later(1), 'attempt-0001'));
      const kept = [{ id: 'attempt-0001', at: later(1) }];
      expect(await store.pruneAttempts({ _id: ALICE.openid, loginCount: 1, recentAttempts: kept })).toBe(false);
      expect((await store.findUser(ALICE.openid))?.recentAttempts).toHaveLength(2);
      expect(await store.pruneAttempts({ _id: ALICE.openid, loginCount: 2, recentAttempts: kept })).toBe(true);
      expect((await store.findUser(ALICE.openid))?.recentAttempts).toEqual(kept);
    });

    it('never moves lastLoginAt backwards, and never clears a unionid', async () => {
      await store.createCollection();
      await store.insertUser(newUserDocument({ ...ALICE, unionid: 'u-alice' }, later(10), 'attempt-0001'));
      const after = await store.recordReturningLogin(returningLoginChange(ALICE, later(3), 'attempt-0002'));
      expect(after?.lastLoginAt).toEqual(later(10));
      expect(after?.unionid).toBe('u-alice');
    });

    it('sets profile fields of an existing user, idempotently, and keeps the rest', async () => {
      await store.createCollection();
      // no such user
      expect(await store.updateProfile(ALICE.openid, { nickName: '小明', profileUpdatedAt: T0 })).toBeNull();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001'));
      const change = {
        nickName: '小明',
        avatarFileId: 'cloud://env.bucket/avatars/a.png',
        profileUpdatedAt: later(1),
      };
      expect(await store.updateProfile(ALICE.openid, change)).toMatchObject({
        nickName: '小明',
        avatarFileId: change.avatarFileId,
        loginCount: 1,
      });
      expect(await store.updateProfile(ALICE.openid, change)).toMatchObject({ nickName: '小明' });
      const phone = {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        boundAt: later(2),
        codeDigest: phoneCodeDigest('code-0001'),
      };
      const after = await store.updateProfile(ALICE.openid, { phone, profileUpdatedAt: later(2) });
      expect(after).toMatchObject({
        nickName: '小明',
        avatarFileId: change.avatarFileId,
        phone: { ...phone, boundAt: later(2) },
      });
      expect((await store.findUser(ALICE.openid))?.phone?.phoneNumber).toBe('13800138000');
    });

    it('replaces a remembered account only while it has no UnionID (a join always brings one)', async () => {
      await store.createCollection();
      expect(await store.setAccount(ALICE.openid, { id: 'acc-1' })).toBe(false); // no such user
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001'));
      expect(await store.setAccount(ALICE.openid, { id: 'acc-1' })).toBe(true);
      expect(await store.setAccount(ALICE.openid, { id: 'acc-2' })).toBe(true);
      expect(await store.setAccount(ALICE.openid, { id: 'acc-3', unionid: 'u-alice' })).toBe(true);
      expect(await store.setAccount(ALICE.openid, { id: 'acc-4', unionid: 'u-alice' })).toBe(false);
      expect(await store.setAccount(ALICE.openid, { id: 'acc-5' })).toBe(false);
      expect(await store.findUser(ALICE.openid)).toMatchObject({
        account: { id: 'acc-3', unionid: 'u-alice' },
        loginCount: 1,
      });
    });

    it('removes a user once, and reports a missing collection on profile writes', async () => {
      expect(await failureKind(store.updateProfile(ALICE.openid, { nickName: 'x', profileUpdatedAt: T0 }))).toBe(
        'collection-missing',
      );
      await store.createCollection();
      await store.insertUser(newUserDocument(ALICE, T0, 'attempt-0001'));
      expect(await store.removeUser(ALICE.openid)).toBe(true);
      expect(await store.removeUser(ALICE.openid)).toBe(false);
      expect(await store.findUser(ALICE.openid)).toBeNull();
    });
  });
}
