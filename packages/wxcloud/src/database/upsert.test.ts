/** Upsert rules (MongoDB's): the filter's equality fields seed the new document. */
import { buildUpsertDoc, equalityFields } from './upsert';

const fixedId = () => 'generated';

test('equality fields come from plain values, $eq and $and; other operators are ignored', () => {
  const fields = equalityFields({
    a: 1,
    b: { $eq: 2 },
    c: { $gt: 3 },
    $and: [{ d: 'x' }, { e: { $in: [1] } }],
    $or: [{ f: 1 }],
    g: /re/,
  });
  expect(Object.fromEntries(fields)).toEqual({ a: 1, b: 2, d: 'x' });
});

test('an operator upsert seeds from the filter, expands dot paths and applies $setOnInsert', () => {
  const doc = buildUpsertDoc(
    { _id: 'u1', 'profile.city': 'SZ', n: { $gte: 1 } },
    { $inc: { count: 1 }, $set: { name: 'a' }, $setOnInsert: { createdAt: 5 } },
    true,
    fixedId,
  );
  expect(doc).toEqual({ _id: 'u1', profile: { city: 'SZ' }, count: 1, name: 'a', createdAt: 5 });
});

test('a replacement upsert keeps only the filter _id; without one an id is generated', () => {
  expect(buildUpsertDoc({ _id: 7, a: 1 }, { b: 2 }, false, fixedId)).toEqual({ _id: 7, b: 2 });
  expect(buildUpsertDoc({ a: 1 }, { $set: { b: 2 } }, true, fixedId)).toEqual({ _id: 'generated', a: 1, b: 2 });
});

test('an update that would change the seeded _id is refused', () => {
  expect(() => buildUpsertDoc({ _id: 'a' }, { $set: { _id: 'b' } }, true, fixedId)).toThrow(/immutable/);
  expect(() => buildUpsertDoc({ _id: 'a' }, { _id: 'b' }, false, fixedId)).toThrow(/immutable/);
});
