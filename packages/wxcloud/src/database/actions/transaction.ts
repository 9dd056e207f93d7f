/**
 * Transaction actions. start/commit/abort serve both SDK APIs; `db.runTransaction` and
 * `db.startTransaction` send ordinary actions carrying `transactionId`. get/update/delete
 * *InTransaction are the older per-document API (@cloudbase/database's transaction.ts), whose
 * responses carry their fields at the top level.
 */
import type { z } from 'zod';
import { toEjsonText } from '../../ejson';
import { EmulatorError } from '../../host/errors';
import { MAX_OPEN_TRANSACTIONS } from '../../limits';
import { applyUpdate, assertUpdateOperators, assertWritableDoc, changed, replaceDoc } from '../engine';
import { parseObject } from '../parse';
import type { docInTransactionSchema, endTransactionSchema, updateInTransactionSchema } from '../schemas';
import { inSession } from '../session';
import type { DatabaseState } from '../state';
import { abortTransaction, commitTransaction, startTransaction } from '../transactions';

/** Open transactions are bounded: one past MAX_OPEN_TRANSACTIONS (expired ones swept first) is refused. */
export function startTransactionAction(state: DatabaseState): Record<string, unknown> {
  const transaction = startTransaction(state);
  if (state.transactions.size > MAX_OPEN_TRANSACTIONS) {
    state.transactions.delete(transaction.id);
    throw new EmulatorError(
      'EXCEED_CONCURRENT_REQUEST_LIMIT',
      `too many open transactions (at most ${MAX_OPEN_TRANSACTIONS}): commit or abort one first`,
    );
  }
  return { transactionId: transaction.id };
}

export function commitTransactionAction(
  state: DatabaseState,
  params: z.infer<typeof endTransactionSchema>,
): Record<string, unknown> {
  commitTransaction(state, params.transactionId);
  return {};
}

export function abortTransactionAction(
  state: DatabaseState,
  params: z.infer<typeof endTransactionSchema>,
): Record<string, unknown> {
  abortTransaction(state, params.transactionId);
  return {};
}

export function getInTransaction(
  state: DatabaseState,
  params: z.infer<typeof docInTransactionSchema>,
): Record<string, unknown> {
  const doc = inSession(state, params.collectionName, params.transactionId, (session) =>
    session.view.get(params.collectionName, params._id),
  );
  return { data: doc ? toEjsonText(doc) : 'null' };
}

export function updateDocInTransaction(
  state: DatabaseState,
  params: z.infer<typeof updateInTransactionSchema>,
): Record<string, unknown> {
  const change = parseObject(params.data, state.now(), 'data');
  const isOperatorUpdate = Object.keys(change).some((key) => key.startsWith('$'));
  if (isOperatorUpdate) assertUpdateOperators(change);
  return inSession(state, params.collectionName, params.transactionId, (session) => {
    const current = session.view.get(params.collectionName, params._id);
    if (!current) {
      if (!params.upsert) return { updated: 0 };
      const created = isOperatorUpdate
        ? applyUpdate({ _id: params._id }, change, { _id: params._id })
        : replaceDoc({ _id: params._id }, change);
      assertWritableDoc(created);
      session.put(params.collectionName, created);
      return { updated: 0, upserted: JSON.stringify([{ _id: params._id }]) };
    }
    const next = isOperatorUpdate ? applyUpdate(current, change, { _id: params._id }) : replaceDoc(current, change);
    if (!changed(current, next)) return { updated: 0 };
    assertWritableDoc(next);
    session.put(params.collectionName, next);
    return { updated: 1 };
  });
}

export function deleteDocInTransaction(
  state: DatabaseState,
  params: z.infer<typeof docInTransactionSchema>,
): Record<string, unknown> {
  return inSession(state, params.collectionName, params.transactionId, (session) => {
    if (!session.view.get(params.collectionName, params._id)) return { deleted: 0 };
    session.remove(params.collectionName, params._id);
    return { deleted: 1 };
  });
}
