/**
 * What every SessionsStore must do, as one suite: the memory store and the node-sdk store (against
 * the emulator) run the same cases.
 */
import { USED_HASHES_KEPT, type SessionDocument } from './session-record';
import type { SessionsStore } from './sessions-store';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function session(sid: string): SessionDocument {
  return {
    _id: sid,
    openid: 'o-contract',
    appid: 'wx-contract',
    refreshHash: 'h0',
    usedRefreshHashes: [],
    sealedSessionKey: 'sealed',
    createdAt: T0,
    refreshedAt: T0,
    refreshExpiresAt: later(3600),
    revoked: false,
  };
}

/** `fresh()` gives a store on an empty environment (no sessions collection yet). */
export function describeSessionsStoreContract(name: string, fresh: () => Promise<SessionsStore>): void {
  describe(`SessionsStore contract: ${name}`, () => {
    let store: SessionsStore;
    beforeEach(async () => {
      store = await fresh();
    });

    it('finds nothing and rotates nothing before any session exists', async () => {
      expect(await store.find('sid-none-000000001')).toBeNull();
      expect(
        await store.rotate({
          sid: 'sid-none-000000001',
          fromHash: 'h0',
          toHash: 'h1',
          now: T0,
          refreshExpiresAt: later(1),
        }),
      ).toBe(false);
      await expect(store.revoke('sid-none-000000001', T0, 'logout')).resolves.toBeUndefined();
    });

    it('inserts a session and reads it back with its dates', async () => {
      await store.insert(session('sid-a-0000000000001'));
      const found = await store.find('sid-a-0000000000001');
      expect(found).toMatchObject({
        openid: 'o-contract',
        refreshHash: 'h0',
        revoked: false,
        sealedSessionKey: 'sealed',
      });
      expect(found?.refreshExpiresAt.getTime()).toBe(later(3600).getTime());
    });

    it('rotates only from the current hash, remembering the used ones', async () => {
      await store.insert(session('sid-b-0000000000001'));
      const rotation = { sid: 'sid-b-0000000000001', now: later(10), refreshExpiresAt: later(7200) };
      expect(await store.rotate({ ...rotation, fromHash: 'h0', toHash: 'h1' })).toBe(true);
      expect(await store.rotate({ ...rotation, fromHash: 'h0', toHash: 'h2' })).toBe(false);
      const found = await store.find('sid-b-0000000000001');
      expect(found).toMatchObject({ refreshHash: 'h1', usedRefreshHashes: ['h0'] });
      expect(found?.refreshExpiresAt.getTime()).toBe(later(7200).getTime());
    });

    it(`keeps the last ${USED_HASHES_KEPT} used hashes`, async () => {
      await store.insert(session('sid-c-0000000000001'));
      for (let i = 0; i <= USED_HASHES_KEPT; i++) {
        await store.rotate({
          sid: 'sid-c-0000000000001',
          fromHash: `h${i}`,
          toHash: `h${i + 1}`,
          now: later(i),
          refreshExpiresAt: later(9999),
        });
      }
      const used = (await store.find('sid-c-0000000000001'))?.usedRefreshHashes ?? [];
      expect(used).toHaveLength(USED_HASHES_KEPT);
      expect(used.at(-1)).toBe(`h${USED_HASHES_KEPT}`);
      expect(used).not.toContain('h0');
    });

    it('revokes once, keeping the first reason, and a revoked session no longer rotates', async () => {
      await store.insert(session('sid-d-0000000000001'));
      await store.revoke('sid-d-0000000000001', later(5), 'reuse');
      await store.revoke('sid-d-0000000000001', later(6), 'logout');
      const found = await store.find('sid-d-0000000000001');
      expect(found).toMatchObject({ revoked: true, revokedBecause: 'reuse' });
      expect(found?.revokedAt?.getTime()).toBe(later(5).getTime());
      expect(
        await store.rotate({
          sid: 'sid-d-0000000000001',
          fromHash: 'h0',
          toHash: 'h1',
          now: later(7),
          refreshExpiresAt: later(8),
        }),
      ).toBe(false);
    });
  });
}
