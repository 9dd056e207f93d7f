/**
 * Identity and permissions. Who is written comes only from the platform's context: no event
 * field, HTTP header or injected operator changes it, and a call without OPENID writes nothing.
 * Client-side reads go through the emulator's evaluation of the shipped rule
 * (cloudfunctions/login/users.rules.json: read when doc._openid == auth.openid, never write),
 * called the way a mini-program calls wx.cloud.database().
 */
import fc from 'fast-check';
import type * as WxServerSdk from 'wx-server-sdk';
import { login } from '../../core/login/login';
import { MemoryUsersStore } from '../../core/users/memory-users-store';
import type { Launch } from '@wx-cloud-login/wxcloud';
import { useLocalCloud } from '../helpers/local-cloud';
import { recordFigure } from './helpers/figures';
import { hostileValue, ownObject } from './helpers/hostile';
import { callLogin, userNamed } from './helpers/logins';

const local = useLocalCloud();
const ALICE = userNamed('alice-identity', { UNIONID: 'u-alice' });
const BOB = userNamed('bob-identity');
const DENIED = { errCode: -502003, errMsg: expect.stringMatching(/:fail -502003 database permission denied/) };

const databaseWrites = () =>
  Object.entries(local.cloud.stats().byAction)
    .filter(([action]) => /insert|modify|remove|addCollection/.test(action))
    .reduce((sum, [, stats]) => sum + stats.total, 0);

describe('who is written', () => {
  it(
    'ignores identity in the event, in headers and in operator-shaped ' + 'values: only the caller is written',
    async () => {
      const headers = {
        'x-wx-openid': BOB.OPENID,
        'x-wx-appid': 'wx-evil',
        'x-tcb-source': 'wx_devtools',
        'x-wx-unionid': 'u-evil',
        'x-forwarded-for': '10.0.0.1',
      };
      const sneaky = [
        // valid: the platform overrides userInfo
        { attemptId: 'attempt-sneaky-1', userInfo: { openId: BOB.OPENID, appId: 'wx-evil' } },
        { attemptId: 'attempt-sneaky-2', openid: BOB.OPENID },
        { attemptId: 'attempt-sneaky-3', OPENID: BOB.OPENID, _id: BOB.OPENID },
        { attemptId: { $ne: null } },
        ownObject([
          ['attemptId', 'attempt-sneaky-4'],
          ['__proto__', { OPENID: BOB.OPENID }],
        ]),
      ];
      for (const data of sneaky) await callLogin(local.cloud.baseUrl, ALICE, data, headers);
      const users = await local.users();
      expect(users.map((user) => user._openid)).toEqual([ALICE.OPENID]);
      expect(users[0]).toMatchObject({ _id: ALICE.OPENID, appid: ALICE.APPID, unionid: 'u-alice' });
      recordFigure('permissionChecks', sneaky.length);
    },
  );

  it(
    'writes nothing for a call without OPENID, from the client endpoint ' + 'or from another function through the SDK',
    async () => {
      const fromConsole = await callLogin(local.cloud.baseUrl, undefined);
      expect(fromConsole).toMatchObject({ kind: 'result', result: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sdk = require('wx-server-sdk') as typeof WxServerSdk;
      sdk.init({ env: local.cloud.envId });
      const fromServer = await sdk.callFunction({ name: 'login', data: { attemptId: 'attempt-server-1' } });
      expect(fromServer).toMatchObject({ result: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
      expect(databaseWrites()).toBe(0);
      recordFigure('permissionChecks', 2);
    },
  );

  it('a hostile context (non-string or blank OPENID, operators) never reaches the store', async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            OPENID: fc.oneof(
              hostileValue.filter((v) => typeof v !== 'string'),
              fc.constantFrom('', '   '),
            ),
            APPID: hostileValue,
          },
          { requiredKeys: [] },
        ),
        async (context) => {
          tried++;
          const store = new MemoryUsersStore();
          const deps = {
            store,
            now: () => new Date(),
            newAttemptId: () => 'generated-attempt',
            sleep: async () => undefined,
          };
          const result = await login(deps, {}, context as never);
          expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
          expect(store.calls).toEqual([]);
        },
      ),
      { numRuns: 500, seed: 20260105 },
    );
    recordFigure('badInputsTried', tried);
  });
});

describe('client-side reads under the shipped security rule', () => {
  let alice: Launch;

  beforeEach(async () => {
    for (const user of [ALICE, BOB]) {
      const answer = await callLogin(local.cloud.baseUrl, user);
      expect(answer.kind === 'result' && answer.result.ok).toBe(true);
    }
    alice = await local.phone(ALICE).launch();
    await alice.settled();
    alice.close();
  });

  const db = () => alice.wx.cloud.database();

  it('a user reads their own document, by id and by a query on _openid', async () => {
    const byId = await db().collection('users').doc(ALICE.OPENID).get();
    expect(byId.data).toMatchObject({ _id: ALICE.OPENID, _openid: ALICE.OPENID, loginCount: 2, unionid: 'u-alice' });
    expect(byId.data?.createdAt).toBeInstanceOf(Date);
    const byQuery = await db().collection('users').where({ _openid: ALICE.OPENID }).get();
    expect(byQuery.data.map((doc) => doc._id)).toEqual([ALICE.OPENID]);
    recordFigure('permissionChecks', 2);
  });

  it('cannot read another user’s document, by id, by query, by operator or by an unfiltered query', async () => {
    // By id, another user's document is answered as a missing one: the answer does not say it exists.
    const missing = await db()
      .collection('users')
      .doc('o-nobody')
      .get()
      .catch((error: unknown) => error);
    await expect(db().collection('users').doc(BOB.OPENID).get()).rejects.toEqual({
      ...(missing as object),
      errMsg: (missing as { errMsg: string }).errMsg.replace('o-nobody', BOB.OPENID),
    });
    const attempts = [
      () => db().collection('users').where({ _openid: BOB.OPENID }).get(),
      () => db().collection('users').where({ _id: BOB.OPENID }).get(),
      () =>
        db()
          .collection('users')
          .where({ _openid: { $ne: 'nobody' } })
          .get(),
      () =>
        db()
          .collection('users')
          .where({ _openid: { $in: [ALICE.OPENID, BOB.OPENID] } })
          .get(),
      () => db().collection('users').get(),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toEqual(DENIED);
    recordFigure('permissionChecks', attempts.length + 1);
  });

  it('cannot write: add, update and remove are denied, and nothing changes', async () => {
    const before = await local.users();
    const attempts = [
      () =>
        db()
          .collection('users')
          .add({ data: { _id: 'o-forged', loginCount: 999 } }),
      () =>
        db()
          .collection('users')
          .doc(ALICE.OPENID)
          .update({ data: { loginCount: 999 } }),
      () =>
        db()
          .collection('users')
          .doc(BOB.OPENID)
          .update({ data: { loginCount: 0 } }),
      () => db().collection('users').doc(ALICE.OPENID).remove(),
      () => db().collection('users').doc(BOB.OPENID).remove(),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toEqual(DENIED);
    expect(await local.users()).toEqual(before);
    recordFigure('permissionChecks', attempts.length);
  });

  it('a collection without a rules file is closed to clients', async () => {
    await expect(db().collection('secrets').get()).rejects.toEqual(DENIED);
    await expect(
      db()
        .collection('secrets')
        .add({ data: { x: 1 } }),
    ).rejects.toEqual(DENIED);
    recordFigure('permissionChecks', 2);
  });

  it('a phone with no user (no OPENID) reads nothing', async () => {
    const anonymous = local.phone(ALICE);
    const launch = await anonymous.launch();
    await launch.settled();
    launch.close();
    anonymous.user = undefined as never;
    await expect(launch.wx.cloud.database().collection('users').doc(ALICE.OPENID).get()).rejects.toEqual(DENIED);
    recordFigure('permissionChecks', 1);
  });
});
