/**
 * EJSON at the emulator's edges. The SDK sends queries, updates and documents as canonical EJSON
 * strings (bson's EJSON.stringify with relaxed: false) plus CloudBase's `$tcb_server_date`
 * extension; it parses our replies with EJSON.parse. Inside, values are plain JS (numbers, Date,
 * RegExp) so that mingo can evaluate them; other BSON types (ObjectId, Decimal128...) pass through.
 */
import { BSON, BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './host/errors';
import { MAX_NESTING_DEPTH } from './limits';

const JS_REGEXP_FLAGS = new Set(['i', 'm', 's', 'u']);

/** Parses an EJSON string from a request. `now` is the server time `$tcb_server_date` resolves against. */
export function parseEjson(text: string, now: Date, what = 'value'): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidParam(`${what} is not valid EJSON: ${(error as Error).message}`);
  }
  return fromEjsonValue(json, now, what);
}

/**
 * Whether a decimal integer means exactly the double it parses to, in the form a double prints:
 * `9007199254740993` does not (it would become ...992); `1152921504606847000`, the way bson writes
 * the double 2^60, does. Anything else (a fraction, an exponent) is a double by nature.
 */
export function isExactAsDouble(literal: string): boolean {
  if (!/^[-+]?\d+$/.test(literal)) return true;
  const number = Number(literal);
  return Number.isSafeInteger(number) || String(number) === BigInt(literal).toString();
}

/** The emulator keeps integers as doubles: a `$numberLong` a double cannot hold is refused, never rounded. */
function assertExactLongs(value: unknown, what: string, path: string, depth = 0): void {
  if (depth > MAX_NESTING_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value))
    return value.forEach((item, index) => assertExactLongs(item, what, `${path}.${index}`, depth + 1));
  const long = (value as Record<string, unknown>).$numberLong;
  if (typeof long === 'string' && !isExactAsDouble(long)) {
    throw invalidParam(
      `${what}: field "${path.slice(1)}": {"$numberLong": "${long}"} cannot ` +
        `be kept exactly (the emulator stores numbers as doubles, exact up to ` +
        `±2^53); store it as a string`,
    );
  }
  for (const [key, item] of Object.entries(value)) assertExactLongs(item, what, `${path}.${key}`, depth + 1);
}

/** Converts an already-parsed EJSON value (e.g. an exported document) to runtime values. */
export function fromEjsonValue(value: unknown, now: Date, what = 'value'): unknown {
  assertExactLongs(value, what, '');
  let raw: unknown;
  try {
    raw = EJSON.deserialize(value as Parameters<typeof EJSON.deserialize>[0], { relaxed: true });
  } catch (error) {
    throw invalidParam(`${what} is not valid EJSON: ${(error as Error).message}`);
  }
  return toRuntime(raw, now, 0, what);
}

function toRuntime(value: unknown, now: Date, depth: number, what: string): unknown {
  if (depth > MAX_NESTING_DEPTH) throw invalidParam(`${what} is nested deeper than ${MAX_NESTING_DEPTH} levels`);
  if (value instanceof BSONRegExp) return toJsRegExp(value, what);
  if (value instanceof Date && Number.isNaN(value.getTime())) throw invalidParam(`${what} contains an invalid date`);
  if (Array.isArray(value)) return value.map((item) => toRuntime(item, now, depth + 1, what));
  if (!isPlainObject(value)) return value;
  const serverDate = value['$tcb_server_date'];
  if (serverDate !== undefined) return resolveServerDate(serverDate, now, what);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Assigning `__proto__` would set the prototype and drop the field without a word.
    if (key === '__proto__') throw invalidParam(`${what}: a field named "__proto__" is not supported by the emulator`);
    result[key] = toRuntime(item, now, depth + 1, what);
  }
  return result;
}

function resolveServerDate(spec: unknown, now: Date, what: string): Date {
  const offset = isPlainObject(spec) ? (spec.offset ?? 0) : 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) {
    throw invalidParam(`${what}: $tcb_server_date.offset must be a number of milliseconds`);
  }
  return new Date(now.getTime() + offset);
}

function toJsRegExp(value: BSONRegExp, what: string): RegExp {
  const flags = [...value.options].filter((flag) => flag !== 'g');
  const unsupported = flags.filter((flag) => !JS_REGEXP_FLAGS.has(flag));
  if (unsupported.length > 0) {
    throw invalidParam(
      `${what}: regular expression option(s) "${unsupported.join('')}" are not supported by the emulator`,
    );
  }
  try {
    return new RegExp(value.pattern, flags.join(''));
  } catch (error) {
    throw invalidParam(`${what}: invalid regular expression: ${(error as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Canonical EJSON text of a value, as the service returns documents. */
export function toEjsonText(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: false });
}

/** Canonical EJSON object form of a value (for the journal and for exports). */
export function toEjsonValue(value: unknown): unknown {
  return EJSON.serialize(value as Parameters<typeof EJSON.serialize>[0], { relaxed: false });
}

/** Size of a document as BSON, the measure of the service's document size limit. */
export function bsonSize(doc: Record<string, unknown>): number {
  return BSON.calculateObjectSize(doc);
}

/** Deep copy of a runtime value; BSON value objects are immutable and shared. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneValue(item) as unknown) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = cloneValue(item);
  return result as T;
}
