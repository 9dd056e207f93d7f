/**
 * The whole flow, end to end: the mini-program's own code (harness) -> client endpoint ->
 * runtime worker -> the built login function, the real wx-server-sdk bundled inside it ->
 * emulator database. The first test makes sure that bundle is what src/ builds today.
 */
import { buildInMemory, builtState, readBuiltFile } from '../../scripts/deploy/build';
import { useLocalCloud, projectWithLoginFixture } from '../helpers/local-cloud';
import { startLocalCloud } from '@wx-cloud-login/wxcloud';
import { SimulatedDevice } from '@wx-cloud-login/wxcloud';
import { userMessageFor } from '../../miniprogram/shared/error-codes';

const local = useLocalCloud();
const ALICE = { OPENID: 'o-alice-000001', APPID: 'wx-demo' };

type IndexView = { status: string; detail: string; user: { loginCountText: string; unionidText: string } | null };
type AuthState = {
  status: string;
  user?: { loginCount: number; unionid?: string };
  error?: { code: string; message: string };
};
const view = (launch: Awaited<ReturnType<SimulatedDevice['launch']>>) =>
  launch.page('pages/index/index').data.view as IndexView;
const authState = (launch: Awaited<ReturnType<SimulatedDevice['launch']>>) =>
  (launch.app.globalData.auth as { getState(): AuthState }).getState();

function databaseRequests(): Record<string, number> {
  const { byAction } = local.cloud.stats();
  return Object.fromEntries(
    Object.entries(byAction)
      .filter(([action]) => action.startsWith('database.'))
      .map(([action, s]) => [action, s.total]),
  );
}

async function launchAndSettle(phone: SimulatedDevice) {
  const launch = await phone.launch();
  await launch.settled();
  launch.close();
  return launch;
}

it('runs the self-contained bundle that src/ builds today (npm run build refreshes it)', async () => {
  const fresh = await buildInMemory('login');
  expect(builtState(readBuiltFile('login'), fresh.code)).toBe('fresh');
  expect(Object.keys(fresh.metafile.inputs).some((input) => input.includes('node_modules/wx-server-sdk/'))).toBe(true);
});

it('creates one user on the first launch and counts the next one', async () => {
  const phone = local.phone(ALICE);
  const first = await launchAndSettle(phone);
  // The phone stores no user, so the login inserts first: side by side, the user and the identity's link to
  // its account (docs/accounts.md), each insert creating its collection in this fresh environment. The user
  // remembers the account it inserted with, so the next login is one request.
  expect(databaseRequests()).toEqual({ 'database.insertDocument': 4, 'database.addCollection': 2 });
  expect(authState(first)).toMatchObject({
    status: 'signedIn',
    isNewUser: true,
    user: { openid: ALICE.OPENID, loginCount: 1 },
  });
  expect(view(first)).toMatchObject({ status: 'signedIn', user: { loginCountText: '1 次' } });
  const [created] = await local.users();
  expect(await local.users()).toHaveLength(1);
  expect(created).toMatchObject({ _id: ALICE.OPENID, _openid: ALICE.OPENID, appid: 'wx-demo', loginCount: 1 });
  expect(created?.unionid).toBeUndefined();
  expect(created?.createdAt).toBeInstanceOf(Date);

  local.cloud.resetStats();
  const warm = await phone.launch();
  expect(view(warm)).toMatchObject({ status: 'signedIn', user: { loginCountText: '1 次' } }); // the cache, at once
  await warm.settled();
  warm.close();
  expect(view(warm)).toMatchObject({ status: 'signedIn', user: { loginCountText: '2 次' } });
  // a returning login: one request (its account remembered)
  expect(databaseRequests()).toEqual({ 'database.modifyAndReturnDoc': 1 });
  const [after] = await local.users();
  expect(after).toMatchObject({ loginCount: 2, createdAt: created?.createdAt });
  expect(after!.lastLoginAt.getTime()).toBeGreaterThanOrEqual(created!.lastLoginAt.getTime());
});

it('leaves exactly one document with loginCount 100 after 100 concurrent launches of one new user', async () => {
  const phones = Array.from({ length: 100 }, () => local.phone({ OPENID: 'o-crowd-000001', APPID: 'wx-demo' }));
  const launches = await Promise.all(phones.map(launchAndSettle));
  const states = launches.map(authState);
  expect(states.filter((s) => s.status !== 'signedIn')).toEqual([]);
  expect(states.filter((s) => (s as { isNewUser?: boolean }).isNewUser)).toHaveLength(1);
  expect(new Set(states.map((s) => s.user?.loginCount)).size).toBe(100);
  const users = await local.users();
  expect(users).toHaveLength(1);
  expect(users[0]?.loginCount).toBe(100);
  // One account: the identity's one link names the account the user remembers (docs/accounts.md).
  const links = await local.documents('account_links');
  expect(links.map((link) => link.accountId)).toEqual([users[0]?.account?.id]);
}, 60_000);

it('adds a unionid that appears later and keeps it', async () => {
  const phone = local.phone({ OPENID: 'o-carol-000001', APPID: 'wx-demo' });
  await launchAndSettle(phone);
  expect((await local.users())[0]?.unionid).toBeUndefined();
  phone.user = { ...phone.user, UNIONID: 'u-carol' };
  const withUnion = await launchAndSettle(phone);
  expect(authState(withUnion).user?.unionid).toBe('u-carol');
  phone.user = { OPENID: 'o-carol-000001', APPID: 'wx-demo' };
  await launchAndSettle(phone);
  expect((await local.users())[0]).toMatchObject({ unionid: 'u-carol', loginCount: 3 });
  // The UnionID joined the account the identity already had: one account, holding the UnionID.
  const links = await local.documents('account_links');
  expect(links.map((link) => link._id).sort()).toEqual(['identity:wx-demo:o-carol-000001', 'unionid:u-carol']);
  const [account] = new Set(links.map((link) => link.accountId));
  expect(links.every((link) => link.accountId === account)).toBe(true);
  expect((await local.users())[0]?.account).toEqual({ id: account, unionid: 'u-carol' });
});

it('answers UNAUTHENTICATED to a call without OPENID and writes nothing', async () => {
  const answer = await local.call('login', {});
  expect(answer).toMatchObject({
    ok: true,
    status: 200,
    result: { ok: false, error: { code: 'UNAUTHENTICATED', retryable: false } },
  });
  expect(await local.users()).toEqual([]);
});

it('answers INVALID_ARGUMENT to a malformed event and writes nothing', async () => {
  const answer = await local.call('login', { openid: 'o-mallory' }, ALICE);
  expect(answer).toMatchObject({ ok: true, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
  expect(await local.users()).toEqual([]);
});

describe('platform errors reach the mini-program', () => {
  it.each([
    ['a thrown error', 'thrower', 'FUNCTION_ERROR', /-404011/],
    ['a timeout', 'slow', 'NETWORK', /-504003/],
  ])(
    '%s',
    async (_label, fixture, code, errCode) => {
      const project = projectWithLoginFixture(fixture);
      const cloud = await startLocalCloud({ projectRoot: project.projectRoot, inMemory: true });
      try {
        const phone = new SimulatedDevice({ baseUrl: cloud.baseUrl, user: ALICE, timeScale: 0 });
        const launch = await launchAndSettle(phone);
        expect(view(launch)).toMatchObject({ status: 'failed', detail: userMessageFor(code) });
        const state = (
          launch.app.globalData.auth as { getState(): { error?: { code: string; message: string } } }
        ).getState();
        expect(state.error?.code).toBe(code);
        expect(state.error?.message).toMatch(errCode);
        expect(
          launch.logs
            .filter((line) => line.level === 'error')
            .map((line) => line.text)
            .join('\n'),
        ).toMatch(errCode);
      } finally {
        await cloud.stop();
        project.remove();
      }
    },
    30_000,
  );
});
