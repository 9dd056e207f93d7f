/**
 * Differential cases taken from MongoDB's documentation (query operators: $elemMatch, bitwise,
 * $not with a regular expression, $jsonSchema; projection $elemMatch and $slice), each run through
 * a real SDK against the emulator and compared with the documented result. Operators the service
 * does not run are refused with DATABASE_INVALID_OPERRATOR, never ignored.
 */
import { useEmulator } from '../../../test-support/use-emulator';
import { nodeSdkDatabase, rawAggregate, rawIds } from './sdk-clients';

const emu = useEmulator({ collections: ['c'] });

interface QueryCase {
  name: string;
  docs: Record<string, unknown>[];
  filter: Record<string, unknown>;
  ids: unknown[];
}

const BIN = (base64: string) => ({ $binary: { base64, subType: '00' } });
const BITS = [
  { _id: 1, a: 54 },
  { _id: 2, a: 20 },
  { _id: 3, a: 20.0 },
  { _id: 4, a: BIN('Zg==') },
];
const SURVEY = [
  {
    _id: 1,
    results: [
      { product: 'abc', score: 10 },
      { product: 'xyz', score: 5 },
    ],
  },
  {
    _id: 2,
    results: [
      { product: 'abc', score: 8 },
      { product: 'xyz', score: 7 },
    ],
  },
  {
    _id: 3,
    results: [
      { product: 'abc', score: 7 },
      { product: 'xyz', score: 8 },
    ],
  },
  {
    _id: 4,
    results: [
      { product: 'abc', score: 7 },
      { product: 'def', score: 8 },
    ],
  },
];
const MIXED = [
  { _id: 1, tags: ['a', 'b'] },
  { _id: 2, tags: [1, 2, 3] },
  { _id: 3, tags: [{ value: 1 }] },
  { _id: 4, tags: ['a', { v: 3 }] },
];
const INVENTORY = [
  { _id: 1, item: 'journal', qty: 25, size: { h: 14, w: 21, uom: 'cm' }, instock: true },
  { _id: 2, item: 'notebook', qty: 50, size: { h: 8.5, w: 11, uom: 'in' }, instock: true },
  { _id: 3, item: 'paper', qty: 100, size: { h: 8.5, w: 11, uom: 'in' }, instock: 1 },
  { _id: 4, item: 'planner', qty: 75, size: { h: 22.85, w: 30, uom: 'cm' }, instock: 1 },
  { _id: 5, item: 'postcard', qty: 45, size: { h: 10, w: 15.25, uom: 'cm' }, instock: true },
  { _id: 6, item: 'apple', qty: 45, status: 'A', instock: true },
  { _id: 7, item: 'pears', qty: 50, status: 'A', instock: true },
];
const SCHEMA = {
  required: ['item', 'qty', 'instock'],
  properties: {
    item: { bsonType: 'string' },
    qty: { bsonType: 'int' },
    size: {
      bsonType: 'object',
      required: ['uom'],
      properties: { uom: { bsonType: 'string' }, h: { bsonType: 'double' }, w: { bsonType: 'double' } },
    },
    instock: { bsonType: 'bool' },
  },
};

const QUERY_CASES: QueryCase[] = [
  {
    name: '$elemMatch on values',
    docs: [
      { _id: 1, results: [82, 85, 88] },
      { _id: 2, results: [75, 88, 89] },
    ],
    filter: { results: { $elemMatch: { $gte: 80, $lt: 85 } } },
    ids: [1],
  },
  {
    name: '$elemMatch on embedded documents',
    docs: SURVEY,
    filter: { results: { $elemMatch: { product: 'xyz', score: { $gte: 8 } } } },
    ids: [3],
  },
  {
    name: '$elemMatch: a primitive never meets a field condition ($exists)',
    docs: MIXED,
    filter: { tags: { $elemMatch: { value: { $exists: true } } } },
    ids: [3],
  },
  {
    name: '$elemMatch: a primitive never meets a field condition ($mod)',
    docs: MIXED,
    filter: { tags: { $elemMatch: { v: { $mod: [3, 0] } } } },
    ids: [4],
  },
  {
    name: '$elemMatch with $or of field conditions',
    docs: MIXED,
    filter: { tags: { $elemMatch: { $or: [{ value: 1 }, { v: 3 }] } } },
    ids: [3, 4],
  },
  { name: '$bitsAllSet positions', docs: BITS, filter: { a: { $bitsAllSet: [1, 5] } }, ids: [1, 4] },
  { name: '$bitsAllSet bitmask', docs: BITS, filter: { a: { $bitsAllSet: 50 } }, ids: [1] },
  { name: '$bitsAllSet BinData bitmask', docs: BITS, filter: { a: { $bitsAllSet: BIN('MA==') } }, ids: [1] },
  { name: '$bitsAnySet positions', docs: BITS, filter: { a: { $bitsAnySet: [1, 5] } }, ids: [1, 4] },
  { name: '$bitsAnySet bitmask', docs: BITS, filter: { a: { $bitsAnySet: 35 } }, ids: [1, 4] },
  { name: '$bitsAllClear positions', docs: BITS, filter: { a: { $bitsAllClear: [1, 5] } }, ids: [2, 3] },
  { name: '$bitsAllClear bitmask', docs: BITS, filter: { a: { $bitsAllClear: 35 } }, ids: [2, 3] },
  { name: '$bitsAnyClear positions', docs: BITS, filter: { a: { $bitsAnyClear: [1, 5] } }, ids: [2, 3] },
  { name: '$bitsAnyClear bitmask', docs: BITS, filter: { a: { $bitsAnyClear: 35 } }, ids: [1, 2, 3, 4] },
  {
    name: 'bitwise on a negative number (sign-extended)',
    docs: [
      { _id: 1, a: -5 },
      { _id: 2, a: 5 },
    ],
    filter: { a: { $bitsAllSet: [63, 1] } },
    ids: [1],
  },
  {
    name: '$not with a regular expression',
    docs: [{ _id: 1, item: 'pencil' }, { _id: 2, item: 'eraser' }, { _id: 3 }],
    filter: { item: { $not: /^p.*/ } },
    ids: [2, 3],
  },
  {
    name: '$not with $regex',
    docs: [{ _id: 1, item: 'pencil' }, { _id: 2, item: 'eraser' }, { _id: 3 }],
    filter: { item: { $not: { $regex: '^p.*' } } },
    ids: [2, 3],
  },
  { name: '$jsonSchema', docs: INVENTORY, filter: { $jsonSchema: SCHEMA }, ids: [1, 2, 5, 6, 7] },
  { name: '$nor with $jsonSchema', docs: INVENTORY, filter: { $nor: [{ $jsonSchema: SCHEMA }] }, ids: [3, 4] },
];

test.each(QUERY_CASES)('$name', async ({ docs, filter, ids }) => {
  const db = nodeSdkDatabase(emu);
  await db.collection('c').add(docs);
  expect(await rawIds(db, 'c', filter)).toEqual(ids);
});

test('wx-server-sdk commands: elemMatch over mixed arrays and not with a regular expression', async () => {
  const db = emu.database();
  const _ = db.command;
  await db.collection('c').add({ data: MIXED.map((doc) => ({ ...doc, _id: String(doc._id) })) });
  const ids = async (where: object) =>
    ((await db.collection('c').where(where).get()).data as { _id: string }[]).map((doc) => doc._id).sort();
  expect(await ids({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['3']);
  expect(await ids({ tags: _.elemMatch({ v: _.mod([3, 0]) }) })).toEqual(['4']);
  expect(await ids({ tags: _.elemMatch(_.eq('a')) })).toEqual(['1', '4']);
  await db.collection('c').add({
    data: [
      { _id: 'p', item: 'pencil' },
      { _id: 'e', item: 'eraser' },
    ],
  });
  expect(await ids({ item: _.not(/^p.*/) })).toEqual(['1', '2', '3', '4', 'e']);
});

const SCHOOLS = [
  {
    _id: 1,
    zipcode: '63109',
    students: [
      { name: 'john', school: 102, age: 10 },
      { name: 'jess', school: 102, age: 11 },
      { name: 'jeff', school: 108, age: 15 },
    ],
  },
  {
    _id: 2,
    zipcode: '63110',
    students: [
      { name: 'ajax', school: 100, age: 7 },
      { name: 'achilles', school: 100, age: 8 },
    ],
  },
  {
    _id: 3,
    zipcode: '63109',
    students: [
      { name: 'ajax', school: 100, age: 7 },
      { name: 'achilles', school: 100, age: 8 },
    ],
  },
  {
    _id: 4,
    zipcode: '63109',
    students: [
      { name: 'barney', school: 102, age: 7 },
      { name: 'ruth', school: 102, age: 16 },
    ],
  },
];

test('projection $elemMatch and $slice (wx-server-sdk field())', async () => {
  const db = emu.database();
  const project = db.command.project;
  await db.collection('c').add({ data: SCHOOLS.map((doc) => ({ ...doc, _id: String(doc._id) })) });
  const elem = await db
    .collection('c')
    .where({ zipcode: '63109' })
    .field({ students: project.elemMatch({ school: 102 }) })
    .get();
  expect(elem.data).toEqual([
    { _id: '1', students: [{ name: 'john', school: 102, age: 10 }] },
    { _id: '3' },
    { _id: '4', students: [{ name: 'barney', school: 102, age: 7 }] },
  ]);
  const sliced = await db
    .collection('c')
    .doc('1')
    .field({ students: project.slice([1, 1]), zipcode: true })
    .get();
  expect(sliced.data).toEqual({ _id: '1', zipcode: '63109', students: [{ name: 'jess', school: 102, age: 11 }] });
  const last = await db
    .collection('c')
    .doc('2')
    .field({ students: project.slice(-1) })
    .get();
  expect(last.data).toEqual({ _id: '2', zipcode: '63110', students: [{ name: 'achilles', school: 100, age: 8 }] });
});

const REFUSED: [string, () => Promise<unknown>][] = [
  ['$where', () => rawIds(nodeSdkDatabase(emu), 'c', { $where: 'this.a > 1' })],
  ['$text', () => rawIds(nodeSdkDatabase(emu), 'c', { $text: { $search: 'a' } })],
  [
    '$function',
    () =>
      rawIds(nodeSdkDatabase(emu), 'c', {
        $expr: { $function: { body: 'function () { return true }', args: [], lang: 'js' } },
      }),
  ],
  [
    '$accumulator',
    () =>
      rawAggregate(nodeSdkDatabase(emu), 'c', [
        {
          $group: {
            _id: null,
            x: {
              $accumulator: {
                init: 'function () {}',
                accumulate: 'function () {}',
                accumulateArgs: [],
                merge: 'function () {}',
                lang: 'js',
              },
            },
          },
        },
      ]),
  ],
  ['$out', () => rawAggregate(nodeSdkDatabase(emu), 'c', [{ $out: 'other' }])],
  ['$merge', () => rawAggregate(nodeSdkDatabase(emu), 'c', [{ $merge: { into: 'other' } }])],
  ['an unknown query operator', () => rawIds(nodeSdkDatabase(emu), 'c', { a: { $nope: 1 } })],
  [
    'an unknown expression operator',
    () => rawAggregate(nodeSdkDatabase(emu), 'c', [{ $project: { x: { $nope: '$a' } } }]),
  ],
  ['an unknown stage', () => rawAggregate(nodeSdkDatabase(emu), 'c', [{ $nope: {} }])],
];

test.each(REFUSED)('%s is refused with DATABASE_INVALID_OPERRATOR, not ignored', async (_name, run) => {
  await nodeSdkDatabase(emu)
    .collection('c')
    .add([{ _id: 1, a: 2 }]);
  await expect(run()).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
});
