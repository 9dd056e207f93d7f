/** What a query reads through: the store itself, or a transaction's snapshot of it. */
import type { Doc, DocId } from '../store/types';

export interface DocView {
  hasCollection(collection: string): boolean;
  get(collection: string, id: DocId): Doc | undefined;
  scan(collection: string): Iterable<Doc>;
}
