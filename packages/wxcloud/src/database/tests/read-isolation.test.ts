/**
 * Reads never change stored documents: projections and aggregation stages that drop, add or
 * rewrite nested fields answer as MongoDB does, and the stored document (read back, then read
 * again after a write elsewhere) is exactly what was written.
 */
import { useEmulator, type TestDatabase } from '../../../test-support/use-emulator';
import type { DatabaseService } from '../service';

const emu = useEmulator({ collections: ['people'] });
const STORED = { _id: 'p1', name: 'Ann', profile: { phone: '123', city: 'SZ' }, tags: [{ k: 'a' }, { k: 'b' }] };

beforeEach(async () => {
  await emu.database().collection('people').add({ data: STORED });
});

async function expectStoredUnchanged(): Promise<void> {
  const db = emu.database();
  // a later write must not persist a changed document
  await db.collection('people').add({ data: { _id: 'other', n: 1 } });
  expect((await db.collection('people').doc('p1').get()).data).toEqual(STORED);
  const docs = emu.emulator.service<DatabaseService>('database')?.state.store;
  expect(docs?.get('people', 'p1')).toEqual(STORED);
}

test('a projection excluding a nested field', async () => {
  const db = emu.database();
  const res = await db.collection('people').where({ _id: 'p1' }).field({ 'profile.phone': false }).get();
  expect(res.data).toEqual([{ _id: 'p1', name: 'Ann', profile: { city: 'SZ' }, tags: [{ k: 'a' }, { k: 'b' }] }]);
  await expectStoredUnchanged();
});

test('a projection including a nested field', async () => {
  const db = emu.database();
  const res = await db.collection('people').doc('p1').field({ 'profile.city': true }).get();
  expect(res.data).toEqual({ _id: 'p1', profile: { city: 'SZ' } });
  await expectStoredUnchanged();
});

test.each([
  [
    'addFields',
    (agg: TestDatabase) => agg.addFields({ 'profile.extra': 1 }),
    { profile: { phone: '123', city: 'SZ', extra: 1 } },
  ],
  ['set', (agg: TestDatabase) => agg.addFields({ 'profile.phone': 'x' }), { profile: { phone: 'x', city: 'SZ' } }],
  ['project', (agg: TestDatabase) => agg.project({ 'profile.phone': 0 }), { profile: { city: 'SZ' } }],
  ['unset', (agg: TestDatabase) => agg.project({ 'profile.city': 0, tags: 0, name: 0 }), { profile: { phone: '123' } }],
])('aggregation %s on a nested path', async (_stage, stage, expected) => {
  const db = emu.database();
  const res = await stage(db.collection('people').aggregate().match({ _id: 'p1' })).end();
  expect(res.list).toEqual([expect.objectContaining(expected)]);
  await expectStoredUnchanged();
});

test('aggregation $set and $unset stages sent as such', async () => {
  const admin = (stages: { stageKey: string; stageValue: string }[]) =>
    emu.emulator
      .service<DatabaseService>('database')
      ?.actions?.['database.aggregateDocuments']?.handle({ collectionName: 'people', stages }, {} as never);
  await admin([{ stageKey: '$set', stageValue: '{"profile.phone":"x"}' }]);
  await admin([{ stageKey: '$unset', stageValue: '"profile.city"' }]);
  await expectStoredUnchanged();
});

test('$unwind, then $addFields on the unwound element', async () => {
  const db = emu.database();
  const res = await db.collection('people').aggregate().unwind('$tags').addFields({ 'tags.seen': true }).end();
  expect(res.list.map((doc: { tags: unknown }) => doc.tags)).toEqual([
    { k: 'a', seen: true },
    { k: 'b', seen: true },
  ]);
  await expectStoredUnchanged();
});

test('a $lookup that rewrites the joined documents', async () => {
  const db = emu.database();
  await db
    .collection('people')
    .aggregate()
    .lookup({ from: 'people', localField: '_id', foreignField: '_id', as: 'self' })
    .unwind('$self')
    .addFields({ 'self.profile.phone': 'x' })
    .end();
  await expectStoredUnchanged();
});
