/**
 * The database's state: the store plus what transactions need (a write sequence and the version
 * of each document written while a transaction is open). Every write of the emulator goes
 * through `commitMutations`, which keeps open transactions' snapshots intact.
 */
import { randomBytes } from 'node:crypto';
import { QUERY_TIME_BUDGET_MS } from '../limits';
import type { DocId, Mutation, Store } from '../store/types';
import type { Transaction } from './snapshot';

export interface DatabaseState {
  store: Store;
  /** Server time; injectable for tests. */
  now(): Date;
  /** New `_id` for documents inserted without one. */
  newId(): string;
  /** Open transactions by id. */
  transactions: Map<string, Transaction>;
  /** Longest a request's evaluation may run (milliseconds). */
  queryBudgetMs: number;
  /** Sequence number of the last committed batch. */
  seq: number;
  /** Sequence number of the last write to each document key, kept only while transactions are open. */
  versions: Map<string, number>;
}

export interface DatabaseStateOptions {
  now?: () => Date;
  newId?: () => string;
  /** Time budget of one request's evaluation; default QUERY_TIME_BUDGET_MS. */
  queryBudgetMs?: number;
}

export function createDatabaseState(store: Store, options: DatabaseStateOptions = {}): DatabaseState {
  return {
    store,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? newDocumentId,
    transactions: new Map(),
    queryBudgetMs: options.queryBudgetMs ?? QUERY_TIME_BUDGET_MS,
    seq: 0,
    versions: new Map(),
  };
}

/** 32 lowercase hex characters, the shape of the ids the service generates. */
export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

/** A key naming one document of one collection; `1` and `'1'` are different ids. */
export function docKey(collection: string, id: DocId): string {
  return `${collection}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`;
}

/** Applies a batch atomically, first saving pre-images for open transactions' snapshots. */
export function commitMutations(state: DatabaseState, batch: readonly Mutation[]): void {
  if (batch.length === 0) return;
  // A transaction that has not read or written yet takes its snapshot later, from the store as it is then.
  const open = [...state.transactions.values()].filter((transaction) => transaction.snapshotSeq !== undefined);
  if (open.length > 0) {
    for (const mutation of batch) {
      if (mutation.type === 'put' || mutation.type === 'delete') {
        const id = mutation.type === 'put' ? mutation.doc._id : mutation.id;
        const before = state.store.get(mutation.collection, id) ?? null;
        for (const transaction of open) transaction.rememberPreImage(mutation.collection, id, before);
      }
    }
  }
  state.store.apply(batch);
  state.seq += 1;
  if (open.length === 0) {
    state.versions.clear();
    return;
  }
  for (const mutation of batch) {
    if (mutation.type === 'put') state.versions.set(docKey(mutation.collection, mutation.doc._id), state.seq);
    if (mutation.type === 'delete') state.versions.set(docKey(mutation.collection, mutation.id), state.seq);
  }
}
