/**
 * Concurrency through the whole flow: client endpoint -> function runtime (worker instances) ->
 * the built login function with the real wx-server-sdk -> emulator database. Every login is its
 * own call with its own attempt id, all in flight at once.
 */
import { useLocalCloud } from '../helpers/local-cloud';
import { recordFigure } from './helpers/figures';
import {
  callLogin,
  checkUsers,
  describeAnswer,
  successes,
  userNamed,
  type CallAnswer,
  type ExpectedUser,
} from './helpers/logins';

const local = useLocalCloud({ functions: { maxInstancesPerFunction: 12 } });

async function loginAll(users: Array<ReturnType<typeof userNamed>>): Promise<CallAnswer[]> {
  recordFigure('concurrentLogins', users.length);
  return Promise.all(users.map((user) => callLogin(local.cloud.baseUrl, user)));
}

function expectAllOk(answers: CallAnswer[]) {
  const failed = answers.filter((answer) => !(answer.kind === 'result' && answer.result.ok)).map(describeAnswer);
  expect(failed).toEqual([]);
  return successes(answers);
}

async function expectIntact(expected: ExpectedUser[]) {
  const stored = await local.users();
  const report = checkUsers(stored, expected);
  recordFigure('documentsLost', report.lost.length);
  recordFigure('documentsDuplicated', report.duplicated.length);
  expect(report).toEqual({ lost: [], duplicated: [], problems: [] });
  expect(stored).toHaveLength(expected.length);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

it(
  '200 concurrent first logins of one user leave one document counted ' + '200, one new user, each count seen once',
  async () => {
    const user = userNamed('crowd', { UNIONID: 'u-crowd' });
    const logins = expectAllOk(await loginAll(range(200).map(() => user)));
    const newOnes = logins.filter((login) => login.isNewUser);
    expect(newOnes).toHaveLength(1);
    expect(logins.map((login) => login.user.loginCount).sort((a, b) => a - b)).toEqual(range(200).map((i) => i + 1));
    const createdAt = new Date(newOnes[0]!.user.createdAt);
    expect(new Set(logins.map((login) => login.user.createdAt))).toEqual(new Set([createdAt.toISOString()]));
    await expectIntact([{ openid: user.OPENID, loginCount: 200, createdAt, unionid: 'u-crowd' }]);
  },
  60_000,
);

it('200 different users logging in at once get one document each, counted 1', async () => {
  const users = range(200).map((i) => userNamed(`many-${i}`, i % 2 ? { UNIONID: `u-many-${i}` } : {}));
  const logins = expectAllOk(await loginAll(users));
  expect(logins.every((login) => login.isNewUser && login.user.loginCount === 1)).toBe(true);
  await expectIntact(users.map((user) => ({ openid: user.OPENID, loginCount: 1, unionid: user.UNIONID })));
}, 60_000);

it(
  'mixed first and returning logins, with and without unionid: exact ' + 'counts, createdAt unmoved, unionid kept',
  async () => {
    const regulars = range(40).map((i) => userNamed(`regular-${i}`, { UNIONID: `u-regular-${i}` }));
    const before = expectAllOk(await loginAll(regulars));
    const createdAt = new Map(before.map((login) => [login.user.openid, new Date(login.user.createdAt)]));
    const newcomers = range(20).map((i) => userNamed(`newcomer-${i}`));
    // Each regular logs in 3 more times, twice without a unionid (it must not be cleared);
    // each newcomer 4 times at once (one of them creates the document).
    const wave = [
      ...regulars.flatMap((user) => [
        user,
        { OPENID: user.OPENID, APPID: user.APPID },
        { OPENID: user.OPENID, APPID: user.APPID },
      ]),
      ...newcomers.flatMap((user) => [user, user, user, user]),
    ].sort(() => Math.random() - 0.5);
    const logins = expectAllOk(await loginAll(wave));
    expect(
      logins
        .filter((login) => login.isNewUser)
        .map((login) => login.user.openid)
        .sort(),
    ).toEqual(newcomers.map((u) => u.OPENID).sort());
    const newcomerCreatedAt = new Map(
      logins.filter((login) => login.isNewUser).map((login) => [login.user.openid, new Date(login.user.createdAt)]),
    );
    await expectIntact([
      ...regulars.map((user) => ({
        openid: user.OPENID,
        loginCount: 4,
        createdAt: createdAt.get(user.OPENID),
        unionid: user.UNIONID,
      })),
      ...newcomers.map((user) => ({
        openid: user.OPENID,
        loginCount: 4,
        createdAt: newcomerCreatedAt.get(user.OPENID),
      })),
    ]);
  },
  60_000,
);

it(
  '40 concurrent logins of one user whose answers are all lost, then ' +
    'retried: each attempt counted once, never INTERNAL',
  async () => {
    const user = userNamed('lost-answers');
    expectAllOk(await loginAll([user]));
    const attempts = range(40).map((i) => ({ attemptId: `lost-answer-${String(i).padStart(4, '0')}` }));
    // Every returning update is applied and its answer lost: the function's own retries cannot tell,
    // so each call ends UNAVAILABLE with its login counted once, while the 39 others land as well.
    local.cloud.setFaults([{ kind: 'reset', actions: ['database.modifyAndReturnDoc'], when: 'after' }]);
    recordFigure('concurrentLogins', attempts.length);
    const lost = await Promise.all(attempts.map((data) => callLogin(local.cloud.baseUrl, user, data)));
    recordFigure('faultsInjected', local.cloud.stats().byAction['database.modifyAndReturnDoc']?.total ?? 0, 'reset');
    expect(
      lost
        .filter(
          (answer) => !(answer.kind === 'result' && !answer.result.ok && answer.result.error.code === 'UNAVAILABLE'),
        )
        .map(describeAnswer),
    ).toEqual([]);
    local.cloud.clearFaults();
    // The app retries each attempt with the same id: more than 16 other logins landed since each was counted.
    const retried = expectAllOk(await Promise.all(attempts.map((data) => callLogin(local.cloud.baseUrl, user, data))));
    // Each retry is answered with its own count: 2 to 41, each seen once.
    expect(retried.map((login) => login.user.loginCount).sort((a, b) => a - b)).toEqual(range(40).map((i) => i + 2));
    expect(retried.some((login) => login.isNewUser)).toBe(false);
    await expectIntact([{ openid: user.OPENID, loginCount: 41 }]);
  },
  60_000,
);
