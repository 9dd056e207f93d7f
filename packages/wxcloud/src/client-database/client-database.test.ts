/**
 * The client database through real HTTP, as a phone's wx.cloud.database() reaches it: queries are
 * checked against the rule before they run (no answer depends on other users' documents), `add`
 * stamps the caller's `_openid`, updates cannot change it, anonymous callers stay out of
 * `auth.openid != null`, and a broken rules file stops the start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCloudDatabase, type ClientDatabaseError } from '../phone/wx-cloud-database';
import type { SimulatedUser } from '../phone/wx-cloud-client';
import { databaseService } from '../database/service';
import { startEmulator } from '../host/emulator';
import { useStartedEmulator } from '../../test-support/use-emulator';
import { clientDatabaseService } from './service';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'client-db-rules-'));
const writeRules = (folder: string, collection: string, rules: unknown) => {
  fs.mkdirSync(path.join(root, folder), { recursive: true });
  fs.writeFileSync(
    path.join(root, folder, `${collection}.rules.json`),
    typeof rules === 'string' ? rules : JSON.stringify(rules),
  );
};
writeRules('app', 'users', { read: 'doc._openid == auth.openid', write: false });
writeRules('app', 'notes', { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' });
writeRules('app', 'board', { read: 'auth.openid != null', write: 'auth.openid != null' });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const emu = useStartedEmulator(() =>
  startEmulator({
    inMemory: true,
    services: [
      databaseService({ collections: ['users', 'notes', 'board'] }),
      clientDatabaseService({ functionsRoot: root }),
    ],
  }),
);

const ALICE: SimulatedUser = { OPENID: 'o-alice', APPID: 'wx-app' };
const DENIED = { errCode: -502003, errMsg: expect.stringContaining('database permission denied') };
const clientOf = (user: SimulatedUser | undefined) => createCloudDatabase(emu.emulator.baseUrl, () => user)();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: ClientDatabaseError) => error,
  );

beforeEach(async () => {
  const admin = emu.database();
  await admin.collection('users').add({
    data: [
      { _id: 'o-alice', _openid: 'o-alice', unionid: 'u-alice' },
      { _id: 'o-bob', _openid: 'o-bob', unionid: 'u-bob' },
    ],
  });
  await admin.collection('notes').add({ data: { _id: 'n-bob', _openid: 'o-bob', text: 'bob' } });
});

test(
  'a query the rule does not imply is refused before it runs: matching ' +
    'a foreign document or nothing answers the same',
  async () => {
    const db = clientOf(ALICE);
    const probes = [
      { unionid: 'u-bob' },
      { unionid: 'u-nobody' },
      { _id: 'o-bob' },
      { _id: 'o-nobody' },
      { _openid: 'o-bob' },
      { _openid: 'o-nobody' },
    ];
    const answers = await Promise.all(probes.map((where) => failure(db.collection('users').where(where).get())));
    expect(answers).toEqual(probes.map(() => DENIED));
    const own = await db.collection('users').where({ _openid: '{openid}', unionid: 'u-alice' }).get();
    expect(own.data.map((doc) => doc._id)).toEqual(['o-alice']);
    expect((await db.collection('users').where({ _openid: 'o-alice', unionid: 'u-bob' }).get()).data).toEqual([]);
  },
);

test('by id, a foreign document is answered as a missing one', async () => {
  const db = clientOf(ALICE);
  const foreign = await failure(db.collection('notes').doc('n-bob').get());
  const missing = await failure(db.collection('notes').doc('n-nobody').get());
  expect(foreign?.errMsg.replace('n-bob', 'ID')).toBe(missing?.errMsg.replace('n-nobody', 'ID'));
  expect(foreign?.errCode).toBe(missing?.errCode);
  expect(
    await failure(
      db
        .collection('notes')
        .doc('n-bob')
        .update({ data: { text: 'mine' } }),
    ),
  ).toEqual(foreign && { ...foreign, errMsg: expect.stringContaining('document.update:fail cannot find') });
});

test("add stamps the caller's _openid over any sent, and an update cannot change it", async () => {
  const db = clientOf(ALICE);
  const { _id } = await db.collection('notes').add({ data: { text: 'a', _openid: 'o-bob' } });
  const stored = (await emu.database().collection('notes').doc(_id).get()).data;
  expect(stored).toMatchObject({ text: 'a', _openid: 'o-alice' });
  for (const data of [{ _openid: 'o-bob' }, { '_openid.x': 1 }, { _id: 'other' }]) {
    expect(await failure(db.collection('notes').doc(String(_id)).update({ data }))).toEqual(DENIED);
  }
  expect(
    (
      await db
        .collection('notes')
        .doc(String(_id))
        .update({ data: { text: 'b' } })
    ).stats.updated,
  ).toBe(1);
  expect((await emu.database().collection('notes').doc(_id).get()).data).toMatchObject({
    text: 'b',
    _openid: 'o-alice',
  });
  expect((await db.collection('notes').where({ _openid: '{openid}' }).get()).data).toHaveLength(1);
});

test('auth.openid != null keeps anonymous callers out, reading and writing', async () => {
  const anonymous = clientOf(undefined);
  expect(await failure(anonymous.collection('board').get())).toEqual(DENIED);
  expect(await failure(anonymous.collection('board').add({ data: { text: 'spam' } }))).toEqual(DENIED);
  expect((await emu.database().collection('board').count()).total).toBe(0);
  await clientOf(ALICE)
    .collection('board')
    .add({ data: { text: 'hi' } });
  expect((await clientOf(ALICE).collection('board').get()).data).toHaveLength(1);
});

test.each([
  ['not JSON', '{ read: true', /security rules file .*broken\.rules\.json: not valid JSON/],
  [
    'a bad expression',
    { read: 'doc.a === 1', write: false },
    /security rules file .*broken\.rules\.json: .*in rule "doc.a === 1"/,
  ],
  ['a missing key', { read: true }, /security rules file .*broken\.rules\.json: .*write/],
])('a rules file with %s stops the start with its name and the problem', async (_what, rules, message) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-db-broken-'));
  try {
    fs.mkdirSync(path.join(dir, 'fn'));
    fs.writeFileSync(
      path.join(dir, 'fn', 'broken.rules.json'),
      typeof rules === 'string' ? rules : JSON.stringify(rules),
    );
    await expect(
      startEmulator({ inMemory: true, services: [clientDatabaseService({ functionsRoot: dir })] }),
    ).rejects.toThrow(message);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
