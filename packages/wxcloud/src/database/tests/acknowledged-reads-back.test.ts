/**
 * What is acknowledged reads back the same after a restart; what could not be replayed is refused
 * at write time with INVALID_PARAM and writes nothing. Through the real SDK against a durable
 * emulator: `$set` of nested fields named like EJSON tags, `$rename` to such a name, an invalid
 * date, nesting deeper than the parser accepts, then a restart on the same directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../index';
import type { TestDatabase } from '../../../test-support/use-emulator';

let dataDir: string;
let emu: Emulator;

function database(): TestDatabase {
  Object.assign(process.env, emu.sdkEnv());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { init(config: object): void; database(): TestDatabase };
  cloud.init({ env: emu.envId });
  return cloud.database();
}

async function restart(): Promise<void> {
  await emu.stop();
  emu = await startEmulator({ dataDir });
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-reads-back-'));
  emu = await startEmulator({ dataDir, collections: ['docs'] });
  await database()
    .collection('docs')
    .add({ data: { _id: 'd', a: 1, b: { keep: true } } });
});
afterEach(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function deepPath(segments: number): string {
  return Array.from({ length: segments }, (_, i) => `l${i}`).join('.');
}

const POISON: [string, (db: TestDatabase) => Record<string, unknown>][] = [
  ['$set b.$oid', () => ({ 'b.$oid': '0123456789abcdef01234567' })],
  ['$set b.$date', () => ({ 'b.$date': 5 })],
  ['$set b.$numberLong', () => ({ 'b.$numberLong': '7' })],
  ['$set b.$regularExpression', () => ({ 'b.$regularExpression': { pattern: 'a', options: '' } })],
  ['$set b.$tcb_server_date', () => ({ 'b.$tcb_server_date': { offset: 0 } })],
  ['$set b.$regex', () => ({ 'b.$regex': 'a' })],
  ['$rename a to b.$oid', (db) => ({ a: db.command.rename('b.$oid') })],
  ['an invalid date', (db) => ({ at: db.serverDate({ offset: 1e300 }) })],
  ['nesting deeper than the parser accepts', () => ({ [deepPath(101)]: 1 })],
];

test.each(POISON)('%s is refused with INVALID_PARAM, writes nothing, and the store reopens', async (_name, change) => {
  const db = database();
  const error = await db
    .collection('docs')
    .doc('d')
    .update({ data: change(db) })
    .then(
      () => undefined,
      (caught: { errCode?: number; errMsg?: string }) => caught,
    );
  expect(error?.errCode).toBe(-501007);
  expect((await db.collection('docs').doc('d').get()).data).toEqual({ _id: 'd', a: 1, b: { keep: true } });
  await restart();
  expect((await database().collection('docs').doc('d').get()).data).toEqual({ _id: 'd', a: 1, b: { keep: true } });
});

test('accepted edge values read back with their types after a restart', async () => {
  const db = database();
  const edge = {
    deep: JSON.parse(`${'{"x":'.repeat(98)}"leaf"${'}'.repeat(98)}`) as unknown,
    numbers: [-0, 2 ** 53 + 2, 1e-300, Number.MAX_VALUE, 0.1 + 0.2, -1],
    text: ['', '\u0000', 'line\nbreak', '"quoted"', '\ud83d\ude00', '汉字', '$not-a-field-name'],
    at: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)),
    re: /a+b?/im,
    'dotted.key': 'kept as data',
    nested: { empty: {}, list: [[], [{}], null, true] },
  };
  await db.collection('docs').add({ data: { _id: 'edge', ...edge } });
  await db
    .collection('docs')
    .doc('d')
    .update({ data: { [deepPath(98)]: 'deep by path' } });
  const before = [
    (await db.collection('docs').doc('edge').get()).data,
    (await db.collection('docs').doc('d').get()).data,
  ];
  await restart();
  const again = database();
  const after = [
    (await again.collection('docs').doc('edge').get()).data,
    (await again.collection('docs').doc('d').get()).data,
  ];
  expect(after).toEqual(before);
  expect((after[0] as { at: unknown }).at).toBeInstanceOf(Date);
});

test('fields named like members of Object.prototype are written, not silently dropped', async () => {
  const db = database();
  const _ = db.command;
  expect(
    (
      await db
        .collection('docs')
        .doc('d')
        .update({ data: { 'hasOwnProperty.y': 1 } })
    ).stats.updated,
  ).toBe(1);
  expect(
    (
      await db
        .collection('docs')
        .doc('d')
        .update({ data: { 'valueOf.deep': 2 } })
    ).stats.updated,
  ).toBe(1);
  expect(
    (
      await db
        .collection('docs')
        .doc('d')
        .update({ data: { a: _.rename('constructor.x') } })
    ).stats.updated,
  ).toBe(1);
  const expected = {
    _id: 'd',
    b: { keep: true },
    hasOwnProperty: { y: 1 },
    valueOf: { deep: 2 },
    constructor: { x: 1 },
  };
  expect((await db.collection('docs').doc('d').get()).data).toEqual(expected);
  await restart();
  expect((await database().collection('docs').doc('d').get()).data).toEqual(expected);
});
