import { describeAccountsStoreContract } from './accounts-store.contract';
import { createMemoryAccountsStore } from './memory-accounts-store';

describeAccountsStoreContract('memory', async () => createMemoryAccountsStore());
