/**
 * Query commands through the real wx-server-sdk: comparisons, logic, arrays, regex, paths,
 * order/limit/offset/projection, count.
 */
import { useEmulator } from '../../../test-support/use-emulator';

const emu = useEmulator({ collections: ['items'] });

const ITEMS = [
  {
    _id: 'a',
    n: 1,
    tags: ['x', 'y'],
    name: 'Apple',
    o: { p: { q: 1 } },
    list: [{ k: 1 }, { k: 5 }],
    at: new Date('2024-01-01'),
  },
  { _id: 'b', n: 2, tags: ['y'], name: 'banana', o: { p: { q: 2 } }, list: [{ k: 2 }], extra: true },
  { _id: 'c', n: 3, tags: ['x', 'y', 'z'], name: 'Cherry', o: { p: { q: 3 } }, list: [], at: new Date('2025-01-01') },
  { _id: 'd', n: 4, tags: [], name: 'date', o: {}, list: [{ k: 9 }] },
];

async function ids(where: object): Promise<string[]> {
  const res = await emu.database().collection('items').where(where).get();
  return (res.data as { _id: string }[]).map((doc) => doc._id).sort();
}

beforeEach(async () => {
  await emu.database().collection('items').add({ data: ITEMS });
});

test('comparison commands', async () => {
  const _ = emu.database().command;
  expect(await ids({ n: _.eq(2) })).toEqual(['b']);
  expect(await ids({ n: _.neq(2) })).toEqual(['a', 'c', 'd']);
  expect(await ids({ n: _.lt(2) })).toEqual(['a']);
  expect(await ids({ n: _.lte(2) })).toEqual(['a', 'b']);
  expect(await ids({ n: _.gt(3) })).toEqual(['d']);
  expect(await ids({ n: _.gte(3) })).toEqual(['c', 'd']);
  expect(await ids({ n: _.in([1, 4]) })).toEqual(['a', 'd']);
  expect(await ids({ n: _.nin([1, 4]) })).toEqual(['b', 'c']);
  expect(await ids({ at: _.gt(new Date('2024-06-01')) })).toEqual(['c']);
});

test('logic commands', async () => {
  const _ = emu.database().command;
  expect(await ids({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c']);
  expect(await ids(_.or([{ n: 1 }, { name: 'date' }]))).toEqual(['a', 'd']);
  expect(await ids(_.and([{ n: _.gt(1) }, { tags: 'x' }]))).toEqual(['c']);
  expect(await ids(_.nor([{ n: 1 }, { n: 2 }]))).toEqual(['c', 'd']);
  expect(await ids({ n: _.not(_.gt(2)) })).toEqual(['a', 'b']);
  expect(await ids({ n: _.gt(3).or(_.lt(2)) })).toEqual(['a', 'd']);
});

test('element and array commands', async () => {
  const _ = emu.database().command;
  expect(await ids({ extra: _.exists(true) })).toEqual(['b']);
  expect(await ids({ at: _.exists(false) })).toEqual(['b', 'd']);
  expect(await ids({ tags: _.size(2) })).toEqual(['a']);
  expect(await ids({ n: _.mod([2, 1]) })).toEqual(['a', 'c']);
  expect(await ids({ tags: _.all(['x', 'y']) })).toEqual(['a', 'c']);
  expect(await ids({ list: _.elemMatch({ k: _.gt(4) }) })).toEqual(['a', 'd']);
  expect(await ids({ tags: 'z' })).toEqual(['c']);
});

test('regular expressions: JS RegExp and db.RegExp with options', async () => {
  const db = emu.database();
  expect(await ids({ name: /^a/i })).toEqual(['a']);
  expect(await ids({ name: /^a/ })).toEqual([]);
  expect(await ids({ name: db.RegExp({ regexp: 'an+a', options: 'i' }) })).toEqual(['b']);
  expect(await ids({ name: db.RegExp({ regexp: '^[cd]', options: 'i' }) })).toEqual(['c', 'd']);
});

test('dot paths into nested objects and arrays', async () => {
  const _ = emu.database().command;
  expect(await ids({ 'o.p.q': 2 })).toEqual(['b']);
  expect(await ids({ o: { p: { q: _.gte(2) } } })).toEqual(['b', 'c']);
  expect(await ids({ 'list.k': 5 })).toEqual(['a']);
  expect(await ids({ 'tags.0': 'x' })).toEqual(['a', 'c']);
});

test('order, skip, limit and field projection', async () => {
  const res = await emu
    .database()
    .collection('items')
    .where({})
    .orderBy('n', 'desc')
    .skip(1)
    .limit(2)
    .field({ name: true })
    .get();
  expect(res.data).toEqual([
    { _id: 'c', name: 'Cherry' },
    { _id: 'b', name: 'banana' },
  ]);
  const excluded = await emu
    .database()
    .collection('items')
    .doc('a')
    .field({ list: false, o: false, tags: false })
    .get();
  expect(Object.keys(excluded.data as object).sort()).toEqual(['_id', 'at', 'n', 'name']);
  const twoKeys = await emu.database().collection('items').orderBy('tags', 'asc').orderBy('n', 'desc').limit(1).get();
  expect((twoKeys.data as { _id: string }[])[0]?._id).toBe('d');
});

test('get without limit returns 100 documents, and limit is capped at 1000', async () => {
  const db = emu.database();
  await db.collection('items').add({ data: Array.from({ length: 1100 }, (_, i) => ({ bulk: i })).slice(0, 1000) });
  await db.collection('items').add({ data: Array.from({ length: 100 }, (_, i) => ({ bulk: 1000 + i })) });
  expect((await db.collection('items').get()).data).toHaveLength(100);
  expect((await db.collection('items').limit(5000).get()).data).toHaveLength(1000);
  expect((await db.collection('items').skip(1000).limit(1000).get()).data).toHaveLength(104);
  const raw = await fetch(emu.emulator.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.getDocument', collectionName: 'items', limit: 5000 }),
  });
  const answer = (await raw.json()) as { data: { list: string[]; limit: number } };
  expect([answer.data.list.length, answer.data.limit]).toEqual([1000, 1000]);
});

test('doc get by _id returns the document with its types, and count counts', async () => {
  const db = emu.database();
  const res = await db.collection('items').doc('a').get();
  expect(res.data).toEqual(ITEMS[0]);
  expect((res.data as { at: Date }).at).toBeInstanceOf(Date);
  await expect(db.collection('items').doc('zzz').get()).rejects.toThrow(/does not exist/);
  expect((await db.collection('items').count()).total).toBe(4);
  expect((await db.collection('items').where({ tags: 'y' }).count()).total).toBe(3);
});
