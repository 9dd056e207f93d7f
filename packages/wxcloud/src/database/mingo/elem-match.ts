/**
 * `$elemMatch` as MongoDB runs it: conditions on fields are met only by array elements that are
 * documents (mingo also tried primitives, so `{ value: { $exists: true } }` matched `['a']`);
 * conditions made only of operators apply to each element itself.
 */
import { Query } from 'mingo/query';
import type { Any, AnyObject, Options } from 'mingo/types/types';
import { resolve } from 'mingo/util';

const LOGICAL = new Set(['$and', '$or', '$nor']);

const isDocument = (value: unknown): value is AnyObject =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  !(value instanceof RegExp);

export function $elemMatch(selector: string, criteria: Any, options: Options): (doc: AnyObject) => boolean {
  if (!isDocument(criteria)) throw new Error('$elemMatch needs an Object');
  const keys = Object.keys(criteria);
  const onElement = keys.length > 0 && keys.every((key) => key.startsWith('$') && !LOGICAL.has(key));
  const query = new Query(onElement ? { element: criteria } : criteria, options);
  const test = (element: unknown): boolean => {
    if (onElement) return query.test({ element });
    return isDocument(element) && (keys.length === 0 || query.test(element));
  };
  return (doc) => {
    const value = resolve(doc, selector, { unwrapArray: true }) as unknown;
    return Array.isArray(value) && value.some(test);
  };
}
