/**
 * Transactions with snapshot isolation: reads see the database as it was when the transaction
 * started (pre-images of documents written since are kept), writes are buffered until commit, and
 * the commit fails with the service's DATABASE_TRANSACTION_CONFLICT when another writer committed
 * a change to one of the transaction's documents after its snapshot (first committer wins).
 * Conflicts surface at commit because that is where the SDK's runTransaction looks for the code
 * to retry (errors of writes inside the callback reach it already converted by wx-server-sdk).
 * A conflict aborts the transaction.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../host/errors';
import { TRANSACTION_LIFETIME_MS } from '../limits';
import type { Doc, DocId, Mutation } from '../store/types';
import { commitMutations, docKey, type DatabaseState } from './state';
import type { DocView } from './session';

type Overlay = Map<string, Map<DocId, Doc | null>>;

export class Transaction {
  private readonly preImages: Overlay = new Map();
  private readonly writes: Overlay = new Map();

  constructor(
    readonly id: string,
    readonly startSeq: number,
    readonly startedAt: number,
  ) {}

  /** Called for every committed write while this transaction is open. */
  rememberPreImage(collection: string, id: DocId, before: Doc | null): void {
    const images = ensure(this.preImages, collection);
    if (!images.has(id)) images.set(id, before);
  }

  view(state: DatabaseState): DocView {
    return {
      hasCollection: (collection) => state.store.hasCollection(collection),
      get: (collection, id) => this.read(state, collection, id),
      scan: (collection) => this.scan(state, collection),
    };
  }

  /** Buffers a write (null deletes); conflicts are checked at commit. */
  bufferWrite(collection: string, id: DocId, doc: Doc | null): void {
    ensure(this.writes, collection).set(id, doc);
  }

  /** The buffered writes as store mutations. */
  mutations(state: DatabaseState): Mutation[] {
    const batch: Mutation[] = [];
    for (const [collection, docs] of this.writes) {
      for (const [id, doc] of docs) {
        assertNoConflict(state, this, collection, id);
        if (doc) batch.push({ type: 'put', collection, doc });
        else if (state.store.get(collection, id)) batch.push({ type: 'delete', collection, id });
      }
    }
    return batch;
  }

  private read(state: DatabaseState, collection: string, id: DocId): Doc | undefined {
    const own = this.writes.get(collection);
    if (own?.has(id)) return own.get(id) ?? undefined;
    const images = this.preImages.get(collection);
    if (images?.has(id)) return images.get(id) ?? undefined;
    return state.store.get(collection, id);
  }

  private *scan(state: DatabaseState, collection: string): Generator<Doc> {
    const own = this.writes.get(collection) ?? new Map<DocId, Doc | null>();
    const images = this.preImages.get(collection) ?? new Map<DocId, Doc | null>();
    for (const doc of state.store.scan(collection)) {
      if (!own.has(doc._id) && !images.has(doc._id)) yield doc;
    }
    for (const [id, doc] of images) if (doc && !own.has(id)) yield doc;
    for (const doc of own.values()) if (doc) yield doc;
  }
}

function ensure(overlay: Overlay, collection: string): Map<DocId, Doc | null> {
  let docs = overlay.get(collection);
  if (!docs) {
    docs = new Map();
    overlay.set(collection, docs);
  }
  return docs;
}

function assertNoConflict(state: DatabaseState, transaction: Transaction, collection: string, id: DocId): void {
  if ((state.versions.get(docKey(collection, id)) ?? 0) > transaction.startSeq) {
    state.transactions.delete(transaction.id);
    throw new EmulatorError(
      'DATABASE_TRANSACTION_CONFLICT',
      `transaction ${transaction.id} conflicts with a concurrent write to ${collection}/${String(id)}; the transaction was aborted`,
    );
  }
}

export function startTransaction(state: DatabaseState): Transaction {
  sweepExpired(state);
  const transaction = new Transaction(randomBytes(12).toString('hex'), state.seq, state.now().getTime());
  state.transactions.set(transaction.id, transaction);
  return transaction;
}

export function requireTransaction(state: DatabaseState, id: string): Transaction {
  sweepExpired(state);
  const transaction = state.transactions.get(id);
  if (!transaction) {
    throw new EmulatorError('INVALID_PARAM', `transaction ${id} does not exist, was already committed or aborted, or expired`);
  }
  return transaction;
}

export function commitTransaction(state: DatabaseState, id: string): void {
  const transaction = requireTransaction(state, id);
  const batch = transaction.mutations(state);
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
