/**
 * One open transaction's data: the pre-images that keep its snapshot (documents as they were when
 * its snapshot was taken, saved when others write them) and its own buffered writes. As in
 * MongoDB, the snapshot is taken at the transaction's first operation, not when it starts. It knows the store only
 * through the `Store` interface; the rules of conflicts and lifetime live in transactions.ts.
 */
import type { Doc, DocId, Store } from '../store/types';
import type { StoredDocView } from './view';

type Overlay = Map<string, Map<DocId, Doc | null>>;

export class Transaction {
  private readonly preImages: Overlay = new Map();
  private readonly writes: Overlay = new Map();

  /** The write sequence number its snapshot reflects; undefined until its first operation. */
  private snapshotAt: number | undefined;

  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {}

  /** Takes the snapshot at `seq` unless it was taken already. */
  takeSnapshot(seq: number): void {
    this.snapshotAt ??= seq;
  }

  /** The sequence number of its snapshot, if taken. */
  get snapshotSeq(): number | undefined {
    return this.snapshotAt;
  }

  /** Called for every committed write while this transaction holds a snapshot. */
  rememberPreImage(collection: string, id: DocId, before: Doc | null): void {
    const images = ensure(this.preImages, collection);
    if (!images.has(id)) images.set(id, before);
  }

  view(store: Store): StoredDocView {
    return {
      hasCollection: (collection) => store.hasCollection(collection),
      get: (collection, id) => this.read(store, collection, id),
      scan: (collection) => this.scan(store, collection),
    };
  }

  /** Buffers a write (null deletes). */
  bufferWrite(collection: string, id: DocId, doc: Doc | null): void {
    ensure(this.writes, collection).set(id, doc);
  }

  /** Whether this transaction has buffered a write to the document. */
  hasWritten(collection: string, id: DocId): boolean {
    return this.writes.get(collection)?.has(id) ?? false;
  }

  /** The buffered writes, as (collection, id, document or null for a delete). */
  *bufferedWrites(): Generator<[string, DocId, Doc | null]> {
    for (const [collection, docs] of this.writes) for (const [id, doc] of docs) yield [collection, id, doc];
  }

  private read(store: Store, collection: string, id: DocId): Doc | undefined {
    const own = this.writes.get(collection);
    if (own?.has(id)) return own.get(id) ?? undefined;
    const images = this.preImages.get(collection);
    if (images?.has(id)) return images.get(id) ?? undefined;
    return store.get(collection, id);
  }

  private *scan(store: Store, collection: string): Generator<Doc> {
    const own = this.writes.get(collection) ?? new Map<DocId, Doc | null>();
    const images = this.preImages.get(collection) ?? new Map<DocId, Doc | null>();
    for (const doc of store.scan(collection)) {
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
