/** Unit tests of the query engine's seams: `_id` lookups never scan; mingo errors become service errors. */
import { EmulatorError } from '../host/errors';
import { matchingDocs, pinnedIds, withMingo } from './engine';
import { storedId, type Doc } from './ids';
import type { DocView } from './view';

function viewWithoutScan(docs: Doc[]): DocView {
  const byId = new Map(docs.map((doc) => [storedId(doc._id), doc]));
  return {
    hasCollection: () => true,
    get: (_collection, id) => byId.get(storedId(id)),
    scan: () => {
      throw new Error('scanned the collection');
    },
  };
}

test('a filter with _id equality, $eq or $in of ids is answered from the map without scanning', () => {
  const view = viewWithoutScan([
    { _id: 'a', n: 1 },
    { _id: 'b', n: 2 },
    { _id: 3, n: 3 },
  ]);
  expect(matchingDocs(view, 'c', { _id: 'a' })).toEqual([{ _id: 'a', n: 1 }]);
  expect(matchingDocs(view, 'c', { _id: 'a', n: 2 })).toEqual([]);
  expect(matchingDocs(view, 'c', { _id: { $eq: 3 } })).toEqual([{ _id: 3, n: 3 }]);
  expect(matchingDocs(view, 'c', { _id: { $in: ['b', 'zz', 'b'] } })).toEqual([{ _id: 'b', n: 2 }]);
  expect(() => matchingDocs(view, 'c', { n: 1 })).toThrow('scanned the collection');
});

test('pinnedIds recognises only exact id conditions', () => {
  expect(pinnedIds({ _id: 'x' })).toEqual(['x']);
  expect(pinnedIds({ _id: { $gt: 'x' } })).toBeUndefined();
  expect(pinnedIds({ _id: { $in: ['x', { a: 1 }] } })).toBeUndefined();
  expect(pinnedIds({ name: 'x' })).toBeUndefined();
});

test('mingo errors become the service error codes', () => {
  const unknown = (() => {
    try {
      withMingo(() => matchingDocs(viewWithoutScan([{ _id: 'a' }]), 'c', { _id: 'a', n: { $nope: 1 } }));
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  expect(unknown).toBeInstanceOf(EmulatorError);
  expect((unknown as EmulatorError).code).toBe('DATABASE_INVALID_OPERRATOR');
});
