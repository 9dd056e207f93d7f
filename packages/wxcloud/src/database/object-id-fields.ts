/**
 * ObjectIds in fields other than `_id`, as the service's get() shows them: the service answers them
 * as their 24-digit hex strings (wx-server-sdk has no ObjectId type at all), and a where on such a
 * field with that string matches, as a where with the ObjectId itself does. An `_id` keeps its type
 * (an ObjectId `_id` is never its hex string), and aggregations see the stored values unchanged.
 */
import { ObjectId } from 'bson';
import { isPlainObject } from '../ejson';
import type { Filter } from './engine';
import { isObjectId } from './ids';

const HEX_ID = /^[0-9a-fA-F]{24}$/;
const LOGICAL = new Set(['$and', '$or', '$nor']);

/** A result document with every ObjectId but the top-level `_id` written as its hex string. */
export function objectIdsAsHex<T extends Record<string, unknown>>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) out[key] = key === '_id' ? value : hexDeep(value);
  return out as T;
}

function hexDeep(value: unknown): unknown {
  if (isObjectId(value)) return value.toHexString();
  if (Array.isArray(value)) return value.map(hexDeep);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hexDeep(item)]));
  return value;
}

/** A filter where a hex string compared to a field other than `_id` also matches that ObjectId. */
export function hexMatchesObjectId(filter: Filter): Filter {
  const out: Filter = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (LOGICAL.has(key) && Array.isArray(condition))
      out[key] = condition.map((part) => (isPlainObject(part) ? hexMatchesObjectId(part) : part));
    else if (key === '_id' || key.startsWith('$')) out[key] = condition;
    else out[key] = widenCondition(condition);
  }
  return out;
}

function widenCondition(condition: unknown): unknown {
  if (isHex(condition)) return { $in: widen([condition]) };
  if (!isPlainObject(condition) || !Object.keys(condition).every((key) => key.startsWith('$'))) return condition;
  const out: Record<string, unknown> = { ...condition };
  if (Array.isArray(condition.$in)) out.$in = widen(condition.$in);
  if (Array.isArray(condition.$nin)) out.$nin = widen(condition.$nin);
  if (isHex(condition.$eq) && !('$in' in condition)) {
    delete out.$eq;
    out.$in = widen([condition.$eq]);
  }
  if (isHex(condition.$ne) && !('$nin' in condition)) {
    delete out.$ne;
    out.$nin = widen([condition.$ne]);
  }
  return out;
}

/** Each hex string, followed by the ObjectId it spells. */
function widen(list: unknown[]): unknown[] {
  return list.flatMap((item) => (isHex(item) ? [item, ObjectId.createFromHexString(item)] : [item]));
}

function isHex(value: unknown): value is string {
  return typeof value === 'string' && HEX_ID.test(value);
}
