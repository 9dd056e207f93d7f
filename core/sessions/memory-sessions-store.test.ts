import { createMemorySessionsStore } from './memory-sessions-store';
import { describeSessionsStoreContract } from './sessions-store.contract';

describeSessionsStoreContract('memory', async () => createMemorySessionsStore());
