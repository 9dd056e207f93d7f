/**
 * Every `/admin` action the whole local cloud serves, with hostile parameters. The list comes from
 * the running cloud's action table (`actionNames()`), so an action a service adds is fuzzed here
 * without editing this file. Each answer is a success or a stable user-error code (never SYS_ERR,
 * never a 5xx or a dropped connection), the seeded documents are untouched, and Object.prototype
 * stays clean.
 */
import fc from 'fast-check';
import { USER_ERROR_CODES } from '../../packages/wxcloud/src/host/errors';
import { startLocalCloud, type LocalCloud } from '@wx-cloud-login/wxcloud';
import { recordFigure } from './helpers/figures';
import { hostileKey, hostileValue, ownObject, prototypeIsClean } from './helpers/hostile';

let cloud: LocalCloud;
const SEED = [{ _id: 'seed-1', n: 1 }];
/** Parameters the actions read, so that hostile values reach the handlers and not only the schemas. */
const KNOWN_FIELDS = [
  'collectionName',
  'query',
  'data',
  'multi',
  'transactionId',
  'documentId',
  'name',
  'event',
  'apiName',
  'requestData',
  'fileList',
  'path',
  'stages',
];

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, collections: ['users'] });
  const insert = {
    action: 'database.insertDocument',
    collectionName: 'users',
    data: SEED.map((doc) => JSON.stringify(doc)),
  };
  expect((await post(insert)).body).not.toHaveProperty('code');
});
afterAll(() => cloud.stop());

async function post(envelope: unknown) {
  const response = await fetch(cloud.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function seeded(): Promise<unknown> {
  return (await post({ action: 'database.getDocument', collectionName: 'users', query: '{}' })).body.data;
}

test(
  'every action of the action table, with hostile parameters: success ' + 'or a stable user error, nothing else',
  async () => {
    const actions = cloud.actionNames();
    expect(actions).toEqual(expect.arrayContaining(['database.getDocument', 'functions.invokeFunction', 'wx.openApi']));
    const before = await seeded();
    const reached = new Set<string>();
    const envelope = fc
      .tuple(
        fc.constantFrom(...actions),
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_FIELDS), hostileKey), hostileValue), { maxLength: 5 }),
      )
      .map(([action, fields]) => ownObject([['action', action], ...fields]));
    await fc.assert(
      fc.asyncProperty(envelope, async (sent) => {
        const { status, body } = await post(sent);
        expect([200, 413]).toContain(status);
        if (body.code !== undefined) {
          expect(USER_ERROR_CODES).toContain(body.code);
          expect(typeof body.message).toBe('string');
        }
        reached.add(String(sent.action));
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: Math.max(600, actions.length * 25), seed: 20261204 },
    );
    recordFigure('badInputsTried', Math.max(600, actions.length * 25));
    expect([...reached].sort()).toEqual(actions);
    expect(await seeded()).toEqual(before);
  },
  90_000,
);
