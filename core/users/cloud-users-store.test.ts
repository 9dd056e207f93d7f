/**
 * The wx-server-sdk UsersStore against the emulator, through the real SDK: the one-request path
 * (node-sdk's updateAndReturn) and the update + get fallback kept for an SDK that hides it.
 */
import type { DB } from 'wx-server-sdk';
import { useEmulator } from '../../packages/wxcloud/test-support/use-emulator';
import { createCloudUsersStore } from './cloud-users-store';
import { describeUsersStoreContract } from './users-store.contract';

const emu = useEmulator();

/** The same database as a wx-server-sdk would give it without the node-sdk database inside. */
function withoutWrappedDatabase(db: DB.Database): DB.Database {
  return {
    command: db.command,
    collection: (name: string) => db.collection(name),
    createCollection: (name: string) => db.createCollection(name),
  } as unknown as DB.Database;
}

describeUsersStoreContract('wx-server-sdk, one request per returning login', async () =>
  createCloudUsersStore(emu.database()),
);
describeUsersStoreContract('wx-server-sdk, update + get fallback', async () =>
  createCloudUsersStore(withoutWrappedDatabase(emu.database())),
);

it('makes one database request for a returning login, two on the fallback', async () => {
  const { newUserDocument, returningLoginChange } = await import('./user-record');
  const caller = { openid: 'o-count', appid: 'wx', crossAccount: false };
  for (const [store, expected] of [
    [createCloudUsersStore(emu.database()), 1],
    [createCloudUsersStore(withoutWrappedDatabase(emu.database())), 2],
  ] as const) {
    await emu.emulator.reset();
    await store.createCollection();
    await store.insertUser(newUserDocument(caller, new Date(), 'attempt-0001'));
    emu.emulator.resetStats();
    expect(await store.recordReturningLogin(returningLoginChange(caller, new Date(), 'attempt-0002'))).toMatchObject({
      loginCount: 2,
    });
    expect(emu.emulator.stats().total).toBe(expected);
  }
});
