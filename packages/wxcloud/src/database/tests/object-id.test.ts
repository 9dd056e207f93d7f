/**
 * ObjectId values through @cloudbase/node-sdk (`db.ObjectId({ id })`, sent as EJSON `$oid`):
 * stored as a field, read back through get() as the service shows them (the hex string) and
 * through aggregate() as the SDK parses them (bson ObjectId), matched by equality and `$in` with
 * the ObjectId or its hex string (wx-server-sdk can only send the string), and joined by `$lookup`.
 */
import { useEmulator } from '../../../test-support/use-emulator';
import { nodeSdkDatabase, rawAggregate, rawIds } from './sdk-clients';

const emu = useEmulator({ collections: ['users', 'orders'] });
const U1 = '5f1b2c3d4e5f60718293a4b5';
const U2 = '5f1b2c3d4e5f60718293a4b6';

test('an ObjectId field is stored, read back, queried and joined', async () => {
  const db = nodeSdkDatabase(emu);
  const oid = (id: string) => db.ObjectId({ id });
  await db.collection('users').add([
    { _id: 'a', uid: oid(U1), name: 'Ann' },
    { _id: 'b', uid: oid(U2), name: 'Bo' },
  ]);
  await db.collection('orders').add([
    { _id: 'o1', buyer: oid(U1), total: 3 },
    { _id: 'o2', buyer: oid(U2), total: 4 },
    { _id: 'o3', buyer: oid(U1), total: 5 },
  ]);

  // get() answers an ObjectId outside `_id` as its hex string, as the service does; aggregate keeps
  // the canonical `$oid`, which the SDK parses into a bson ObjectId.
  const wire = await fetch(emu.emulator.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'users',
      query: '{"_id":"a"}',
      queryType: 'DOC',
    }),
  });
  const list = ((await wire.json()) as { data: { list: string[] } }).data.list;
  expect(JSON.parse(list[0] ?? '{}')).toEqual({ _id: 'a', uid: U1, name: 'Ann' });
  expect((await db.collection('users').doc('a').get()).data).toEqual([{ _id: 'a', uid: U1, name: 'Ann' }]);
  const wx = emu.database();
  expect((await wx.collection('users').doc('b').get()).data).toEqual({ _id: 'b', uid: U2, name: 'Bo' });
  expect(
    (await wx.collection('orders').where({ buyer: U1 }).get()).data.map((doc: { _id: string }) => doc._id),
  ).toEqual(['o1', 'o3']);
  expect(
    (
      await wx
        .collection('orders')
        .where({ buyer: wx.command.neq(U1) })
        .count()
    ).total,
  ).toBe(1);
  expect(
    (
      await wx
        .collection('orders')
        .where({ buyer: wx.command.in([U2]) })
        .get()
    ).data.map((doc: { _id: string }) => doc._id),
  ).toEqual(['o2']);
  const [ann] = (await rawAggregate(db, 'users', [{ $match: { _id: 'a' } }])) as { uid: { toHexString(): string } }[];
  expect(ann?.uid.toHexString()).toBe(U1);

  expect(await rawIds(db, 'orders', { buyer: { $oid: U1 } })).toEqual(['o1', 'o3']);
  expect(
    (
      await db
        .collection('orders')
        .where({ buyer: oid(U2) })
        .get()
    ).data.map((doc: { _id: string }) => doc._id),
  ).toEqual(['o2']);
  expect(await rawIds(db, 'orders', { buyer: { $in: [{ $oid: U2 }, { $oid: '000000000000000000000000' }] } })).toEqual([
    'o2',
  ]);
  expect(await rawIds(db, 'orders', { buyer: { $ne: { $oid: U1 } } })).toEqual(['o2']);

  const joined = await rawAggregate(db, 'users', [
    { $lookup: { from: 'orders', localField: 'uid', foreignField: 'buyer', as: 'orders' } },
    { $project: { name: 1, totals: '$orders.total' } },
    { $sort: { _id: 1 } },
  ]);
  expect(joined).toEqual([
    { _id: 'a', name: 'Ann', totals: [3, 5] },
    { _id: 'b', name: 'Bo', totals: [4] },
  ]);
});

test(
  'an ObjectId _id: inserted, found by _id, updated, joined on, ' + 'removed; never confused with its hex string',
  async () => {
    const db = nodeSdkDatabase(emu);
    const id = { $oid: U1 };
    const inserted = await db.collection('users').add([
      { _id: db.ObjectId({ id: U1 }), name: 'Ann' },
      { _id: U1, name: 'the string' },
    ]);
    expect(inserted.ids).toHaveLength(2);
    await expect(db.collection('users').add([{ _id: db.ObjectId({ id: U1 }) }])).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    expect(
      (await rawAggregate(db, 'users', [{ $match: { _id: id } }, { $project: { name: 1 } }])).map((doc) => doc.name),
    ).toEqual(['Ann']);
    const wire = await fetch(emu.emulator.dbUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'users',
        query: JSON.stringify({ _id: id }),
      }),
    });
    const list = ((await wire.json()) as { data: { list: string[] } }).data.list;
    expect(list.map((text) => JSON.parse(text) as unknown)).toEqual([{ _id: id, name: 'Ann' }]);

    await db
      .collection('users')
      .options({ raw: true })
      .where({ _id: id })
      .update({ $set: { age: 3 } });
    await db.collection('orders').add([{ _id: 'o1', buyer: db.ObjectId({ id: U1 }) }]);
    const joined = await rawAggregate(db, 'orders', [
      { $lookup: { from: 'users', localField: 'buyer', foreignField: '_id', as: 'who' } },
      { $project: { name: { $first: '$who.name' }, age: { $first: '$who.age' } } },
    ]);
    expect(joined).toEqual([{ _id: 'o1', name: 'Ann', age: 3 }]);
    expect(await rawIds(db, 'users', { name: { $exists: true } })).toHaveLength(2);

    await db.collection('users').options({ raw: true }).where({ _id: id }).remove();
    expect((await rawAggregate(db, 'users', [{ $project: { name: 1 } }])).map((doc) => doc.name)).toEqual([
      'the string',
    ]);
    await expect(db.collection('users').add([{ _id: '\u0000oid:5f1b2c3d4e5f60718293a4b5' }])).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    });
  },
);
