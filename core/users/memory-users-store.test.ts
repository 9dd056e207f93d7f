import { MemoryUsersStore } from './memory-users-store';
import { describeUsersStoreContract } from './users-store.contract';

describeUsersStoreContract('in memory', async () => new MemoryUsersStore({ collectionExists: false }));
