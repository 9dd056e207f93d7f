/**
 * How a database request failed, in the terms a function decides on (retry, create the
 * collection, resolve a race, or give up), whatever the SDK's own wording was.
 */
export type StoreFailureKind =
  /** A document with this `_id` exists already. */
  | 'duplicate'
  /** The collection does not exist yet (a fresh environment). */
  | 'collection-missing'
  /** The database could not be reached or did not answer: the request may or may not have been applied. */
  | 'transient'
  /** Anything else: a bug, a permission problem, an invalid request. */
  | 'fatal';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(error: unknown, kind: StoreFailureKind): error is StoreError {
  return error instanceof StoreError && error.kind === kind;
}
