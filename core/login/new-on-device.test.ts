/**
 * A login from a device that stores no user (`newOnDevice`): the insert goes first, so a new user is one request;
 * a returning user on a new device is still counted once, and never told it is new.
 */
import { login, type LoginDeps } from './login';
import { MemoryUsersStore } from '../users/memory-users-store';

const ALICE = { OPENID: 'o-alice', APPID: 'wx-app' };

function setup() {
  const store = new MemoryUsersStore();
  let ids = 0;
  const deps: LoginDeps = {
    store,
    now: () => new Date(),
    newAttemptId: () => `generated-${++ids}`,
    sleep: async () => undefined,
    log: () => undefined,
  };
  const signIn = async (event: object) => {
    const result = await login(deps, event, ALICE);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data;
  };
  return { store, signIn };
}

it('creates a new user with one request', async () => {
  const { store, signIn } = setup();
  expect(await signIn({ newOnDevice: true })).toMatchObject({ isNewUser: true, user: { loginCount: 1 } });
  expect(store.calls).toEqual(['insertUser']);
});

it('counts a returning user on a new device once: the refused insert, then the update', async () => {
  const { store, signIn } = setup();
  await signIn({});
  store.calls.length = 0;
  expect(await signIn({ newOnDevice: true })).toMatchObject({ isNewUser: false, user: { loginCount: 2 } });
  expect(store.calls).toEqual(['insertUser', 'recordReturningLogin']);
  expect(store.documents.get('o-alice')?.loginCount).toBe(2);
});

it('counts once a first login whose insert landed but whose answer was lost', async () => {
  const { store, signIn } = setup();
  store.failNext('insertUser', 'after');
  expect(await signIn({ newOnDevice: true, attemptId: 'attempt-0001' })).toMatchObject({
    isNewUser: true,
    user: { loginCount: 1 },
  });
  expect(store.documents.get('o-alice')?.loginCount).toBe(1);
});

it('leaves one document with an exact count after concurrent first logins from new devices', async () => {
  const { store, signIn } = setup();
  const results = await Promise.all(Array.from({ length: 30 }, () => signIn({ newOnDevice: true })));
  expect(store.documents.get('o-alice')?.loginCount).toBe(30);
  expect(results.filter((result) => result.isNewUser)).toHaveLength(1);
});
