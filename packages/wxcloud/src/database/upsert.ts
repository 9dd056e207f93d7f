/**
 * Upsert, which mingo lacks, done once and by MongoDB's rules: when nothing matches, the new
 * document is seeded from the filter's equality conditions (top level and inside `$and`, dot
 * paths expanded; operators other than `$eq` ignored), then the update operators and
 * `$setOnInsert` are applied; a replacement (set) keeps only the filter's `_id`. Without an `_id`
 * in the filter a new one is generated.
 */
import { invalidParam } from '../host/errors';
import { cloneValue, isPlainObject } from '../ejson';
import { isDocId, sameId, type Doc, type DocId } from './ids';
import { withMingo, type Filter } from './engine';
import { updateOwnFields } from './own-fields';

/** The equality conditions of a filter, as `path -> value`. */
export function equalityFields(filter: Filter): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  collect(filter, fields);
  return fields;
}

function collect(filter: Filter, fields: Map<string, unknown>): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collect(part, fields);
      continue;
    }
    if (key.startsWith('$')) continue;
    const equal = equalityValue(condition);
    if (equal.found) {
      if (fields.has(key)) throw invalidParam(`upsert filter sets field ${key} more than once`);
      fields.set(key, equal.value);
    }
  }
}

function equalityValue(condition: unknown): { found: boolean; value?: unknown } {
  if (!isPlainObject(condition)) return { found: !(condition instanceof RegExp), value: condition };
  const keys = Object.keys(condition);
  if (keys.length > 0 && keys.every((key) => key.startsWith('$'))) {
    return keys.length === 1 && '$eq' in condition ? { found: true, value: condition.$eq } : { found: false };
  }
  return { found: true, value: condition };
}

/** The document an upsert inserts when its filter matched nothing. */
export function buildUpsertDoc(filter: Filter, updateDoc: Filter, merge: boolean, newId: () => string): Doc {
  const seedId = equalityFields(filter).get('_id');
  const id: DocId = isDocId(seedId) ? seedId : newId();
  if (!merge) {
    if ('_id' in updateDoc && !sameId(updateDoc._id, id)) throw invalidParam('field _id is immutable');
    return { ...cloneValue(updateDoc), _id: id };
  }
  const seed: Record<string, unknown> = {};
  const seedSet: Record<string, unknown> = {};
  for (const [path, value] of equalityFields(filter)) if (path !== '_id') seedSet[path] = cloneValue(value);
  const { $setOnInsert, ...operators } = updateDoc;
  withMingo(() => {
    if (Object.keys(seedSet).length > 0) updateOwnFields(seed, { $set: seedSet });
    if (Object.keys(operators).length > 0) updateOwnFields(seed, operators);
    if (isPlainObject($setOnInsert)) updateOwnFields(seed, { $set: $setOnInsert });
  });
  if ('_id' in seed && !sameId(seed._id, id)) throw invalidParam('field _id is immutable');
  return { ...seed, _id: id };
}
