/** Turning the EJSON strings of a request into filters, updates, documents, sort and projection. */
import { invalidParam } from '../host/errors';
import { isPlainObject, parseEjson } from '../ejson';
import type { Filter, SortSpec } from './engine';
import { hexMatchesObjectId } from './object-id-fields';

export function parseObject(text: string, now: Date, what: string): Filter {
  const value = parseEjson(text, now, what);
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`);
  return value;
}

/**
 * The filter of a request; DOC queries must name an `_id`. A hex string also matches its ObjectId
 * (object-id-fields.ts).
 */
export function parseFilter(text: string | undefined, queryType: string | undefined, now: Date): Filter {
  const filter = text === undefined || text === '' ? {} : parseObject(text, now, 'query');
  if (queryType === 'DOC' && !('_id' in filter)) throw invalidParam('a DOC query must contain _id');
  return hexMatchesObjectId(filter);
}

/** `order` arrives as `{field: 1|-1}` (current SDK) or `[{field, direction}]` (older ones). */
export function parseSort(text: string | undefined, now: Date): SortSpec | undefined {
  if (text === undefined || text === '') return undefined;
  const value = parseEjson(text, now, 'order');
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item) => {
        if (!isPlainObject(item) || typeof item.field !== 'string')
          throw invalidParam('order items must be {field, direction}');
        return [item.field, item.direction === 'desc' || item.direction === -1 ? -1 : 1];
      })
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  if (!Array.isArray(value) && !isPlainObject(value)) throw invalidParam('order must be an object');
  const sort: SortSpec = {};
  for (const [field, direction] of entries) {
    if (direction !== 1 && direction !== -1) throw invalidParam(`order of ${field} must be 1 or -1`);
    sort[field] = direction;
  }
  return sort;
}
