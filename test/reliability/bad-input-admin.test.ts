/**
 * Bad input to the emulator's database endpoint (`POST /admin`, what the SDK talks to),
 * property-based: invalid JSON, JSON that is not an envelope, unknown actions, known actions with
 * wrong types, invalid EJSON in query/data, operators and prototype-pollution keys everywhere.
 * Each: an HTTP answer with a stable user-error code (never SYS_ERR, never a dropped connection),
 * no write (the stored data is unchanged), the server still answers a good request, and
 * Object.prototype is untouched.
 */
import fc from 'fast-check';
import { USER_ERROR_CODES } from '../../packages/wxcloud/src/host/errors';
import { databaseService, startEmulator, type Emulator } from '@wx-cloud-login/wxcloud';
import { recordFigure } from './helpers/figures';
import { hostileKey, hostileValue, ownObject, prototypeIsClean } from './helpers/hostile';

let emulator: Emulator;
const SEED_DOCS = [
  { _id: 'seed-1', n: 1 },
  { _id: 'seed-2', n: 2 },
];

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, services: [databaseService({ collections: ['users'] })] });
  const insert = {
    action: 'database.insertDocument',
    collectionName: 'users',
    data: SEED_DOCS.map((doc) => JSON.stringify(doc)),
  };
  expect((await post(JSON.stringify(insert))).body).not.toHaveProperty('code');
});
afterAll(() => emulator.stop());

async function post(body: string) {
  const response = await fetch(emulator.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { unparsable: text };
  }
  return { status: response.status, body: json };
}

async function storedDocs(): Promise<unknown> {
  const { body } = await post(
    JSON.stringify({ action: 'database.getDocument', collectionName: 'users', query: '{}', limit: 1000 }),
  );
  return (body.data as { list: string[] }).list;
}

const WRITE_ACTIONS = [
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
];
// Not addCollection: a generated string may well be a valid name (letters and digits), and would create one.
const ANY_ACTION = [
  ...WRITE_ACTIONS,
  'database.getDocument',
  'database.calculateDocument',
  'database.aggregateDocuments',
];
const READ_ACTIONS = ['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'];
const actionOf = (text: string): unknown => (JSON.parse(text) as { action?: unknown }).action;
const validEjson = JSON.stringify({ _id: 'seed-1' });
const invalidEjson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"$date": "not a date"}',
    '{"$numberInt": "x"}',
    '{"$oid": 1}',
    '{"a": {"$regularExpression": {"pattern": "(", "options": "z"}}}',
    '[',
    'undefined',
    '{"$tcb_server_date": {"offset": "soon"}}',
  ),
  fc.string({ maxLength: 30 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

/** The fields each write action reads: breaking one of them must refuse the write. */
const WRITE_FIELDS: Record<string, string[]> = {
  'database.insertDocument': ['collectionName', 'data'],
  'database.modifyDocument': ['collectionName', 'query', 'data', 'multi'],
  'database.modifyAndReturnDoc': ['collectionName', 'query', 'data'],
  'database.removeDocument': ['collectionName', 'query', 'multi'],
};

/** An envelope for a write action with one field it reads broken, so that it can never be a valid write. */
const brokenWrite = fc
  .constantFrom(
    ...Object.entries(WRITE_FIELDS).flatMap(([action, fields]) => fields.map((field) => [action, field] as const)),
  )
  .chain(([action, broken]) =>
    fc
      .oneof(
        invalidEjson,
        hostileValue.filter((value) => typeof value !== 'string'),
      )
      .map((bad) => ({ action, broken, bad })),
  )
  .map(({ action, broken, bad }) => {
    const fields: Record<string, unknown> = {
      collectionName: 'users',
      query: validEjson,
      data: action === 'database.insertDocument' ? [validEjson] : JSON.stringify({ $set: { hacked: true } }),
    };
    fields[broken] =
      broken === 'multi' ? 'yes' : broken === 'data' && action === 'database.insertDocument' ? [bad] : bad;
    return JSON.stringify(ownObject([['action', action], ...Object.entries(fields)]));
  });

const body = fc.oneof(
  fc.string({ maxLength: 200 }), // mostly invalid JSON
  fc.string({ unit: 'binary', maxLength: 100 }),
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'), // JSON, rarely an envelope
  fc.tuple(fc.string({ maxLength: 40 }), hostileValue).map(([action, rest]) =>
    JSON.stringify(
      ownObject([
        ['action', `nope.${action}`],
        ['x', rest],
      ]),
    ),
  ),
  fc.tuple(hostileKey, hostileValue).map(([key, value]) =>
    JSON.stringify(
      ownObject([
        ['action', 'database.getDocument'],
        ['collectionName', 'users'],
        ['__proto__', { polluted: true }],
        [key, value],
      ]),
    ),
  ),
  fc.tuple(fc.constantFrom(...ANY_ACTION), hostileValue).map(([action, value]) =>
    JSON.stringify(
      ownObject([
        ['action', action],
        ['collectionName', value],
      ]),
    ),
  ),
  brokenWrite,
  fc.constantFrom(
    '{"action":"database.getDocument","collectionName":"users","query":"{\\"$where\\":\\"return true\\"}"}',
    '{"action":"database.getDocument","collectionName":"users",' +
      '"query":"{\\"_id\\":{\\"$function\\":{\\"body\\":\\"return 1\\",\\"args\\":[],\\"lang\\":\\"js\\"}}}"}',
    '{"action":"database.modifyDocument","collectionName":"users",' +
      '"query":"{\\"__proto__\\":{\\"polluted\\":true}}",' +
      '"data":"{\\"$set\\":{\\"__proto__.polluted\\":true}}","multi":"all"}',
    '{"action":"database.getDocument","collectionName":"__proto__"}',
    '{"action":"constructor"}',
    '{"action":"__proto__"}',
    '{"action":"toString"}',
  ),
);

test('thousands of hostile bodies: a stable user-error code, no write, server healthy, prototype clean', async () => {
  const before = await storedDocs();
  expect(before).toHaveLength(SEED_DOCS.length);
  const codes = new Map<string, number>();
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(body, async (text) => {
      tried++;
      const { status, body: answer } = await post(text);
      expect([200, 413]).toContain(status);
      if (answer.code === undefined) {
        // A well-formed read slipped through the generator: allowed, it writes nothing.
        expect(READ_ACTIONS).toContain(actionOf(text));
        return;
      }
      expect(USER_ERROR_CODES).toContain(answer.code);
      expect(typeof answer.message).toBe('string');
      codes.set(String(answer.code), (codes.get(String(answer.code)) ?? 0) + 1);
      expect(prototypeIsClean()).toBe(true);
    }),
    { numRuns: 2000, seed: 20260103 },
  );
  recordFigure('badInputsTried', tried);
  expect(await storedDocs()).toEqual(before);
  expect(codes.size).toBeGreaterThan(1); // the generator reached more than one kind of refusal
}, 60_000);

test('the same bad body gets the same code every time', async () => {
  const samples = fc.sample(body, { numRuns: 50, seed: 20260104 });
  for (const text of samples) {
    const first = await post(text);
    const second = await post(text);
    expect(second.body.code).toBe(first.body.code);
  }
  recordFigure('badInputsTried', samples.length * 2);
});
