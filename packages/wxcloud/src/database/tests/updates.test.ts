/** Update commands, set/replace, multi, upsert, serverDate, remove and modifyAndReturnDoc through the real SDKs. */
import { useEmulator } from '../../../test-support/use-emulator';

const emu = useEmulator({ collections: ['docs'] });

async function updateAndGet(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const db = emu.database();
  await db.collection('docs').doc('d').update({ data });
  return (await db.collection('docs').doc('d').get()).data as Record<string, unknown>;
}

beforeEach(async () => {
  await emu
    .database()
    .collection('docs')
    .add({
      data: {
        _id: 'd',
        n: 5,
        arr: [3, 1, 2],
        tags: ['a', 'b', 'a'],
        nested: { x: 1, y: { z: 2 } },
        old: 'o',
        list: [{ k: 1 }, { k: 2 }],
      },
    });
});

test('set, remove, inc, mul, min, max, rename on nested paths', async () => {
  const _ = emu.database().command;
  const doc = await updateAndGet({
    nested: { x: _.inc(2), y: { z: _.mul(10) }, w: _.set({ deep: true }) },
    n: _.max(9),
    m: _.min(-1),
    old: _.remove(),
    tags: _.rename('labels'),
  });
  expect(doc).toEqual({
    _id: 'd',
    n: 9,
    m: -1,
    arr: [3, 1, 2],
    labels: ['a', 'b', 'a'],
    nested: { x: 3, y: { z: 20 }, w: { deep: true } },
    list: [{ k: 1 }, { k: 2 }],
  });
});

test('push with each/position/slice/sort, pop, shift, unshift', async () => {
  const _ = emu.database().command;
  expect((await updateAndGet({ arr: _.push({ each: [9, 0], position: 1, sort: 1, slice: 4 }) })).arr).toEqual([
    0, 1, 2, 3,
  ]);
  expect((await updateAndGet({ arr: _.push([7]) })).arr).toEqual([0, 1, 2, 3, 7]);
  expect((await updateAndGet({ arr: _.pop() })).arr).toEqual([0, 1, 2, 3]);
  expect((await updateAndGet({ arr: _.shift() })).arr).toEqual([1, 2, 3]);
  expect((await updateAndGet({ arr: _.unshift([8, 9]) })).arr).toEqual([8, 9, 1, 2, 3]);
});

test('pull, pullAll, addToSet', async () => {
  const _ = emu.database().command;
  expect((await updateAndGet({ arr: _.pull(_.gt(2)) })).arr).toEqual([1, 2]);
  expect((await updateAndGet({ tags: _.pullAll(['a']) })).tags).toEqual(['b']);
  expect((await updateAndGet({ tags: _.addToSet('b') })).tags).toEqual(['b']);
  expect((await updateAndGet({ tags: _.addToSet({ $each: ['c', 'b', 'd'] }) })).tags).toEqual(['b', 'c', 'd']);
  expect((await updateAndGet({ list: _.pull({ k: 1 }) })).list).toEqual([{ k: 2 }]);
});

test('db.serverDate() with an offset and Date values are stored as dates', async () => {
  const db = emu.database();
  const before = Date.now();
  const doc = await updateAndGet({
    at: db.serverDate(),
    later: db.serverDate({ offset: 60_000 }),
    fixed: new Date(1234),
  });
  expect(doc.at).toBeInstanceOf(Date);
  expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect((doc.later as Date).getTime() - (doc.at as Date).getTime()).toBe(60_000);
  expect(doc.fixed).toEqual(new Date(1234));
  const found = await db
    .collection('docs')
    .where({ later: db.command.gt(db.serverDate()) })
    .count();
  expect(found.total).toBe(1);
});

test('doc.set replaces the document and upserts a missing one', async () => {
  const db = emu.database();
  const replaced = await db
    .collection('docs')
    .doc('d')
    .set({ data: { only: 1 } });
  expect(replaced.stats).toEqual({ updated: 1, created: 0 });
  expect((await db.collection('docs').doc('d').get()).data).toEqual({ _id: 'd', only: 1 });
  const created = await db
    .collection('docs')
    .doc('new')
    .set({ data: { fresh: true } });
  expect(created).toMatchObject({ _id: 'new', stats: { updated: 0, created: 1 } });
  expect((await db.collection('docs').doc('new').get()).data).toEqual({ _id: 'new', fresh: true });
});

test('updated counts modified documents; where().update is multi by default', async () => {
  const db = emu.database();
  await db.collection('docs').add({
    data: [
      { g: 1, v: 0 },
      { g: 1, v: 0 },
      { g: 2, v: 0 },
    ],
  });
  const multi = await db
    .collection('docs')
    .where({ g: 1 })
    .update({ data: { v: 1 } });
  expect(multi.stats.updated).toBe(2);
  const unchanged = await db
    .collection('docs')
    .where({ g: 1 })
    .update({ data: { v: 1 } });
  expect(unchanged.stats.updated).toBe(0);
  const missing = await db
    .collection('docs')
    .doc('nope')
    .update({ data: { v: 1 } });
  expect(missing.stats.updated).toBe(0);
  expect((await db.collection('docs').where({ v: 1 }).count()).total).toBe(2);
});

test('remove by doc and by where', async () => {
  const db = emu.database();
  await db.collection('docs').add({ data: [{ g: 1 }, { g: 1 }, { g: 2 }] });
  expect((await db.collection('docs').doc('d').remove()).stats.removed).toBe(1);
  expect((await db.collection('docs').doc('d').remove()).stats.removed).toBe(0);
  expect((await db.collection('docs').where({ g: 1 }).remove()).stats.removed).toBe(2);
  expect((await db.collection('docs').count()).total).toBe(1);
});

test('generated _id values look like the service ids and add returns them', async () => {
  const db = emu.database();
  const one = await db.collection('docs').add({ data: { a: 1 } });
  const many = await db.collection('docs').add({ data: [{ a: 2 }, { a: 3 }] });
  expect(one._id).toMatch(/^[0-9a-f]{32}$/);
  expect(many._ids).toHaveLength(2);
  expect(
    (
      await db
        .collection('docs')
        .doc(many._ids[1] as string)
        .get()
    ).data,
  ).toEqual({ _id: many._ids[1], a: 3 });
});

test('modifyAndReturnDoc returns the updated document (node-sdk updateAndReturn)', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as { init(config: object): { database(): NodeSdkDb } };
  const db = tcb.init({ env: emu.emulator.envId }).database();
  const res = await db
    .collection('docs')
    .where({ _id: 'd' })
    .updateAndReturn({ n: db.command.inc(1) });
  expect(res.updated).toBe(1);
  expect(res.doc).toMatchObject({ _id: 'd', n: 6 });
  const none = await db.collection('docs').where({ _id: 'nope' }).updateAndReturn({ n: 1 });
  expect(none).toMatchObject({ updated: 0, doc: null });
});

interface NodeSdkDb {
  command: { inc(n: number): unknown };
  collection(name: string): {
    where(q: object): { updateAndReturn(data: object): Promise<{ updated: number; doc: unknown }> };
  };
}
