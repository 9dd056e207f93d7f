/**
 * Date expression operators where mingo departs from MongoDB: `$week` (MongoDB's: weeks start on
 * Sunday, days before the year's first Sunday are week 0), `$dateToString` (every MongoDB format
 * specifier, `%w` being 1 for Sunday, time zones by Olson name or offset, `onNull`) and the ISO
 * week form of `$dateFromParts`. Other forms go to mingo's own operators.
 */
import { evalExpr } from 'mingo/core';
import { $dateFromParts as mingoDateFromParts } from 'mingo/operators/expression/date';
import type { Any, Options } from 'mingo/types/types';
import { fromWallTime, zonedParts, type ZonedParts } from './time-zone';

type Operator = (obj: Any, expr: Any, options: Options) => Any;
const DAY_MS = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date operator's argument: a date, `{ date, timezone }`, or `[date]`. */
function dateArgument(obj: Any, expr: Any, options: Options): { date: unknown; timezone: unknown } {
  if (expr !== null && typeof expr === 'object' && !Array.isArray(expr) && !(expr instanceof Date) && 'date' in expr) {
    const spec = expr as { date: Any; timezone?: Any };
    return { date: evalExpr(obj, spec.date, options), timezone: evalExpr(obj, spec.timezone, options) };
  }
  const value = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options);
  return { date: value, timezone: undefined };
}

const pad = (value: number, width: number): string => String(Math.abs(value)).padStart(width, '0');

function weekday(parts: ZonedParts): number {
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
}

function dayOfYear(parts: ZonedParts): number {
  return Math.round((Date.UTC(parts.year, parts.month - 1, parts.day) - Date.UTC(parts.year, 0, 1)) / DAY_MS) + 1;
}

/** MongoDB's `$week` / `%U`: Sunday-based, 0 before the first Sunday. */
function sundayWeek(parts: ZonedParts): number {
  return Math.floor((dayOfYear(parts) - 1 + 7 - weekday(parts)) / 7);
}

function isoWeek(parts: ZonedParts): { year: number; week: number; day: number } {
  const day = weekday(parts) || 7;
  const thursday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week, day };
}

function specifier(letter: string, parts: ZonedParts): string {
  const offset = parts.offsetMinutes;
  switch (letter) {
    case 'Y':
      return pad(parts.year, 4);
    case 'm':
      return pad(parts.month, 2);
    case 'd':
      return pad(parts.day, 2);
    case 'H':
      return pad(parts.hour, 2);
    case 'M':
      return pad(parts.minute, 2);
    case 'S':
      return pad(parts.second, 2);
    case 'L':
      return pad(parts.millisecond, 3);
    case 'j':
      return pad(dayOfYear(parts), 3);
    case 'w':
      return String(weekday(parts) + 1);
    case 'U':
      return pad(sundayWeek(parts), 2);
    case 'u':
      return String(isoWeek(parts).day);
    case 'V':
      return pad(isoWeek(parts).week, 2);
    case 'G':
      return pad(isoWeek(parts).year, 4);
    case 'b':
      return (MONTHS[parts.month - 1] ?? '').slice(0, 3);
    case 'B':
      return MONTHS[parts.month - 1] ?? '';
    case 'z':
      return `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60), 2)}${pad(offset % 60, 2)}`;
    case 'Z':
      return String(offset);
    case '%':
      return '%';
    default:
      throw new Error(`$dateToString: invalid format specifier %${letter}`);
  }
}

const $dateToString: Operator = (obj, expr, options) => {
  const spec = (expr ?? {}) as { date?: Any; format?: Any; timezone?: Any; onNull?: Any };
  const date = evalExpr(obj, spec.date, options);
  if (date === null || date === undefined)
    return spec.onNull === undefined ? null : evalExpr(obj, spec.onNull, options);
  if (!(date instanceof Date)) throw new Error('$dateToString: date must be a date');
  const format = spec.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : evalExpr(obj, spec.format, options);
  if (typeof format !== 'string') throw new Error('$dateToString: format must be a string');
  const parts = zonedParts(date, evalExpr(obj, spec.timezone, options));
  return format.replace(/%(.?)/g, (_match, letter: string) => specifier(letter, parts));
};

const $week: Operator = (obj, expr, options) => {
  const { date, timezone } = dateArgument(obj, expr, options);
  if (date === null || date === undefined) return null;
  if (!(date instanceof Date)) throw new Error("$week: can't convert to a date");
  return sundayWeek(zonedParts(date, timezone));
};

const $dateFromParts: Operator = (obj, expr, options) => {
  const spec = (expr ?? {}) as Record<string, Any>;
  if (spec.isoWeekYear === undefined)
    return mingoDateFromParts(obj as Record<string, Any>, expr as Record<string, Any>, options);
  const value = (key: string, fallback: number): number => {
    const item = evalExpr(obj, spec[key], options);
    return item === undefined || item === null ? fallback : Number(item);
  };
  const year = value('isoWeekYear', 1970);
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS;
  const days = (value('isoWeek', 1) - 1) * 7 + (value('isoDayOfWeek', 1) - 1);
  const wall =
    week1Monday +
    days * DAY_MS +
    value('hour', 0) * 3_600_000 +
    value('minute', 0) * 60_000 +
    value('second', 0) * 1000 +
    value('millisecond', 0);
  return fromWallTime(wall, evalExpr(obj, spec.timezone, options));
};

export const dateOperators: Record<string, Operator> = { $week, $dateToString, $dateFromParts };
