/**
 * `$dateFromString`, `$dateAdd` and `$dateSubtract` as MongoDB runs them, where mingo departs:
 * a date string's own UTC offset ("+05:30", "+0530", "Z", or `%z` in a format) is honoured, an
 * unparsable string is an error unless `onError` is given, and adding months clamps to the end of
 * the month (January 31 plus one month is February 28), in the given time zone.
 */
import { evalExpr } from 'mingo/core';
import type { Any, Options } from 'mingo/types/types';
import { fromWallTime, zonedParts } from './time-zone';

type Operator = (obj: Any, expr: Any, options: Options) => Any;

const FIELD_PATTERNS: Record<string, string> = {
  Y: '(?<Y>\\d{4})',
  m: '(?<m>\\d{1,2})',
  d: '(?<d>\\d{1,2})',
  H: '(?<H>\\d{1,2})',
  M: '(?<M>\\d{1,2})',
  S: '(?<S>\\d{1,2})',
  L: '(?<L>\\d{1,3})',
  z: '(?<z>[+-]\\d{2}:?\\d{2}|Z)',
  Z: '(?<Zmin>[+-]\\d+)',
  '%': '%',
};
const ISO_DATE = String.raw`(?<Y>\d{4})-(?<m>\d{2})-(?<d>\d{2})`;
const ISO_TIME = String.raw`(?:[T ](?<H>\d{2}):(?<M>\d{2})(?::(?<S>\d{2})(?:\.(?<L>\d{1,9}))?)?)?`;
const ISO_ZONE = String.raw`\s*(?<z>Z|[+-]\d{2}(?::?\d{2})?)?`;
const ISO = new RegExp(`^${ISO_DATE}${ISO_TIME}${ISO_ZONE}$`);

function formatRegExp(format: string): RegExp {
  const escaped = format.replace(
    /%(.)|([.*+?^${}()|[\]\\])/g,
    (_match, letter: string | undefined, special: string | undefined) => {
      if (special) return `\\${special}`;
      const pattern = FIELD_PATTERNS[letter ?? ''];
      if (!pattern) throw new Error(`$dateFromString: invalid format specifier %${letter ?? ''}`);
      return pattern;
    },
  );
  return new RegExp(`^${escaped}$`);
}

function offsetOf(groups: Record<string, string | undefined>): number | undefined {
  if (groups.Zmin !== undefined) return Number(groups.Zmin);
  const zone = groups.z;
  if (zone === undefined) return undefined;
  if (zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  return (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

function parseDateString(text: string, format: unknown, timezone: unknown): Date {
  const match = (typeof format === 'string' ? formatRegExp(format) : ISO).exec(text.trim());
  if (!match?.groups) throw new Error(`$dateFromString: Error parsing date string '${text}'`);
  const g = match.groups;
  const num = (key: string, fallback: number) => (g[key] === undefined ? fallback : Number(g[key]));
  const [month, day] = [num('m', 1), num('d', 1)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || num('H', 0) > 23 || num('M', 0) > 59 || num('S', 0) > 60) {
    throw new Error(`$dateFromString: Error parsing date string '${text}'`);
  }
  const millis = g.L === undefined ? 0 : Number(g.L.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(num('Y', 1970), month - 1, day, num('H', 0), num('M', 0), num('S', 0), millis);
  const offset = offsetOf(g);
  if (offset !== undefined && timezone !== undefined && timezone !== null) {
    throw new Error(
      '$dateFromString: you cannot pass in a date/time string with time ' +
        'zone information together with a timezone argument',
    );
  }
  return offset === undefined ? fromWallTime(wall, timezone) : new Date(wall - offset * 60_000);
}

const $dateFromString: Operator = (obj, expr, options) => {
  const spec = (expr ?? {}) as { dateString?: Any; format?: Any; timezone?: Any; onError?: Any; onNull?: Any };
  const text = evalExpr(obj, spec.dateString, options);
  if (text === null || text === undefined)
    return spec.onNull === undefined ? null : evalExpr(obj, spec.onNull, options);
  try {
    if (typeof text !== 'string')
      throw new Error(`$dateFromString requires that 'dateString' be a string, found: ${typeof text}`);
    return parseDateString(text, evalExpr(obj, spec.format, options), evalExpr(obj, spec.timezone, options));
  } catch (error) {
    if (spec.onError !== undefined) return evalExpr(obj, spec.onError, options);
    throw error;
  }
};

const FIXED_UNITS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };
const MONTHS_PER_UNIT: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7 };

function addToDate(op: string, sign: 1 | -1): Operator {
  return (obj, expr, options) => {
    const spec = (expr ?? {}) as { startDate?: Any; unit?: Any; amount?: Any; timezone?: Any };
    const [start, unit, amount, timezone] = [spec.startDate, spec.unit, spec.amount, spec.timezone].map((item) =>
      evalExpr(obj, item, options),
    );
    if (
      start === null ||
      start === undefined ||
      unit === null ||
      unit === undefined ||
      amount === null ||
      amount === undefined
    )
      return null;
    if (!(start instanceof Date)) throw new Error(`${op} requires startDate to be a date`);
    if (typeof amount !== 'number' || !Number.isInteger(amount)) throw new Error(`${op} requires an integral amount`);
    const steps = sign * amount;
    if (typeof unit === 'string' && unit in FIXED_UNITS)
      return new Date(start.getTime() + steps * (FIXED_UNITS[unit] ?? 0));
    const parts = zonedParts(start, timezone);
    const timeOfDay = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + parts.millisecond;
    if (typeof unit === 'string' && unit in DAYS_PER_UNIT) {
      const wall = Date.UTC(parts.year, parts.month - 1, parts.day + steps * (DAYS_PER_UNIT[unit] ?? 0)) + timeOfDay;
      return fromWallTime(wall, timezone);
    }
    if (typeof unit !== 'string' || !(unit in MONTHS_PER_UNIT))
      throw new Error(`${op}: unknown time unit value: ${String(unit)}`);
    const monthIndex = parts.year * 12 + parts.month - 1 + steps * (MONTHS_PER_UNIT[unit] ?? 0);
    const [year, month] = [Math.floor(monthIndex / 12), monthIndex - Math.floor(monthIndex / 12) * 12];
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return fromWallTime(Date.UTC(year, month, Math.min(parts.day, lastDay)) + timeOfDay, timezone);
  };
}

export const dateStringOperators: Record<string, Operator> = {
  $dateFromString,
  $dateAdd: addToDate('$dateAdd', 1),
  $dateSubtract: addToDate('$dateSubtract', -1),
};
