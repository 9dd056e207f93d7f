/**
 * Query and update semantics, delegated to mingo (MongoDB semantics): matching, sort, skip,
 * limit, projection, update operators. A query with `_id` equality (or `$in` of ids) looks the
 * documents up in the store's Map instead of scanning. mingo's errors become the service's.
 */
import { find, ProcessingMode, Query } from 'mingo';
import { EmulatorError, invalidParam } from '../host/errors';
import { bsonSize, cloneValue, toEjsonText } from '../ejson';
import { MAX_DOCUMENT_BYTES } from '../limits';
import type { Doc, DocId } from '../store/types';
import type { DocView } from './session';
import { updateOwnFields } from './own-fields';
import { assertStorableDoc } from './storable-doc';

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

/** Update operators accepted in `merge` updates ($setOnInsert only matters for upserts). */
const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pop', '$pull', '$pullAll',
  '$addToSet', '$currentDate', '$bit', '$setOnInsert',
]);

/** Runs mingo code, turning its errors into the service's error codes. */
export function withMingo<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EmulatorError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/unknown|unregistered|invalid .*operator/i.test(message)) throw new EmulatorError('DATABASE_INVALID_OPERRATOR', message);
    throw new EmulatorError('INVALID_PARAM', message);
  }
}

/** The ids a filter pins `_id` to, or undefined when it does not (then the collection is scanned). */
export function pinnedIds(filter: Filter): DocId[] | undefined {
  const condition = filter._id;
  if (isId(condition)) return [condition];
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    const ops = condition as Record<string, unknown>;
    if (Object.keys(ops).length === 1 && isId(ops.$eq)) return [ops.$eq];
    if (Object.keys(ops).length === 1 && Array.isArray(ops.$in) && ops.$in.every(isId)) return ops.$in as DocId[];
  }
  return undefined;
}

function isId(value: unknown): value is DocId {
  return typeof value === 'string' || typeof value === 'number';
}

/** The documents matching `filter`, in store order; stops after `max` matches. */
export function matchingDocs(view: DocView, collection: string, filter: Filter, max = Infinity): Doc[] {
  return withMingo(() => {
    const query = new Query(filter);
    const ids = pinnedIds(filter);
    const candidates: Iterable<Doc> = ids
      ? [...new Set(ids)].map((id) => view.get(collection, id)).filter((doc): doc is Doc => doc !== undefined)
      : view.scan(collection);
    const matches: Doc[] = [];
    for (const doc of candidates) {
      if (matches.length >= max) break;
      if (query.test(doc)) matches.push(doc);
    }
    return matches;
  });
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

/** A query as getDocument runs it: match, sort, skip, limit, project. */
export function findDocs(view: DocView, collection: string, filter: Filter, options: FindOptions): Record<string, unknown>[] {
  const skip = options.skip ?? 0;
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  const max = hasSort || options.limit === undefined ? Infinity : skip + options.limit;
  const matches = matchingDocs(view, collection, filter, max);
  return withMingo(() => {
    const projection = options.projection && Object.keys(options.projection).length > 0 ? options.projection : undefined;
    // Stored documents are frozen and shared: mingo projects copies.
    let cursor = find(matches, {}, projection, { processingMode: ProcessingMode.CLONE_INPUT });
    if (hasSort) cursor = cursor.sort(options.sort as SortSpec);
    if (skip > 0) cursor = cursor.skip(skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return cursor.all() as Record<string, unknown>[];
  });
}

/** Checks an update document is made of known operators only. */
export function assertUpdateOperators(updateDoc: Filter): void {
  const keys = Object.keys(updateDoc);
  if (keys.length === 0) throw invalidParam('update must not be empty');
  for (const key of keys) {
    if (!key.startsWith('$')) throw invalidParam(`update mixes operators and plain field "${key}"`);
    if (!UPDATE_OPERATORS.has(key)) throw new EmulatorError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${key}`);
  }
}

/** Applies update operators to a copy of `doc`; `filter` resolves the positional `$`. */
export function applyUpdate(doc: Doc, updateDoc: Filter, filter: Filter): Doc {
  const { $setOnInsert: _ignored, ...operators } = updateDoc;
  const next = cloneValue(doc);
  if (Object.keys(operators).length > 0) {
    withMingo(() => updateOwnFields(next, operators, filter));
  }
  if (next._id !== doc._id) throw invalidParam(`field _id is immutable (document ${String(doc._id)})`);
  return next;
}

/** Replaces a document's content, keeping its `_id` (set semantics). */
export function replaceDoc(doc: Doc, replacement: Filter): Doc {
  if ('_id' in replacement && replacement._id !== doc._id) throw invalidParam('field _id is immutable');
  return { ...cloneValue(replacement), _id: doc._id };
}

/** Whether an update changed anything (the service counts only modified documents). */
export function changed(before: Doc, after: Doc): boolean {
  return toEjsonText(before) !== toEjsonText(after);
}

/** Enforces the service's rules on a document about to be written. */
export function assertWritableDoc(doc: Filter): asserts doc is Doc {
  if (typeof doc._id !== 'string' && typeof doc._id !== 'number') {
    throw invalidParam('_id must be a string or a number (the emulator supports no other _id types)');
  }
  if (doc._id === '') throw invalidParam('_id must not be empty');
  assertStorableDoc(doc);
  const size = bsonSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidParam(`document ${String(doc._id)} is ${size} bytes, more than the ${MAX_DOCUMENT_BYTES}-byte limit`);
  }
}
