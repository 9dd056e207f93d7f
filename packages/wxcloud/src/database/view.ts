/** What a query reads through: the store itself, or a transaction's snapshot of it. */
import type { Doc as StoredDoc, DocId as StoredId } from '../store/types';
import { fromStored, storedId, type Doc, type DocId } from './ids';

export interface DocView {
  hasCollection(collection: string): boolean;
  get(collection: string, id: DocId): Doc | undefined;
  scan(collection: string): Iterable<Doc>;
}

/** The same, keyed as the store keys documents (see ids.ts). */
export interface StoredDocView {
  hasCollection(collection: string): boolean;
  get(collection: string, id: StoredId): StoredDoc | undefined;
  scan(collection: string): Iterable<StoredDoc>;
}

/** A view that reads a stored view, turning reserved ids back into ObjectIds. */
export function decodingView(stored: StoredDocView): DocView {
  return {
    hasCollection: (collection) => stored.hasCollection(collection),
    get: (collection, id) => {
      const doc = stored.get(collection, storedId(id));
      return doc && fromStored(doc);
    },
    scan: function* (collection) {
      for (const doc of stored.scan(collection)) yield fromStored(doc);
    },
  };
}
