/**
 * Transactions as the service runs them, with snapshot isolation: reads see the database as it
 * was at the transaction's first operation (MongoDB takes the snapshot then, not at start), writes
 * are buffered until commit. A write fails at once with DATABASE_TRANSACTION_CONFLICT and the
 * service's message (and the transaction is aborted, as MongoDB aborts it on a write conflict)
 * when another open transaction has written that document, or when it changed after this
 * transaction's snapshot; runTransaction sees the code and retries. The commit checks again
 * for writes made outside transactions after this one wrote. A transaction not committed or
 * aborted within 30 seconds is gone: using it then, like using it after commit or abort, fails with
 * DATABASE_TRANSACTION_FAIL and the service's message.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../host/errors';
import { TRANSACTION_LIFETIME_MS } from '../limits';
import type { DocId, Mutation } from '../store/types';
import { Transaction } from './snapshot';
import { commitMutations, docKey, type DatabaseState } from './state';

/** The service's message for a transaction that expired, or was committed or aborted. */
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist ' +
  'on the server, transaction must be commit or abort in 30 seconds. ' +
  'Please check your request, but if the problem persists, contact us.';

/** The service's message for a write conflict. */
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, ' +
  'maybe resource operated by others. Please check your request, but if ' +
  'the problem persists, contact us.';

export function startTransaction(state: DatabaseState): Transaction {
  sweepExpired(state);
  const transaction = new Transaction(randomBytes(12).toString('hex'), state.now().getTime());
  state.transactions.set(transaction.id, transaction);
  return transaction;
}

export function requireTransaction(state: DatabaseState, id: string): Transaction {
  sweepExpired(state);
  const transaction = state.transactions.get(id);
  if (!transaction) throw new EmulatorError('DATABASE_TRANSACTION_FAIL', TRANSACTION_NOT_EXIST_MESSAGE);
  return transaction;
}

/** Checks a write of `transaction` to one document, aborting the transaction on a conflict. */
export function assertNoWriteConflict(
  state: DatabaseState,
  transaction: Transaction,
  collection: string,
  id: DocId,
): void {
  const changedSinceSnapshot =
    (state.versions.get(docKey(collection, id)) ?? 0) > (transaction.snapshotSeq ?? state.seq);
  const writtenByOther = [...state.transactions.values()].some(
    (other) => other !== transaction && other.hasWritten(collection, id),
  );
  if (!changedSinceSnapshot && !writtenByOther) return;
  state.transactions.delete(transaction.id);
  throw new EmulatorError('DATABASE_TRANSACTION_CONFLICT', TRANSACTION_CONFLICT_MESSAGE);
}

export function commitTransaction(state: DatabaseState, id: string): void {
  const transaction = requireTransaction(state, id);
  const batch: Mutation[] = [];
  for (const [collection, docId, doc] of transaction.bufferedWrites()) {
    assertNoWriteConflict(state, transaction, collection, docId);
    if (doc) batch.push({ type: 'put', collection, doc });
    else if (state.store.get(collection, docId)) batch.push({ type: 'delete', collection, id: docId });
  }
  state.transactions.delete(id);
  commitMutations(state, batch);
}

export function abortTransaction(state: DatabaseState, id: string): void {
  requireTransaction(state, id);
  state.transactions.delete(id);
}

function sweepExpired(state: DatabaseState): void {
  const now = state.now().getTime();
  for (const [id, transaction] of state.transactions) {
    if (now - transaction.startedAt > TRANSACTION_LIFETIME_MS) state.transactions.delete(id);
  }
}
