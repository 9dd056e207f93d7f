/**
 * Import and export in-process: the formats the service's console takes, refusals that name the
 * line and column and write nothing, values kept exactly (never a rounded integer), and a
 * property: export → import → export gives the same text for every EJSON type the service stores.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Binary, Decimal128, ObjectId } from 'bson';
import { parseEjson, toEjsonText, toEjsonValue } from '../ejson';
import { MemoryStore } from '../store/memory-store';
import { exportCollectionText, exportCollections, importFiles } from './import-export';
import { createDatabaseState, type DatabaseState } from './state';

let ids = 0;
const fresh = (): DatabaseState =>
  createDatabaseState(new MemoryStore(), { now: () => new Date('2026-01-01T00:00:00Z'), newId: () => `gen-${++ids}` });
const load = (state: DatabaseState, text: string, name = 'books.json') => importFiles(state, [{ name, text }]);
const refusal = (text: string, name = 'books.json') => {
  const state = fresh();
  try {
    load(state, text, name);
  } catch (error) {
    expect(state.store.collectionNames()).toEqual([]);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${text}`);
};

describe('the formats the service’s console takes', () => {
  it.each([
    ['JSON Lines', '{"_id": "a", "n": 1}\n{"_id": "b", "n": 2}\n'],
    [
      'objects spread over several lines, one after another',
      '{\n  "_id": "a",\n  "n": 1\n}\n{\n  "_id": "b",\n  "n": 2\n}',
    ],
    ['objects with nothing between them', '{"_id": "a", "n": 1}{"_id": "b", "n": 2}'],
    ['a JSON array', '[\n {"_id": "a", "n": 1},\n {"_id": "b", "n": 2}\n]'],
    ['JSON Lines with a BOM and CRLF', '\uFEFF{"_id": "a", "n": 1}\r\n{"_id": "b", "n": 2}\r\n'],
  ])('%s', (_, text) => {
    const state = fresh();
    expect(load(state, text)).toEqual({ books: 2 });
    expect(exportCollectionText(state, 'books')).toBe(
      '{"_id":"a","n":{"$numberInt":"1"}}\n{"_id":"b","n":{"$numberInt":"2"}}\n',
    );
  });

  it.each([
    ['a broken second document', '{"_id": "a"}\n{"_id": "b",, "n": 2}', /^books\.json:2:13: not JSON/],
    [
      'a bare value between documents',
      '{"_id": "a"}\n42\n{"_id": "b"}',
      /^books\.json:2:1: expected a JSON object here, found "42"/,
    ],
    ['an unclosed document', '{"_id": "a"}\n{"_id": "b",\n "n": 2', /^books\.json:2:1: this value is not closed/],
    ['a stray closing brace', '{"_id": "a"}}\n', /^books\.json:1:13: "}" closes nothing/],
    ['an unclosed string', '{"_id": "a}\n', /^books\.json:1:9: a string is not closed/],
    ['a comment', '// books\n{"_id": "a"}', /^books\.json:1:1: comments are not JSON/],
    ['an array after objects', '{"_id": "a"}\n[{"_id": "b"}]', /^books\.json:2:1: a JSON array must be the whole file/],
    ['a non-object in the array', '[{"_id": "a"},\n 7]', /^books\.json:2:2: document 2 is not an object/],
    ['a key starting with "."', '{"_id": "a", ".n": 1}', /^books\.json:1:14: the key "\.n" must not start or end/],
    ['a key ending with "."', '{"_id": "a", "x": {"n.": 1}}', /1:20: the key "n\." must not start or end/],
    ['a key holding ".."', '{"_id": "a", "a..b": 1}', /the key "a\.\.b"/],
    ['a duplicate key', '{"_id": "a", "n": 1,\n  "n": 2}', /^books\.json:2:3: the key "n" appears twice in one object/],
    ['a duplicate key, nested', '{"_id": "a", "x": {"n": 1, "n": 2}}', /1:28: the key "n" appears twice/],
    [
      'an ambiguous pair of keys',
      '{"_id": "a", "a": {"b": 1}, "a.b": 2}',
      /^books\.json:1:29: the keys "a" and "a\.b" name the same field two ways/,
    ],
    [
      'a plain integer beyond 2^53',
      '{"_id": "a", "n": 9007199254740993}',
      /^books\.json:1:19: 9007199254740993 cannot be kept exactly/,
    ],
    [
      'a $numberLong beyond 2^53',
      '{"_id": "a"}\n{"_id": "b", "n": {"$numberLong": "9007199254740993"}}',
      /^books\.json:2:1 \(document 2\): field "n": \{"\$numberLong": "9007199254740993"\} cannot be kept exactly/,
    ],
    ['the smallest Int64', '{"_id": "a", "n": {"$numberLong": "-9223372036854775808"}}', /cannot be kept exactly/],
    [
      'a document the store refuses',
      '{"_id": "a"}\n{"_id": "b", "$set": 1}',
      /^books\.json:2:1 \(document 2\): .*\$set/,
    ],
  ])('refuses %s, naming where, and writes nothing', (_, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('checks every file before writing any', () => {
    const state = fresh();
    expect(() =>
      importFiles(state, [
        { name: 'good.json', text: '{"_id": "a"}' },
        { name: 'bad.json', text: '{"_id": "b", "n": 9007199254740993}' },
      ]),
    ).toThrow(/bad\.json:1:/);
    expect(state.store.collectionNames()).toEqual([]);
  });

  it('keeps every integer a double holds exactly, 2^53 ± and the way bson writes 2^60', () => {
    const state = fresh();
    load(
      state,
      '{"_id": "a", "max": {"$numberLong": "9007199254740991"}, "even": ' +
        '{"$numberLong": "9007199254740994"}, "big": {"$numberLong": ' +
        '"1152921504606847000"}, "plain": 9007199254740992}',
    );
    expect(JSON.parse(exportCollectionText(state, 'books'))).toEqual({
      _id: 'a',
      max: { $numberLong: '9007199254740991' },
      even: { $numberLong: '9007199254740994' },
      big: { $numberLong: '1152921504606847000' },
      plain: { $numberLong: '9007199254740992' },
    });
  });

  it('exports an ObjectId _id as {"$oid"} (console and CLI alike), and reads it back', () => {
    const state = fresh();
    const id = new ObjectId('64b7f0a1c2d3e4f5a6b7c8d9');
    load(state, JSON.stringify(toEjsonValue({ _id: id, n: 1 })));
    const text = exportCollectionText(state, 'books');
    expect(JSON.parse(text)).toEqual({ _id: { $oid: id.toHexString() }, n: { $numberInt: '1' } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'export-'));
    try {
      exportCollections(state, dir);
      expect(readFileSync(path.join(dir, 'books.json'), 'utf8')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const again = fresh();
    expect(load(again, text)).toEqual({ books: 1 });
    expect(exportCollectionText(again, 'books')).toBe(text);
  });
});

/** Every kind of value the service stores, as bson hands it to the emulator. */
const key = fc
  .string({ minLength: 1, maxLength: 8 })
  .filter((name) => !name.startsWith('$') && !name.includes('.') && name !== '__proto__');
const scalar = fc.oneof(
  fc.string({ maxLength: 12, unit: 'binary' }).filter((text) => !/\p{Cs}/u.test(text)),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
  fc.stringMatching(/^[0-9a-f]{24}$/).map((hex) => new ObjectId(hex)),
  fc
    .tuple(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.subarray(['i', 'm', 's']))
    .map(([source, flags]) => new RegExp(source, flags.join(''))),
  fc
    .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
    .map(([digits, scale]) => Decimal128.fromString(scale ? `${digits}E-${scale}` : `${digits}`)),
  fc.uint8Array({ maxLength: 16 }).map((bytes) => new Binary(bytes)),
  fc.record({
    type: fc.constant('Point'),
    coordinates: fc.tuple(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -90, max: 90, noNaN: true }),
    ),
  }),
);
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const document = fc.tuple(
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 10 }).filter((id) => !id.startsWith('\u0000')),
    fc.integer(),
    fc.stringMatching(/^[0-9a-f]{24}$/).map((hex) => new ObjectId(hex)),
  ),
  fc.dictionary(key, value, { maxKeys: 5 }),
);

test('export → import → export gives the same text, for every EJSON type the service stores', () => {
  let documents = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(document, {
        maxLength: 8,
        selector: ([id]) => (id instanceof ObjectId ? `o${id.toHexString()}` : `${typeof id}${String(id)}`),
      }),
      (docs) => {
        const first = fresh();
        load(first, docs.map(([id, fields]) => JSON.stringify(toEjsonValue({ ...fields, _id: id }))).join('\n'));
        const exported = exportCollectionText(first, 'books');
        const second = fresh();
        load(second, exported);
        expect(exportCollectionText(second, 'books')).toBe(exported);
        documents += docs.length;
      },
    ),
    { numRuns: 150 },
  );
  expect(documents).toBeGreaterThan(250);
});

test('the SDK wire refuses a $numberLong a double cannot hold, and keeps what bson writes for any double', () => {
  const now = new Date();
  expect(() => parseEjson('{"n": {"$numberLong": "9007199254740993"}}', now, 'data')).toThrow(
    /data: field "n": \{"\$numberLong": "9007199254740993"\} cannot be kept exactly/,
  );
  expect(parseEjson(toEjsonText({ n: 2 ** 60, m: -(2 ** 53) }), now)).toEqual({ n: 2 ** 60, m: -(2 ** 53) });
});
