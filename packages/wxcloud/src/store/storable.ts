/**
 * What a store may hold: documents that read back exactly as written after any restart. A value
 * is storable when the journal's EJSON encoding gives it back with the same types and contents:
 * no field name starting with `$` (MongoDB refuses them for storage, and EJSON would read
 * `{ $oid }`, `{ $date }`... back as another type), no `__proto__` field (a JS object cannot keep
 * it as data), no invalid date, no `undefined`, nesting no deeper than the parser accepts.
 * Stored documents are deep-frozen, so no reader can change what the store holds.
 */
import { toEjsonText } from '../ejson';
import { MAX_NESTING_DEPTH } from '../limits';

/** Why a value is not storable, with the dotted path of the offending field. */
export class UnstorableValueError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `field "${path}": ${reason}` : reason);
    this.name = 'UnstorableValueError';
  }
}

/** Throws UnstorableValueError when `doc` could not be replayed exactly. */
export function assertStorable(doc: Record<string, unknown>): void {
  visit(doc, '', 0);
}

function visit(value: unknown, path: string, depth: number): void {
  if (depth > MAX_NESTING_DEPTH) throw new UnstorableValueError(path, `nested deeper than ${MAX_NESTING_DEPTH} levels`);
  if (value === undefined) throw new UnstorableValueError(path, 'undefined is not a storable value');
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new UnstorableValueError(path, `a ${typeof value} is not a storable value`);
  }
  if (value === null || typeof value !== 'object') return;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnstorableValueError(path, 'invalid date');
    return;
  }
  if (value instanceof RegExp || '_bsontype' in value) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value))
        throw new UnstorableValueError(`${path}.${index}`, 'an array hole is not a storable value');
      visit(value[index], join(path, String(index)), depth + 1);
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const where = join(path, key);
    if (key.startsWith('$'))
      throw new UnstorableValueError(
        where,
        `the dollar ($) prefixed field '${key}' in '${where}' is not valid for storage`,
      );
    if (key === '__proto__')
      throw new UnstorableValueError(where, 'a field named "__proto__" is not supported by the emulator');
    visit((value as Record<string, unknown>)[key], where, depth + 1);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Freezes a stored value and everything inside it (BSON value objects are immutable already). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Date || value instanceof RegExp || '_bsontype' in value) return value;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
  return value;
}

/** Whether two stored values are the same: same types, same contents, same key order. */
export function sameStoredValue(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (a instanceof Date) return b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (a instanceof RegExp) return b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameStoredValue(item, b[index]));
  if ('_bsontype' in a) return '_bsontype' in b && a._bsontype === b._bsontype && toEjsonText(a) === toEjsonText(b);
  if (Array.isArray(b) || b instanceof Date || b instanceof RegExp || '_bsontype' in b) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length || keysA.some((key, index) => key !== keysB[index])) return false;
  return keysA.every((key) =>
    sameStoredValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
