/** The node-sdk AccountsStore against the emulator, through the real @cloudbase/node-sdk. */
import tcb from '@cloudbase/node-sdk';
import { useEmulator } from '../../packages/wxcloud/test-support/use-emulator';
import { describeAccountsStoreContract } from './accounts-store.contract';
import { createCloudAccountsStore, type NodeSdkAccountsDatabase } from './cloud-accounts-store';

const emu = useEmulator();

describeAccountsStoreContract('node-sdk', async () =>
  createCloudAccountsStore(tcb.init({ env: emu.emulator.envId }).database() as unknown as NodeSdkAccountsDatabase),
);
