/**
 * The in-memory store: a Map of collections, each a Map from `_id` to document. Documents are
 * checked storable and deep-frozen when put, so what is read can never change what is stored.
 */
import { assertStorable, deepFreeze } from './storable';
import type { Doc, DocId, Mutation, Store } from './types';

export class MemoryStore implements Store {
  private readonly collections = new Map<string, Map<DocId, Doc>>();

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  get(collection: string, id: DocId): Doc | undefined {
    return this.collections.get(collection)?.get(id);
  }

  scan(collection: string): IterableIterator<Doc> {
    return (this.collections.get(collection) ?? new Map<DocId, Doc>()).values();
  }

  count(collection: string): number {
    return this.collections.get(collection)?.size ?? 0;
  }

  apply(batch: readonly Mutation[]): void {
    for (const mutation of batch) validateMutation(mutation);
    for (const mutation of batch) this.applyOne(mutation);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private applyOne(mutation: Mutation): void {
    switch (mutation.type) {
      case 'createCollection':
        if (!this.collections.has(mutation.collection)) this.collections.set(mutation.collection, new Map());
        return;
      case 'put':
        this.ensure(mutation.collection).set(mutation.doc._id, deepFreeze(mutation.doc));
        return;
      case 'delete':
        this.collections.get(mutation.collection)?.delete(mutation.id);
        return;
      case 'clear':
        this.collections.clear();
        return;
    }
  }

  private ensure(collection: string): Map<DocId, Doc> {
    let docs = this.collections.get(collection);
    if (!docs) {
      docs = new Map();
      this.collections.set(collection, docs);
    }
    return docs;
  }
}

export function validateMutation(mutation: Mutation): void {
  if (mutation.type === 'put' && typeof mutation.doc._id !== 'string' && typeof mutation.doc._id !== 'number') {
    throw new TypeError(`document _id must be a string or a number in collection ${mutation.collection}`);
  }
  if (mutation.type === 'put') assertStorable(mutation.doc);
}
