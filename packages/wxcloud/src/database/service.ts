/**
 * The document database as an emulated service: opens the store (a durable journal in the data
 * directory, or memory), serves the database actions on `/admin`, and offers what tests and the
 * CLI need beside the wire (collections, import and export). Reset clears every collection and
 * open transaction, then re-creates the collections it was asked to keep.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { JournalStore } from '../store/journal-store';
import { MemoryStore } from '../store/memory-store';
import { createDatabaseActions } from './action-table';
import { exportCollections, importCollections } from './import-export';
import { commitMutations, createDatabaseState, type DatabaseState } from './state';

export const DATABASE_SERVICE = 'database';

export interface DatabaseServiceOptions {
  /** Collections to create at start and after every reset (the service needs collections to exist). */
  collections?: string[];
  /** Import `<collection>.json` files from this directory at start. */
  importDir?: string;
  /** Server clock (for `db.serverDate()` and transaction expiry). */
  now?: () => Date;
  /** Time budget of one database request's evaluation; default QUERY_TIME_BUDGET_MS. */
  queryBudgetMs?: number;
}

export interface DatabaseService extends EmulatorService {
  readonly state: DatabaseState;
  createCollections(names: string[]): void;
  importData(dir: string): Record<string, number>;
  exportData(dir: string): Record<string, number>;
}

export function databaseService(options: DatabaseServiceOptions = {}): ServiceFactory<DatabaseService> {
  return async (host) => {
    const store = host.dataDir ? await JournalStore.open({ dir: host.dataDir }) : new MemoryStore();
    const state = createDatabaseState(store, { now: options.now, queryBudgetMs: options.queryBudgetMs });
    const createCollections = (names: string[]) => {
      const missing = names.filter((name) => !store.hasCollection(name));
      commitMutations(
        state,
        missing.map((collection) => ({ type: 'createCollection', collection })),
      );
    };
    try {
      createCollections(options.collections ?? []);
      if (options.importDir) importCollections(state, options.importDir);
      await store.flush();
    } catch (error) {
      await store.close();
      throw error;
    }
    return {
      name: DATABASE_SERVICE,
      state,
      actions: createDatabaseActions(state),
      createCollections,
      importData: (dir) => importCollections(state, dir),
      exportData: (dir) => exportCollections(state, dir),
      async reset() {
        state.transactions.clear();
        commitMutations(state, [{ type: 'clear' }]);
        createCollections(options.collections ?? []);
        await store.flush();
      },
      stop: () => store.close(),
    };
  };
}
