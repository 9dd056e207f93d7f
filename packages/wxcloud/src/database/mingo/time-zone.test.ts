/** Time zones as MongoDB's date operators read them: offsets in three spellings, Olson names across DST. */
import { fromWallTime, offsetMinutes, zonedParts } from './time-zone';

test('UTC offsets in every spelling MongoDB accepts', () => {
  const instant = new Date('2024-01-01T00:00:00Z');
  expect(['+08', '+0800', '+08:00', '-04:30', undefined, 'UTC'].map((zone) => offsetMinutes(instant, zone))).toEqual([
    480, 480, 480, -270, 0, 0,
  ]);
});

test('an Olson name follows daylight saving time', () => {
  expect(offsetMinutes(new Date('2024-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
  expect(offsetMinutes(new Date('2024-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
  expect(zonedParts(new Date('2024-07-15T12:00:00Z'), 'Asia/Shanghai')).toMatchObject({
    day: 15,
    hour: 20,
    offsetMinutes: 480,
  });
});

test('a wall-clock time in a zone becomes the right instant, on both sides of a DST change', () => {
  expect(fromWallTime(Date.UTC(2024, 2, 9, 12), 'America/New_York').toISOString()).toBe('2024-03-09T17:00:00.000Z');
  expect(fromWallTime(Date.UTC(2024, 2, 11, 12), 'America/New_York').toISOString()).toBe('2024-03-11T16:00:00.000Z');
});

test('an unknown zone is refused', () => {
  expect(() => offsetMinutes(new Date(), 'Mars/Olympus')).toThrow(/unrecognized time zone/);
});
