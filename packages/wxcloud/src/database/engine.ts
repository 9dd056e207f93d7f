/**
 * Query and update semantics, delegated to mingo (MongoDB semantics, through the emulator's
 * operator context in ./mingo): matching, sort, skip, limit, projection, update operators, and a
 * `$nearSphere` query's order by distance. A query with `_id` equality (or `$in` of ids) looks the
 * documents up in the store's Map instead of scanning. mingo's errors become the service's.
 */
import { EmulatorError, invalidParam } from '../host/errors';
import { bsonSize, cloneValue, isPlainObject, toEjsonText } from '../ejson';
import { MAX_DOCUMENT_BYTES } from '../limits';
import { assertValidId, isDocId, sameId, type Doc, type DocId } from './ids';
import { compileQuery } from './mingo/context';
import { findNear, nearDistance } from './mingo/geo';
import type { DocView } from './view';
import { updateOwnFields } from './own-fields';
import { assertStorableDoc } from './storable-doc';

/** How mingo says an operator is unknown or not enabled. */
const UNSUPPORTED_OPERATOR =
  /unknown( top level| query)? operator|unregistered|is not registered|invalid .*operator|requires 'scriptEnabled'/i;

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

/** Update operators accepted in `merge` updates ($setOnInsert only matters for upserts). */
const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

/** Runs mingo code, turning its errors into the service's error codes. */
export function withMingo<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EmulatorError) throw error;
    const message = (error as Error).message ?? String(error);
    if (UNSUPPORTED_OPERATOR.test(message)) throw new EmulatorError('DATABASE_INVALID_OPERRATOR', message);
    throw new EmulatorError('INVALID_PARAM', message);
  }
}

/** The ids a filter pins `_id` to, or undefined when it does not (then the collection is scanned). */
export function pinnedIds(filter: Filter): DocId[] | undefined {
  const condition = filter._id;
  if (isDocId(condition)) return [condition];
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    const ops = condition as Record<string, unknown>;
    if (Object.keys(ops).length === 1 && isDocId(ops.$eq)) return [ops.$eq];
    if (Object.keys(ops).length === 1 && Array.isArray(ops.$in) && ops.$in.every(isDocId)) return ops.$in as DocId[];
  }
  return undefined;
}

/** The documents matching `filter`, in store order; stops after `max` matches. */
export function matchingDocs(view: DocView, collection: string, filter: Filter, max = Infinity): Doc[] {
  return withMingo(() => {
    const query = compileQuery(filter);
    const ids = pinnedIds(filter);
    const candidates: Iterable<Doc> = ids
      ? uniqueIds(ids)
          .map((id) => view.get(collection, id))
          .filter((doc): doc is Doc => doc !== undefined)
      : view.scan(collection);
    const matches: Doc[] = [];
    for (const doc of candidates) {
      if (matches.length >= max) break;
      if (query.test(doc)) matches.push(doc);
    }
    return matches;
  });
}

function uniqueIds(ids: DocId[]): DocId[] {
  return ids.filter((id, index) => ids.findIndex((other) => sameId(other, id)) === index);
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

/** A query as getDocument runs it: match, sort, skip, limit, project. */
export function findDocs(
  view: DocView,
  collection: string,
  filter: Filter,
  options: FindOptions,
): Record<string, unknown>[] {
  const skip = options.skip ?? 0;
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  const near = withMingo(() => findNear(filter));
  const max = hasSort || near || options.limit === undefined ? Infinity : skip + options.limit;
  let matches = matchingDocs(view, collection, filter, max);
  if (near && !hasSort) matches = sortByDistance(matches, near);
  return withMingo(() => {
    const projection =
      options.projection && Object.keys(options.projection).length > 0 ? options.projection : undefined;
    // Stored documents are frozen and shared: a projection works on copies.
    let cursor = compileQuery({}).find<Record<string, unknown>>(
      projection ? matches.map(cloneValue) : matches,
      projection,
    );
    if (hasSort) cursor = cursor.sort(options.sort as SortSpec);
    if (skip > 0) cursor = cursor.skip(skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    const docs = cursor.all();
    if (!projection) return docs;
    return sliceOnly(projection)
      ? docs.map((doc) => keepUnprojected(doc, view, collection, projection))
      : docs.map(withoutUndefined);
  });
}

/** A projection that found nothing (`$elemMatch` without a match) leaves the field out, as MongoDB does. */
function withoutUndefined(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
}

const isSlice = (value: unknown): boolean =>
  isPlainObject(value) && Object.keys(value).length === 1 && '$slice' in value;

/** A projection made of top-level `$slice`s (and exclusions) keeps the other fields, as in MongoDB. */
function sliceOnly(projection: Record<string, unknown>): boolean {
  const entries = Object.entries(projection);
  return (
    entries.some(([, value]) => isSlice(value)) &&
    entries.every(([key, value]) => !key.includes('.') && (isSlice(value) || value === 0 || value === false))
  );
}

function keepUnprojected(
  projected: Record<string, unknown>,
  view: DocView,
  collection: string,
  projection: Record<string, unknown>,
): Record<string, unknown> {
  const original = view.get(collection, projected._id as DocId) ?? {};
  const kept = Object.entries(original).filter(([key]) => !(key in projection));
  const sliced = Object.entries(projected).filter(([key]) => isSlice(projection[key]));
  return Object.fromEntries([...kept, ...sliced]);
}

function sortByDistance(docs: Doc[], near: NonNullable<ReturnType<typeof findNear>>): Doc[] {
  return docs
    .map((doc) => ({ doc, meters: nearDistance(doc, near) ?? Infinity }))
    .sort((a, b) => a.meters - b.meters)
    .map(({ doc }) => doc);
}

/** Checks an update document is made of known operators only. */
export function assertUpdateOperators(updateDoc: Filter): void {
  const keys = Object.keys(updateDoc);
  if (keys.length === 0) throw invalidParam('update must not be empty');
  for (const key of keys) {
    if (!key.startsWith('$')) throw invalidParam(`update mixes operators and plain field "${key}"`);
    if (!UPDATE_OPERATORS.has(key))
      throw new EmulatorError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${key}`);
  }
}

/** Applies update operators to a copy of `doc`; `filter` resolves the positional `$`. */
export function applyUpdate(doc: Doc, updateDoc: Filter, filter: Filter): Doc {
  const { $setOnInsert: _ignored, ...operators } = updateDoc;
  const next = cloneValue(doc);
  if (Object.keys(operators).length > 0) {
    withMingo(() => updateOwnFields(next, operators, filter));
  }
  if (!sameId(next._id, doc._id)) throw invalidParam(`field _id is immutable (document ${String(doc._id)})`);
  return next;
}

/** Replaces a document's content, keeping its `_id` (set semantics). */
export function replaceDoc(doc: Doc, replacement: Filter): Doc {
  if ('_id' in replacement && !sameId(replacement._id, doc._id)) throw invalidParam('field _id is immutable');
  return { ...cloneValue(replacement), _id: doc._id };
}

/** Whether an update changed anything (the service counts only modified documents). */
export function changed(before: Doc, after: Doc): boolean {
  return toEjsonText(before) !== toEjsonText(after);
}

/** Enforces the service's rules on a document about to be written. */
export function assertWritableDoc(doc: Filter): asserts doc is Doc {
  assertValidId(doc._id);
  assertStorableDoc(doc);
  const size = bsonSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidParam(`document ${String(doc._id)} is ${size} bytes, more than the ${MAX_DOCUMENT_BYTES}-byte limit`);
  }
}
