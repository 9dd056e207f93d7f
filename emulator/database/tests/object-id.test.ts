/**
 * ObjectId values through @cloudbase/node-sdk (`db.ObjectId({ id })`, sent as EJSON `$oid`):
 * stored as a field, read back as the SDK parses them (bson ObjectId), matched by equality and
 * `$in`, and joined by `$lookup` between ObjectId fields.
 */
import { useEmulator } from '../../testing';
import { nodeSdkDatabase, rawAggregate, rawIds } from './sdk-clients';

const emu = useEmulator({ collections: ['users', 'orders'] });
const U1 = '5f1b2c3d4e5f60718293a4b5';
const U2 = '5f1b2c3d4e5f60718293a4b6';

test('an ObjectId field is stored, read back, queried and joined', async () => {
  const db = nodeSdkDatabase(emu);
  const oid = (id: string) => db.ObjectId({ id });
  await db.collection('users').add([{ _id: 'a', uid: oid(U1), name: 'Ann' }, { _id: 'b', uid: oid(U2), name: 'Bo' }]);
  await db.collection('orders').add([{ _id: 'o1', buyer: oid(U1), total: 3 }, { _id: 'o2', buyer: oid(U2), total: 4 }, { _id: 'o3', buyer: oid(U1), total: 5 }]);

  // The wire carries canonical EJSON; aggregate hands the SDK's parse (a bson ObjectId) back as is,
  // while get() passes documents through the SDK's formatField, which has no case for ObjectId.
  const wire = await fetch(emu.emulator.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.getDocument', collectionName: 'users', query: '{"_id":"a"}', queryType: 'DOC' }),
  });
  const list = ((await wire.json()) as { data: { list: string[] } }).data.list;
  expect(JSON.parse(list[0] ?? '{}')).toEqual({ _id: 'a', uid: { $oid: U1 }, name: 'Ann' });
  const [ann] = (await rawAggregate(db, 'users', [{ $match: { _id: 'a' } }])) as { uid: { toHexString(): string } }[];
  expect(ann?.uid.toHexString()).toBe(U1);

  expect(await rawIds(db, 'orders', { buyer: { $oid: U1 } })).toEqual(['o1', 'o3']);
  expect((await db.collection('orders').where({ buyer: oid(U2) }).get()).data.map((doc: { _id: string }) => doc._id)).toEqual(['o2']);
  expect(await rawIds(db, 'orders', { buyer: { $in: [{ $oid: U2 }, { $oid: '000000000000000000000000' }] } })).toEqual(['o2']);
  expect(await rawIds(db, 'orders', { buyer: { $ne: { $oid: U1 } } })).toEqual(['o2']);

  const joined = await rawAggregate(db, 'users', [
    { $lookup: { from: 'orders', localField: 'uid', foreignField: 'buyer', as: 'orders' } },
    { $project: { name: 1, totals: '$orders.total' } },
    { $sort: { _id: 1 } },
  ]);
  expect(joined).toEqual([{ _id: 'a', name: 'Ann', totals: [3, 5] }, { _id: 'b', name: 'Bo', totals: [4] }]);
});
