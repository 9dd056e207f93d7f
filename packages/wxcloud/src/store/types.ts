/**
 * The storage seam: what the database needs from a store, with no HTTP and no query language.
 * Documents are keyed by `_id` in a Map per collection, so a lookup by `_id` never scans.
 * A store is handed ownership of the documents it receives and never mutates them afterwards;
 * callers must not mutate the documents it returns (clone first).
 */

export type DocId = string | number;
export type Doc = Record<string, unknown> & { _id: DocId };

/** One change; a batch of them is applied atomically and journalled as one record. */
export type Mutation =
  | { type: 'createCollection'; collection: string }
  | { type: 'put'; collection: string; doc: Doc }
  | { type: 'delete'; collection: string; id: DocId }
  | { type: 'clear' };

export interface Store {
  collectionNames(): string[];
  hasCollection(name: string): boolean;
  /** The stored document, or undefined. O(1). */
  get(collection: string, id: DocId): Doc | undefined;
  /** Every document of a collection (none if it does not exist). */
  scan(collection: string): IterableIterator<Doc>;
  count(collection: string): number;
  /** Applies a batch atomically: all of it or (on a thrown error) none of it. */
  apply(batch: readonly Mutation[]): void;
  /** Resolves once every applied batch is durable (at once for an in-memory store). */
  flush(): Promise<void>;
  /** Flushes and releases the store's resources. */
  close(): Promise<void>;
}
