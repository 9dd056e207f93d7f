/**
 * String expression operators where mingo departs from MongoDB: `$indexOfCP` (missing),
 * `$indexOfBytes` (counted UTF-16 units, not UTF-8 bytes), `$substr` / `$substrBytes` (MongoDB
 * reads a negative start or length as "very large": empty string, or the rest of the string) and
 * `$substrCP` (MongoDB refuses a negative start or length), `$toUpper` / `$toLower` (null and
 * missing give an empty string). Semantics follow MongoDB's server code.
 */
import { evalExpr } from 'mingo/core';
import type { Any, Options } from 'mingo/types/types';

type Operator = (obj: Any, expr: Any, options: Options) => Any;

function args(op: string, obj: Any, expr: Any, options: Options, min: number, max: number): Any[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max)
    throw new Error(`${op} requires between ${min} and ${max} arguments`);
  return evalExpr(obj, expr, options) as Any[];
}

function nonNegativeInteger(op: string, what: string, value: Any): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${op} requires a nonnegative ${what}`);
  return value;
}

/** `[string, substring, start?, end?]`; `measure` turns a string into indexable units. */
function indexOf<U>(op: string, toUnits: (text: string) => U[]): Operator {
  return (obj, expr, options) => {
    const [text, search, start, end] = args(op, obj, expr, options, 2, 4);
    if (text === null || text === undefined) return null;
    if (typeof text !== 'string') throw new Error(`${op} requires a string as the first argument`);
    if (typeof search !== 'string') throw new Error(`${op} requires a string as the second argument`);
    const units = toUnits(text);
    const needle = toUnits(search);
    const from = start === undefined ? 0 : nonNegativeInteger(op, 'start index', start);
    const to = Math.min(units.length, end === undefined ? units.length : nonNegativeInteger(op, 'end index', end));
    for (let at = from; at + needle.length <= to; at += 1) {
      if (needle.every((unit, offset) => units[at + offset] === unit)) return at;
    }
    return -1;
  };
}

const codePoints = (text: string): string[] => [...text];
const utf8Bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** MongoDB's `$substrBytes` (and its alias `$substr`): negative numbers are read as very large. */
function substrBytes(op: string): Operator {
  return (obj, expr, options) => {
    const [text, start, count] = args(op, obj, expr, options, 3, 3);
    if (typeof start !== 'number' || typeof count !== 'number')
      throw new Error(`${op}: starting index and length must be numeric`);
    const value = text === null || text === undefined ? '' : String(text instanceof Date ? text.toISOString() : text);
    const bytes = Buffer.from(value, 'utf8');
    const lower = start < 0 ? Infinity : Math.trunc(start);
    if (lower >= bytes.length) return '';
    const upper = count < 0 ? bytes.length : Math.min(bytes.length, lower + Math.trunc(count));
    if (isContinuation(bytes[lower]))
      throw new Error(`${op}: Invalid range, starting index is a UTF-8 continuation byte.`);
    if (isContinuation(bytes[upper]))
      throw new Error(`${op}: Invalid range, ending index is in the middle of a UTF-8 character.`);
    return bytes.subarray(lower, upper).toString('utf8');
  };
}

const $substrCP: Operator = (obj, expr, options) => {
  const [text, start, count] = args('$substrCP', obj, expr, options, 3, 3);
  if (typeof start !== 'number' || !Number.isInteger(start))
    throw new Error('$substrCP: starting index must be a numeric type');
  if (typeof count !== 'number' || !Number.isInteger(count))
    throw new Error('$substrCP: length must be a numeric type');
  if (count < 0) throw new Error('$substrCP: length must be a nonnegative integer.');
  if (start < 0) throw new Error('$substrCP: the starting index must be nonnegative integer.');
  const value = text === null || text === undefined ? '' : String(text);
  return [...value].slice(start, start + count).join('');
};

function changeCase(op: string, change: (text: string) => string): Operator {
  return (obj, expr, options) => {
    const value = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options);
    if (value === null || value === undefined) return '';
    if (typeof value === 'object' && !(value instanceof Date))
      throw new Error(`${op} can't convert from BSON type ${Array.isArray(value) ? 'array' : 'object'} to String`);
    return change(value instanceof Date ? value.toISOString() : String(value));
  };
}

export const stringOperators: Record<string, Operator> = {
  $indexOfCP: indexOf('$indexOfCP', codePoints),
  $indexOfBytes: indexOf('$indexOfBytes', utf8Bytes),
  $substr: substrBytes('$substr'),
  $substrBytes: substrBytes('$substrBytes'),
  $substrCP,
  $toUpper: changeCase('$toUpper', (text) => text.toUpperCase()),
  $toLower: changeCase('$toLower', (text) => text.toLowerCase()),
};
