/**
 * A session is how one request reads and writes: directly against the store (writes applied as
 * one atomic batch when the handler finishes without error) or inside a transaction (reads from
 * its snapshot, writes buffered in it). Handlers use the same code for both. The work runs under
 * the request's time budget (budget.ts).
 */
import { check } from '../host/errors';
import { withinBudget } from './budget';
import type { Mutation } from '../store/types';
import { storedId, toStored, type Doc, type DocId } from './ids';
import { commitMutations, type DatabaseState } from './state';
import { assertNoWriteConflict, requireTransaction } from './transactions';
import { decodingView, type DocView } from './view';

export type { DocView } from './view';

export interface Session {
  view: DocView;
  put(collection: string, doc: Doc): void;
  remove(collection: string, id: DocId): void;
}

/**
 * Runs `work` in a session and commits its writes if it returns; a thrown error writes nothing.
 * Also checks that the collection exists (the service's DATABASE_COLLECTION_NOT_EXIST).
 */
export function inSession<T>(
  state: DatabaseState,
  collection: string,
  transactionId: string | undefined,
  work: (session: Session) => T,
): T {
  const transaction = transactionId ? requireTransaction(state, transactionId) : undefined;
  const view = decodingView(transaction ? transaction.view(state.store) : state.store);
  check(view.hasCollection(collection), 'DATABASE_COLLECTION_NOT_EXIST', `collection ${collection} does not exist`);
  const pending: Mutation[] = [];
  const session: Session = {
    view,
    put: (name, doc) => pending.push({ type: 'put', collection: name, doc: toStored(doc) }),
    remove: (name, id) => pending.push({ type: 'delete', collection: name, id: storedId(id) }),
  };
  const result = withinBudget(state.queryBudgetMs, `a request on collection ${collection}`, () => work(session));
  if (!transaction) {
    commitMutations(state, pending);
    return result;
  }
  for (const mutation of pending) {
    if (mutation.type === 'put' || mutation.type === 'delete') {
      assertNoWriteConflict(
        state,
        transaction,
        mutation.collection,
        mutation.type === 'put' ? mutation.doc._id : mutation.id,
      );
    }
  }
  for (const mutation of pending) {
    if (mutation.type === 'put') transaction.bufferWrite(mutation.collection, mutation.doc._id, mutation.doc);
    if (mutation.type === 'delete') transaction.bufferWrite(mutation.collection, mutation.id, null);
  }
  return result;
}
