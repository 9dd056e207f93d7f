/**
 * Document ids as queries see them and as the store keeps them. The service's ids are strings (or
 * numbers), and an `_id` may also be an ObjectId (EJSON `$oid`). The store keys documents by
 * string or number, so an ObjectId `_id` is kept as a reserved string (NUL, "oid:", 24 hex digits)
 * that no request can write, and turned back into an ObjectId whenever a document is read.
 */
import { ObjectId } from 'bson';
import { invalidParam } from '../host/errors';
import type { Doc as StoredDoc, DocId as StoredId } from '../store/types';

/** An `_id` as queries and results carry it. */
export type DocId = StoredId | ObjectId;
/** A document as queries and results carry it. */
export type Doc = Record<string, unknown> & { _id: DocId };

const OBJECT_ID_PREFIX = '\u0000oid:';

export function isObjectId(value: unknown): value is ObjectId {
  return value instanceof ObjectId;
}

/** Whether a value can be an `_id`. */
export function isDocId(value: unknown): value is DocId {
  return typeof value === 'string' || typeof value === 'number' || isObjectId(value);
}

/** The store's key for an id. */
export function storedId(id: DocId): StoredId {
  return isObjectId(id) ? `${OBJECT_ID_PREFIX}${id.toHexString()}` : id;
}

/** Whether two ids name the same document (`1` and `'1'` do not). */
export function sameId(a: unknown, b: unknown): boolean {
  return isDocId(a) && isDocId(b) && storedId(a) === storedId(b);
}

export function toStored(doc: Doc): StoredDoc {
  return isObjectId(doc._id) ? { ...doc, _id: storedId(doc._id) } : (doc as StoredDoc);
}

export function fromStored(doc: StoredDoc): Doc {
  const id = doc._id;
  return typeof id === 'string' && id.startsWith(OBJECT_ID_PREFIX)
    ? { ...doc, _id: ObjectId.createFromHexString(id.slice(OBJECT_ID_PREFIX.length)) }
    : doc;
}

/** Refuses ids the store cannot key, and strings in the reserved form. */
export function assertValidId(id: unknown): asserts id is DocId {
  if (!isDocId(id)) throw invalidParam('_id must be a string, a number or an ObjectId');
  if (id === '') throw invalidParam('_id must not be empty');
  if (typeof id === 'string' && id.startsWith('\u0000')) throw invalidParam('_id must not start with a NUL character');
}
