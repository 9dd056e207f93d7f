/**
 * What both property suites of the durable store share: random document values (adversarial field
 * names such as `$oid`, `__proto__` and `constructor`; dates, NaN, -0, huge and tiny numbers,
 * unicode; depths around the nesting limit), and temporary data folders removed after the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { refusedName } from './store-model';

/** A new empty folder on each call; every one is removed after the test file. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-model-'));
    dirs.push(dir);
    return dir;
  };
}

const SAFE_NAMES = [
  'x',
  'y',
  'p',
  'profile',
  'phone',
  'constructor',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'prototype',
  '汉字',
  'a b',
];
export const REFUSED_NAMES = [
  '$oid',
  '$date',
  '$numberLong',
  '$regularExpression',
  '$tcb_server_date',
  '$regex',
  '$foo',
  '__proto__',
];
export const safeName = fc.oneof(
  fc.constantFrom(...SAFE_NAMES),
  fc
    .string({ minLength: 1, maxLength: 4 })
    .filter((name) => !name.includes('.') && !refusedName(name) && name !== '_id' && !/^\d+$/.test(name)),
);
export const docKey = fc.oneof(
  { weight: 6, arbitrary: safeName },
  { weight: 1, arbitrary: fc.constantFrom('a.b', '', ' ', '\u0000') },
);
export const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.constantFrom(2 ** 53 + 2, -0, 1e-300, Number.MAX_VALUE, Number.NaN),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
);
const nestedValue = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => ({ n: inner }), 'bottom');
export const value: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(docKey, tie('v'), { maxKeys: 3 }),
      ),
    })).v,
  },
  { weight: 1, arbitrary: fc.integer({ min: 96, max: 102 }).map(nestedValue) },
);
