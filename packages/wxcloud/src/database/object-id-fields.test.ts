/** ObjectIds outside `_id`: hex strings in get() results, and hex strings in filters that also match them. */
import { ObjectId } from 'bson';
import { hexMatchesObjectId, objectIdsAsHex } from './object-id-fields';

const HEX = '5f1b2c3d4e5f60718293a4b5';
const OID = ObjectId.createFromHexString(HEX);

test('results show every ObjectId but the top-level _id as its hex string, however deep', () => {
  expect(objectIdsAsHex({ _id: OID, a: OID, list: [OID, 1], nested: { b: OID } })).toEqual({
    _id: OID,
    a: HEX,
    list: [HEX, 1],
    nested: { b: HEX },
  });
});

test(
  'a hex string compared to a field other than _id also matches the ' + 'ObjectId; _id and other values are left alone',
  () => {
    expect(hexMatchesObjectId({ _id: HEX, a: HEX, b: 'short', c: { $ne: HEX }, d: { $in: [HEX, 2] } })).toEqual({
      _id: HEX,
      a: { $in: [HEX, OID] },
      b: 'short',
      c: { $nin: [HEX, OID] },
      d: { $in: [HEX, OID, 2] },
    });
    expect(hexMatchesObjectId({ $or: [{ a: { $eq: HEX } }, { _id: HEX }] })).toEqual({
      $or: [{ a: { $in: [HEX, OID] } }, { _id: HEX }],
    });
    expect(hexMatchesObjectId({ a: { b: HEX } })).toEqual({ a: { b: HEX } });
  },
);
