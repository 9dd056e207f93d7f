/** The node-sdk SessionsStore against the emulator, through the real @cloudbase/node-sdk. */
import tcb from '@cloudbase/node-sdk';
import { useEmulator } from '../../packages/wxcloud/test-support/use-emulator';
import { createCloudSessionsStore, type NodeSdkDatabaseLike } from './cloud-sessions-store';
import { describeSessionsStoreContract } from './sessions-store.contract';

const emu = useEmulator();

describeSessionsStoreContract('node-sdk', async () => {
  const app = tcb.init({ env: emu.emulator.envId });
  return createCloudSessionsStore(app.database() as unknown as NodeSdkDatabaseLike);
});
