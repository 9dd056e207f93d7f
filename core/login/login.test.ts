import { LoginResultSchema, type LoginResult } from '../../typings';
import { login, type LoginDeps } from './login';
import { MemoryUsersStore } from '../users/memory-users-store';
import { StoreError } from '../users/users-store';
import { ATTEMPT_MEMORY_MS, ATTEMPTS_BEFORE_PRUNING } from '../users/user-record';

const ALICE = { OPENID: 'o-alice', APPID: 'wx-app' };

function setup(store = new MemoryUsersStore()) {
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  let ids = 0;
  const logs: string[] = [];
  const deps: LoginDeps = {
    store,
    now: () => new Date((clock += 1000)),
    newAttemptId: () => `generated-${++ids}`,
    sleep: async () => undefined,
    log: (message) => logs.push(message),
  };
  return { store, deps, logs };
}

function expectOk(result: LoginResult) {
  expect(LoginResultSchema.safeParse(result).success).toBe(true);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

function expectError(result: LoginResult, code: string) {
  expect(LoginResultSchema.safeParse(result).success).toBe(true);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
}

describe('first and returning logins', () => {
  it('creates the user on the first login and counts later ones', async () => {
    const { store, deps } = setup();
    const first = expectOk(await login(deps, {}, ALICE));
    expect(first.isNewUser).toBe(true);
    expect(first.user).toMatchObject({ openid: 'o-alice', appid: 'wx-app', loginCount: 1 });
    expect(first.user.createdAt).toBe(first.user.lastLoginAt);
    expect(first.user.unionid).toBeUndefined();

    const second = expectOk(await login(deps, {}, ALICE));
    expect(second.isNewUser).toBe(false);
    expect(second.user.loginCount).toBe(2);
    expect(second.user.createdAt).toBe(first.user.createdAt);
    expect(second.user.lastLoginAt > first.user.lastLoginAt).toBe(true);
    expect(store.documents.get('o-alice')).toMatchObject({ _id: 'o-alice', _openid: 'o-alice', loginCount: 2 });
  });

  it('costs one request for a returning user and two for a new one', async () => {
    const { store, deps } = setup();
    await login(deps, {}, ALICE);
    expect(store.calls).toEqual(['recordReturningLogin', 'insertUser']);
    store.calls.length = 0;
    await login(deps, {}, ALICE);
    expect(store.calls).toEqual(['recordReturningLogin']);
  });

  it('creates the users collection of a fresh environment on demand', async () => {
    const { store, deps } = setup(new MemoryUsersStore({ collectionExists: false }));
    store.calls.length = 0;
    const first = expectOk(await login(deps, {}, ALICE));
    expect(first.isNewUser).toBe(true);
    expect(store.calls).toContain('createCollection');
    expect(store.documents.size).toBe(1);
  });

  it('adds a unionid when one appears and never clears it', async () => {
    const { store, deps } = setup();
    await login(deps, {}, ALICE);
    const withUnion = expectOk(await login(deps, {}, { ...ALICE, UNIONID: 'u-alice' }));
    expect(withUnion.user.unionid).toBe('u-alice');
    const without = expectOk(await login(deps, {}, ALICE));
    expect(without.user.unionid).toBe('u-alice');
    expect(store.documents.get('o-alice')?.unionid).toBe('u-alice');
  });

  it('logs in the source user of a cross-account call', async () => {
    const { store, deps } = setup();
    const context = {
      OPENID: 'o-resource-side',
      APPID: 'wx-resource',
      FROM_OPENID: 'o-bob',
      FROM_APPID: 'wx-other',
      FROM_UNIONID: 'u-bob',
    };
    const result = expectOk(await login(deps, {}, context));
    expect(result.user).toMatchObject({ openid: 'o-bob', appid: 'wx-other', unionid: 'u-bob' });
    expect([...store.documents.keys()]).toEqual(['o-bob']);
  });
});

describe('concurrency', () => {
  it('leaves one document with an exact count after concurrent first logins', async () => {
    const { store, deps } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => login(deps, {}, ALICE)));
    const data = results.map(expectOk);
    expect(store.documents.size).toBe(1);
    expect(store.documents.get('o-alice')?.loginCount).toBe(50);
    expect(data.filter((d) => d.isNewUser)).toHaveLength(1);
    expect(new Set(data.map((d) => d.user.loginCount)).size).toBe(50);
  });
});

describe('rejected calls write nothing', () => {
  it.each([
    ['no OPENID (console, CLI, another function)', {}],
    ['an empty OPENID', { OPENID: '  ', APPID: 'wx-app' }],
  ])('answers UNAUTHENTICATED for %s', async (_label, context) => {
    const { store, deps } = setup();
    expectError(await login(deps, {}, context), 'UNAUTHENTICATED');
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['an unknown field', { openid: 'o-mallory' }],
    ['an operator in a value', { attemptId: { $ne: 'x' } }],
    ['a bad attemptId', { attemptId: 'short' }],
    ['a non-object event', 'hello'],
    ['an array', []],
    ['a malformed userInfo', { userInfo: { openId: 42 } }],
  ])('answers INVALID_ARGUMENT for %s', async (_label, event) => {
    const { store, deps } = setup();
    const result = await login(deps, event, ALICE);
    expectError(result, 'INVALID_ARGUMENT');
    if (!result.ok) expect(result.error.message).not.toMatch(/Invalid input$/);
    expect(store.calls).toEqual([]);
  });

  it('accepts the userInfo the platform adds but never uses it as identity', async () => {
    const { store, deps } = setup();
    const result = expectOk(await login(deps, { userInfo: { appId: 'wx-app', openId: 'o-mallory' } }, ALICE));
    expect(result.user.openid).toBe('o-alice');
    expect(store.documents.has('o-mallory')).toBe(false);
  });
});

describe('database failures', () => {
  it('retries a transient failure itself and counts the login once', async () => {
    const { store, deps } = setup();
    await login(deps, {}, ALICE);
    store.failNext('recordReturningLogin', 'after');
    const result = expectOk(await login(deps, { attemptId: 'attempt-0001' }, ALICE));
    expect(result.user.loginCount).toBe(2);
    expect(store.documents.get('o-alice')?.loginCount).toBe(2);
  });

  it(
    'answers UNAVAILABLE, retryable, when the database stays away, and a ' + 'retry of the same attempt counts once',
    async () => {
      const { store, deps } = setup();
      await login(deps, {}, ALICE);
      store.failNext('recordReturningLogin', 'after').failNext('recordReturningLogin').failNext('recordReturningLogin');
      const failed = await login(deps, { attemptId: 'attempt-0002' }, ALICE);
      expectError(failed, 'UNAVAILABLE');
      if (!failed.ok) expect(failed.error.retryable).toBe(true);
      expect(store.documents.get('o-alice')?.loginCount).toBe(2); // the lost answer was applied

      const retried = expectOk(await login(deps, { attemptId: 'attempt-0002' }, ALICE));
      expect(retried.user.loginCount).toBe(2);
      expect(store.documents.get('o-alice')?.loginCount).toBe(2);
    },
  );

  it(
    'counts once each two attempts of one user whose answers were both ' + 'lost, whatever order they retry in',
    async () => {
      const { store, deps } = setup();
      await login(deps, {}, ALICE);
      const loseEveryAnswer = () =>
        store
          .failNext('recordReturningLogin', 'after')
          .failNext('recordReturningLogin', 'after')
          .failNext('recordReturningLogin', 'after');
      loseEveryAnswer();
      expectError(await login(deps, { attemptId: 'phone-a-0001' }, ALICE), 'UNAVAILABLE');
      loseEveryAnswer();
      expectError(await login(deps, { attemptId: 'phone-b-0001' }, ALICE), 'UNAVAILABLE');
      expect(store.documents.get('o-alice')?.loginCount).toBe(3); // both applied once
      // Remembering only the last attempt (b) would count a's retry again here.
      // its own count
      expect(expectOk(await login(deps, { attemptId: 'phone-a-0001' }, ALICE)).user.loginCount).toBe(2);
      expect(expectOk(await login(deps, { attemptId: 'phone-b-0001' }, ALICE)).user.loginCount).toBe(3);
      expect(store.documents.get('o-alice')?.loginCount).toBe(3);
    },
  );

  it('counts once an attempt whose answer was lost while more than 16 other logins of the user landed', async () => {
    const { store, deps } = setup();
    await login(deps, {}, ALICE);
    // Phone a's login is applied, its answer lost; 40 other logins land before its retry.
    store.failNext('recordReturningLogin', 'after');
    let others = 0;
    deps.sleep = async () => {
      deps.sleep = async () => undefined;
      for (; others < 40; others++)
        expectOk(await login(deps, { attemptId: `other-${String(others).padStart(4, '0')}` }, ALICE));
    };
    // The retry is answered with its own count, 2, though 40 more were counted since.
    expect(expectOk(await login(deps, { attemptId: 'phone-a-0001' }, ALICE)).user.loginCount).toBe(2);
    expect(store.documents.get('o-alice')?.loginCount).toBe(42);
  });

  it('still recognises a lost first login after more than 16 other logins, with no INTERNAL', async () => {
    const { store, deps } = setup();
    store.failNext('insertUser', 'after');
    deps.sleep = async () => {
      deps.sleep = async () => undefined;
      for (let i = 0; i < 40; i++)
        expectOk(await login(deps, { attemptId: `other-${String(i).padStart(4, '0')}` }, ALICE));
    };
    expect(expectOk(await login(deps, { attemptId: 'phone-a-0001' }, ALICE))).toMatchObject({
      isNewUser: true,
      user: { loginCount: 1 },
    });
    expect(store.documents.get('o-alice')?.loginCount).toBe(41);
  });

  it('answers UNAVAILABLE, not INTERNAL, when the document is replaced under a login on every try', async () => {
    const { store, deps } = setup();
    await login(deps, { attemptId: 'attempt-0001' }, ALICE);
    const replaced = store.documents.get('o-alice');
    // Every try: no document to update, then one exists (insert fails), then it does not hold this attempt.
    store.recordReturningLogin = async () => null;
    store.insertUser = async () => {
      throw new StoreError('duplicate', 'duplicate _id o-alice');
    };
    store.findUser = async () => replaced ?? null;
    expectError(await login(deps, { attemptId: 'attempt-0002' }, ALICE), 'UNAVAILABLE');
  });

  it('forgets attempts older than ATTEMPT_MEMORY_MS once more than ATTEMPTS_BEFORE_PRUNING are kept', async () => {
    const { store, deps } = setup();
    for (let i = 0; i <= ATTEMPTS_BEFORE_PRUNING; i++)
      await login(deps, { attemptId: `attempt-${String(i).padStart(4, '0')}` }, ALICE);
    // none old enough yet
    expect(store.documents.get('o-alice')?.recentAttempts).toHaveLength(ATTEMPTS_BEFORE_PRUNING + 1);
    const now = deps.now;
    deps.now = () => new Date(now().getTime() + ATTEMPT_MEMORY_MS);
    await login(deps, { attemptId: 'attempt-late' }, ALICE);
    expect(store.documents.get('o-alice')?.recentAttempts.map((attempt) => attempt.id)).toEqual(['attempt-late']);
    expect(store.documents.get('o-alice')?.loginCount).toBe(ATTEMPTS_BEFORE_PRUNING + 2);
  });

  it('does not count twice a first login whose answer was lost', async () => {
    const { store, deps } = setup();
    store.failNext('insertUser', 'after');
    const result = expectOk(await login(deps, { attemptId: 'attempt-0003' }, ALICE));
    expect(result.isNewUser).toBe(true);
    expect(result.user.loginCount).toBe(1);
    expect(store.documents.get('o-alice')?.loginCount).toBe(1);
  });

  it('still calls it the first login when another phone logged in between the lost insert and its retry', async () => {
    const { store, deps } = setup();
    store.failNext('insertUser', 'after').failNext('recordReturningLogin').failNext('recordReturningLogin');
    expectError(await login(deps, { attemptId: 'phone-a-0001' }, ALICE), 'UNAVAILABLE');
    expect(expectOk(await login(deps, { attemptId: 'phone-b-0001' }, ALICE))).toMatchObject({
      isNewUser: false,
      user: { loginCount: 2 },
    });
    // Phone a's retry is the first login, answered with its own count.
    expect(expectOk(await login(deps, { attemptId: 'phone-a-0001' }, ALICE))).toMatchObject({
      isNewUser: true,
      user: { loginCount: 1 },
    });
  });

  it('answers INTERNAL without a stack for anything else, and logs the detail', async () => {
    const { deps, logs } = setup();
    deps.store.recordReturningLogin = async () => {
      throw new Error('permission denied at Object.<anonymous> (/var/user/index.js:1:1)');
    };
    const result = await login(deps, {}, ALICE);
    expectError(result, 'INTERNAL');
    if (!result.ok) {
      expect(result.error.message).not.toMatch(/index\.js|at Object/);
      expect(result.error.retryable).toBe(false);
    }
    expect(logs.join('\n')).toMatch(/permission denied/);
  });
});
