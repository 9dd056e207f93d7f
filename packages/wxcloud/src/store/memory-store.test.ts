/** Runs the store contract against the in-memory store. */
import { describeStoreContract } from '../../test-support/store-contract';
import { MemoryStore } from './memory-store';

describeStoreContract('MemoryStore', { create: () => new MemoryStore() });
