/**
 * Differential cases from MongoDB's documentation for date and string expression operators, run
 * as `$project` stages of a raw aggregation through @cloudbase/node-sdk against the emulator and
 * compared with the documented results (or the documented error).
 */
import { useEmulator } from '../../../test-support/use-emulator';
import { nodeSdkDatabase, rawAggregate } from './sdk-clients';

const emu = useEmulator({ collections: ['c'] });

const DATE = new Date('2014-01-01T08:15:39.736Z');

/** [expression, expected value]; `Error` means the aggregation must fail. */
type ExpressionCase = [string, unknown, unknown];

const DATE_CASES: ExpressionCase[] = [
  ['$week of 2014-01-01 (before the first Sunday)', { $week: '$date' }, 0],
  ['$week of 2019-05-14 (Sunday-based)', { $week: new Date('2019-05-14T00:00:00Z') }, 19],
  ['$week with a time zone', { $week: { date: new Date('2019-05-12T02:00:00Z'), timezone: 'America/New_York' } }, 18],
  ['$dateToString %Y-%m-%d', { $dateToString: { format: '%Y-%m-%d', date: '$date' } }, '2014-01-01'],
  [
    '$dateToString with an Olson time zone',
    { $dateToString: { format: '%H:%M:%S:%L%z', date: '$date', timezone: 'America/New_York' } },
    '03:15:39:736-0500',
  ],
  [
    '$dateToString with an offset',
    { $dateToString: { format: '%H:%M:%S:%L%z', date: '$date', timezone: '+04:30' } },
    '12:45:39:736+0430',
  ],
  [
    '$dateToString %Z (minutes)',
    { $dateToString: { format: '%Z', date: '$date', timezone: 'America/New_York' } },
    '-300',
  ],
  ['$dateToString %Z with an offset', { $dateToString: { format: '%Z', date: '$date', timezone: '+04:30' } }, '270'],
  ['$dateToString %b and %B', { $dateToString: { format: '%b %B', date: '$date', timezone: '+04' } }, 'Jan January'],
  [
    '$dateToString week and day specifiers',
    { $dateToString: { format: '%w %u %U %V %G %j %%', date: '$date' } },
    '4 3 00 01 2014 001 %',
  ],
  ['$dateToString default format', { $dateToString: { date: '$date' } }, '2014-01-01T08:15:39.736Z'],
  ['$dateToString onNull', { $dateToString: { date: '$missing', onNull: 'none' } }, 'none'],
  ['$dateFromParts', { $dateFromParts: { year: 2017, month: 2, day: 8, hour: 12 } }, new Date('2017-02-08T12:00:00Z')],
  [
    '$dateFromParts ISO week',
    { $dateFromParts: { isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3, hour: 12 } },
    new Date('2017-02-08T12:00:00Z'),
  ],
  [
    '$dateFromParts with a time zone',
    {
      $dateFromParts: {
        year: 2016,
        month: 12,
        day: 31,
        hour: 23,
        minute: 46,
        second: 12,
        timezone: 'America/New_York',
      },
    },
    new Date('2017-01-01T04:46:12Z'),
  ],
  [
    '$dateFromParts ISO week with a time zone',
    { $dateFromParts: { isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3, hour: 12, timezone: 'America/New_York' } },
    new Date('2017-02-08T17:00:00Z'),
  ],
  [
    '$dateFromString with a time zone',
    { $dateFromString: { dateString: '2017-02-08T12:10:40.787', timezone: 'America/New_York' } },
    new Date('2017-02-08T17:10:40.787Z'),
  ],
  [
    '$dateFromString with a format',
    { $dateFromString: { dateString: '15-06-2018', format: '%d-%m-%Y' } },
    new Date('2018-06-15T00:00:00Z'),
  ],
  [
    "$dateFromString with the string's own offset",
    { $dateFromString: { dateString: '2017-02-08T12:10:40.787+05:30' } },
    new Date('2017-02-08T06:40:40.787Z'),
  ],
  [
    '$dateFromString with %z in the format',
    { $dateFromString: { dateString: '2017-02-08 12:10:40 +0530', format: '%Y-%m-%d %H:%M:%S %z' } },
    new Date('2017-02-08T06:40:40Z'),
  ],
  ['$dateFromString onError', { $dateFromString: { dateString: '20177-02-09T03:35:02.055', onError: 'bad' } }, 'bad'],
  ['$dateFromString onNull', { $dateFromString: { dateString: '$missing', onNull: 'none' } }, 'none'],
  ['$dateFromString of an unparsable string', { $dateFromString: { dateString: '20177-02-09T03:35:02.055' } }, Error],
  [
    '$dateFromString with an offset and a timezone',
    { $dateFromString: { dateString: '2017-02-08T12:10:40Z', timezone: 'Asia/Shanghai' } },
    Error,
  ],
  [
    '$dateAdd a month to January 31',
    { $dateAdd: { startDate: new Date('2021-01-31T12:10:05Z'), unit: 'month', amount: 1 } },
    new Date('2021-02-28T12:10:05Z'),
  ],
  [
    '$dateSubtract a month from March 31',
    { $dateSubtract: { startDate: new Date('2021-03-31T12:10:05Z'), unit: 'month', amount: 1 } },
    new Date('2021-02-28T12:10:05Z'),
  ],
  [
    '$dateAdd a day across DST in a time zone',
    { $dateAdd: { startDate: new Date('2021-03-13T12:00:00Z'), unit: 'day', amount: 1, timezone: 'America/New_York' } },
    new Date('2021-03-14T11:00:00Z'),
  ],
  [
    '$dateAdd a day in UTC',
    { $dateAdd: { startDate: new Date('2021-03-13T12:00:00Z'), unit: 'day', amount: 1 } },
    new Date('2021-03-14T12:00:00Z'),
  ],
  [
    '$dateAdd hours',
    {
      $dateAdd: { startDate: new Date('2021-03-13T12:00:00Z'), unit: 'hour', amount: 25, timezone: 'America/New_York' },
    },
    new Date('2021-03-14T13:00:00Z'),
  ],
  [
    '$dateAdd a quarter',
    { $dateAdd: { startDate: new Date('2020-11-30T00:00:00Z'), unit: 'quarter', amount: 1 } },
    new Date('2021-02-28T00:00:00Z'),
  ],
];

const STRING_CASES: ExpressionCase[] = [
  ['$indexOfCP', { $indexOfCP: ['cafeteria', 'e'] }, 3],
  ['$indexOfCP accented', { $indexOfCP: ['cafétéria', 'é'] }, 3],
  ['$indexOfCP after an accent', { $indexOfCP: ['cafétéria', 't'] }, 4],
  ['$indexOfCP from a start', { $indexOfCP: ['foo.bar.fi', '.', 5] }, 7],
  ['$indexOfCP in a range', { $indexOfCP: ['vanilla', 'll', 0, 2] }, -1],
  ['$indexOfCP start past the end', { $indexOfCP: ['vanilla', 'll', 12] }, -1],
  ['$indexOfCP start after end', { $indexOfCP: ['vanilla', 'll', 5, 2] }, -1],
  ['$indexOfCP of null', { $indexOfCP: [null, 'foo'] }, null],
  ['$indexOfCP negative start', { $indexOfCP: ['vanilla', 'll', -1] }, Error],
  ['$indexOfBytes', { $indexOfBytes: ['cafeteria', 'e'] }, 3],
  ['$indexOfBytes accented', { $indexOfBytes: ['cafétéria', 'é'] }, 3],
  ['$indexOfBytes counts bytes', { $indexOfBytes: ['cafétéria', 't'] }, 5],
  ['$indexOfBytes from a start', { $indexOfBytes: ['foo.bar.fi', '.', 5] }, 7],
  ['$indexOfBytes of null', { $indexOfBytes: [null, 'foo'] }, null],
  ['$strLenBytes', { $strLenBytes: 'cafétéria' }, 11],
  ['$strLenBytes CJK', { $strLenBytes: '寿司sushi' }, 11],
  ['$strLenCP', { $strLenCP: 'cafétéria' }, 9],
  ['$strLenCP emoji', { $strLenCP: '😀a' }, 2],
  ['$substrBytes', { $substrBytes: ['cafétéria', 0, 5] }, 'café'],
  ['$substrBytes middle', { $substrBytes: ['cafétéria', 5, 4] }, 'tér'],
  ['$substrBytes CJK', { $substrBytes: ['寿司sushi', 0, 3] }, '寿'],
  ['$substrBytes start in a character', { $substrBytes: ['cafétéria', 7, 3] }, Error],
  ['$substrBytes end in a character', { $substrBytes: ['cafétéria', 3, 1] }, Error],
  ['$substrBytes negative length: the rest', { $substrBytes: ['abcde', 1, -1] }, 'bcde'],
  ['$substrBytes start past the end', { $substrBytes: ['abcde', 10, 2] }, ''],
  ['$substr negative start', { $substr: ['abcde', -1, 2] }, ''],
  ['$substr negative length', { $substr: ['abcde', 2, -1] }, 'cde'],
  ['$substrCP', { $substrCP: ['cafétéria', 0, 5] }, 'cafét'],
  // The documentation's table repeats $substrBytes' "tér" here; code points 5-8 are "éria".
  ['$substrCP middle', { $substrCP: ['cafétéria', 5, 4] }, 'éria'],
  ['$substrCP past the end', { $substrCP: ['cafétéria', 7, 3] }, 'ia'],
  ['$substrCP accented', { $substrCP: ['cafétéria', 3, 1] }, 'é'],
  ['$substrCP CJK', { $substrCP: ['寿司sushi', 0, 3] }, '寿司s'],
  ['$substrCP negative start', { $substrCP: ['abc', -1, 1] }, Error],
  ['$substrCP negative length', { $substrCP: ['abc', 0, -1] }, Error],
  ['$toUpper of null is an empty string', { $toUpper: '$missing' }, ''],
  ['$toLower of a number', { $toLower: 12 }, '12'],
  ['$ltrim with chars', { $ltrim: { input: '  ggggoodbyeeeee', chars: ' ge' } }, 'oodbyeeeee'],
  ['$rtrim with chars', { $rtrim: { input: '  ggggoodbyeeeee', chars: ' ge' } }, '  ggggoodby'],
  ['$trim of whitespace', { $trim: { input: ' \n good  bye \t ' } }, 'good  bye'],
  [
    '$regexFind',
    { $regexFind: { input: 'Single LINE description.', regex: 'line', options: 'i' } },
    { match: 'LINE', idx: 7, captures: [] },
  ],
  ['$strcasecmp', { $strcasecmp: ['13Q4', '13q4'] }, 0],
  ['$concat with a missing field', { $concat: ['a', '$missing'] }, null],
  [
    '$toUpper, $split, $strcasecmp',
    { $concat: [{ $toUpper: 'ab' }, '-', { $arrayElemAt: [{ $split: ['x,y', ','] }, 1] }] },
    'AB-y',
  ],
];

beforeEach(async () => {
  await nodeSdkDatabase(emu)
    .collection('c')
    .add([{ _id: 1, date: DATE }]);
});

test.each([...DATE_CASES, ...STRING_CASES])('%s', async (_name, expression, expected) => {
  const run = rawAggregate(nodeSdkDatabase(emu), 'c', [{ $project: { _id: 0, value: expression } }]);
  if (expected === Error) {
    await expect(run).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    return;
  }
  expect(await run).toEqual([{ value: expected }]);
});
