/** The node-sdk UsersStore (the developer's server) against the emulator, through the real @cloudbase/node-sdk. */
import tcb from '@cloudbase/node-sdk';
import { useEmulator } from '../../packages/wxcloud/test-support/use-emulator';
import { createNodeSdkUsersStore, type NodeSdkUsersDatabase } from './node-sdk-users-store';
import { newUserDocument, returningLoginChange } from './user-record';
import { describeUsersStoreContract } from './users-store.contract';

const emu = useEmulator();
const database = () => tcb.init({ env: emu.emulator.envId }).database() as unknown as NodeSdkUsersDatabase;

describeUsersStoreContract('node-sdk', async () => createNodeSdkUsersStore(database()));

it('makes one database request for a returning login', async () => {
  const store = createNodeSdkUsersStore(database());
  const caller = { openid: 'o-count', appid: 'wx', crossAccount: false };
  await store.createCollection();
  await store.insertUser(newUserDocument(caller, new Date(), 'attempt-0001'));
  emu.emulator.resetStats();
  expect(await store.recordReturningLogin(returningLoginChange(caller, new Date(), 'attempt-0002'))).toMatchObject({
    loginCount: 2,
  });
  expect(emu.emulator.stats().total).toBe(1);
});
