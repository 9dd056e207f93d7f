/**
 * Aggregation stages through the real SDK: match, project, addFields, group, sort, skip, limit, count, unwind, lookup,
 * sample.
 */
import { useEmulator } from '../../../test-support/use-emulator';

const emu = useEmulator({ collections: ['orders', 'users'] });

beforeEach(async () => {
  const db = emu.database();
  await db.collection('users').add({
    data: [
      { _id: 'u1', name: 'Ann' },
      { _id: 'u2', name: 'Bo' },
    ],
  });
  await db.collection('orders').add({
    data: [
      { _id: 'o1', user: 'u1', total: 10, items: ['a', 'b'] },
      { _id: 'o2', user: 'u1', total: 30, items: ['c'] },
      { _id: 'o3', user: 'u2', total: 5, items: [] },
    ],
  });
});

test('match, group with accumulators, sort, skip, limit', async () => {
  const db = emu.database();
  const $ = db.command.aggregate;
  const res = await db
    .collection('orders')
    .aggregate()
    .match({ total: db.command.gt(1) })
    .group({
      _id: '$user',
      sum: $.sum('$total'),
      avg: $.avg('$total'),
      max: $.max('$total'),
      min: $.min('$total'),
      n: $.sum(1),
      ids: $.push('$_id'),
      first: $.first('$_id'),
    })
    .sort({ sum: -1 })
    .skip(0)
    .limit(1)
    .end();
  expect(res.list).toEqual([{ _id: 'u1', sum: 40, avg: 20, max: 30, min: 10, n: 2, ids: ['o1', 'o2'], first: 'o1' }]);
});

test('project, addFields, unwind, count', async () => {
  const db = emu.database();
  const $ = db.command.aggregate;
  const projected = await db
    .collection('orders')
    .aggregate()
    .match({ _id: 'o1' })
    .project({ total: 1, double: $.multiply(['$total', 2]) })
    .addFields({ tag: 'x' })
    .end();
  expect(projected.list).toEqual([{ _id: 'o1', total: 10, double: 20, tag: 'x' }]);
  const unwound = await db.collection('orders').aggregate().unwind('$items').count('n').end();
  expect(unwound.list).toEqual([{ n: 3 }]);
});

test('lookup joins another collection; sample returns the requested number', async () => {
  const db = emu.database();
  const joined = await db
    .collection('orders')
    .aggregate()
    .match({ _id: 'o3' })
    .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'buyer' })
    .end();
  expect(joined.list).toEqual([{ _id: 'o3', user: 'u2', total: 5, items: [], buyer: [{ _id: 'u2', name: 'Bo' }] }]);
  const sampled = await db.collection('orders').aggregate().sample({ size: 2 }).end();
  expect(sampled.list).toHaveLength(2);
});
