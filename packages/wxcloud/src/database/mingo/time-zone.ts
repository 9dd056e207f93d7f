/**
 * Time zones as MongoDB's date operators take them: an Olson name ("Asia/Shanghai") or a UTC
 * offset ("+08", "+0800", "+08:00"), resolved with the platform's Intl database.
 */

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unrecognized time zone identifier: "${zone}"`);
    }
    formatters.set(zone, format);
  }
  return format;
}

/** Minutes east of UTC of `zone` at `date` (UTC when `zone` is undefined). */
export function offsetMinutes(date: Date, zone: unknown): number {
  if (zone === undefined || zone === null || zone === 'UTC' || zone === 'GMT') return 0;
  if (typeof zone !== 'string') throw new Error('timezone must be a string');
  const fixed = OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The wall-clock parts of `date` in `zone`. */
export function zonedParts(date: Date, zone: unknown): ZonedParts {
  const offset = offsetMinutes(date, zone);
  const wall = new Date(date.getTime() + offset * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    offsetMinutes: offset,
  };
}

/** The instant whose wall-clock time in `zone` is `wallUtcMs` (a wall time written as if UTC). */
export function fromWallTime(wallUtcMs: number, zone: unknown): Date {
  let guess = wallUtcMs - offsetMinutes(new Date(wallUtcMs), zone) * 60_000;
  guess = wallUtcMs - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}
