import type { LoginEvent, LoginResult, User } from '../../typings/login';
import { AuthService, USER_CACHE_KEY, type AuthDeps } from './auth';
import type { AuthState } from './auth-state';
import type { CallOutcome } from './login-transport';

const USER: User = {
  openid: 'o-alice-0001',
  appid: 'wx-app',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: '2026-01-02T00:00:00.000Z',
  loginCount: 2,
};
const ok = (user: User, isNewUser = false): CallOutcome => ({
  kind: 'result',
  result: { ok: true, data: { user, isNewUser } } satisfies LoginResult,
});
const unavailable: CallOutcome = {
  kind: 'result',
  result: { ok: false, error: { code: 'UNAVAILABLE', message: 'db down', retryable: true } },
};
const offline: CallOutcome = { kind: 'failure', errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' };

/** A scripted login function: answers in order, records the events, can hold an answer back. */
function fakeDevice(answers: CallOutcome[], storage = new Map<string, unknown>()) {
  const events: LoginEvent[] = [];
  const sleeps: number[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const deps: AuthDeps = {
    callLogin: async (event) => {
      events.push(event);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer left');
      return answer;
    },
    storage: {
      get: (key) => storage.get(key) ?? null,
      set: (key, value) => void storage.set(key, structuredClone(value)),
    },
    sleep: async (ms) => void sleeps.push(ms),
    newAttemptId: () => `attempt-${events.length}-xyz`,
    random: () => 0.5,
  };
  return {
    deps,
    events,
    sleeps,
    storage,
    holdAnswers: () => (hold = true),
    releaseAnswer: () => {
      hold = false;
      release?.();
    },
  };
}

function record(auth: AuthService): AuthState[] {
  const states: AuthState[] = [];
  auth.subscribe((state) => states.push(state));
  return states;
}

describe('AuthService', () => {
  it('signs in on launch and caches the user', async () => {
    const device = fakeDevice([ok(USER, true)]);
    const auth = new AuthService(device.deps);
    const states = record(auth);
    const final = await auth.start();
    expect(final).toEqual({ status: 'signedIn', user: USER, isNewUser: true, fromCache: false });
    expect(states.map((s) => s.status)).toEqual(['loading', 'signedIn']);
    expect(device.storage.get(USER_CACHE_KEY)).toEqual(USER);
    expect(device.events).toEqual([{ attemptId: expect.any(String), newOnDevice: true }]); // no user stored here
  });

  it('shows the cached user at once on the next launch, then refreshes it', async () => {
    const storage = new Map<string, unknown>([[USER_CACHE_KEY, USER]]);
    const refreshed = { ...USER, loginCount: 3 };
    const device = fakeDevice([ok(refreshed)], storage);
    const auth = new AuthService(device.deps);
    const launch = auth.start();
    expect(auth.getState()).toEqual({ status: 'signedIn', user: USER, isNewUser: false, fromCache: true });
    await launch;
    expect(auth.getState()).toEqual({ status: 'signedIn', user: refreshed, isNewUser: false, fromCache: false });
    expect(storage.get(USER_CACHE_KEY)).toEqual(refreshed);
    expect(device.events).toEqual([{ attemptId: expect.any(String) }]);
  });

  it('runs one login however many callers ask', async () => {
    const device = fakeDevice([ok(USER)]);
    device.holdAnswers();
    const auth = new AuthService(device.deps);
    const calls = [auth.start(), auth.login(), auth.login(), auth.whenSettled()];
    device.releaseAnswer();
    const results = await Promise.all(calls);
    expect(device.events).toHaveLength(1);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['signedIn']));
  });

  it('retries retryable failures with growing delays and one attempt id', async () => {
    const device = fakeDevice([offline, unavailable, ok(USER)]);
    const auth = new AuthService(device.deps, { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 });
    const final = await auth.start();
    expect(final.status).toBe('signedIn');
    expect(device.events).toHaveLength(3);
    expect(new Set(device.events.map((e) => e.attemptId)).size).toBe(1);
    expect(device.sleeps).toEqual([75, 150]);
  });

  it('gives up after a bounded number of tries with the last error', async () => {
    const device = fakeDevice([unavailable, unavailable, unavailable, ok(USER)]);
    const auth = new AuthService(device.deps, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 });
    const final = await auth.start();
    expect(final).toMatchObject({ status: 'failed', error: { code: 'UNAVAILABLE' }, cachedUser: null });
    expect(device.events).toHaveLength(3);
    expect(device.sleeps).toEqual([75, 113]);
  });

  it('does not retry an error that is not retryable', async () => {
    const answer: CallOutcome = {
      kind: 'result',
      result: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no user', retryable: false } },
    };
    const device = fakeDevice([answer]);
    const final = await new AuthService(device.deps).start();
    expect(final).toMatchObject({ status: 'failed', error: { code: 'UNAUTHENTICATED' } });
    expect(device.events).toHaveLength(1);
  });

  it('reports a function the platform cannot run as FUNCTION_ERROR', async () => {
    const device = fakeDevice([
      {
        kind: 'failure',
        errCode: -501000,
        errMsg: 'cloud.callFunction:fail FunctionName parameter could not be found',
      },
    ]);
    const final = await new AuthService(device.deps).start();
    expect(final).toMatchObject({ status: 'failed', error: { code: 'FUNCTION_ERROR', retryable: false } });
  });

  it('reports an answer that is not a login result as FUNCTION_ERROR', async () => {
    const device = fakeDevice([{ kind: 'result', result: { hello: 'world' } }]);
    const final = await new AuthService(device.deps).start();
    expect(final).toMatchObject({ status: 'failed', error: { code: 'FUNCTION_ERROR' } });
  });

  it('keeps the cached user visible when the refresh fails, and a retry recovers', async () => {
    const storage = new Map<string, unknown>([[USER_CACHE_KEY, USER]]);
    const device = fakeDevice([unavailable, ok({ ...USER, loginCount: 3 })], storage);
    const auth = new AuthService(device.deps, { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 });
    expect(await auth.start()).toMatchObject({ status: 'failed', cachedUser: USER });
    const states = record(auth);
    expect(await auth.login()).toMatchObject({ status: 'signedIn', user: { loginCount: 3 }, fromCache: false });
    expect(states.map((s) => s.status)).toEqual(['failed', 'signedIn', 'signedIn']);
  });

  it('ignores a cached value that is not a user', async () => {
    const storage = new Map<string, unknown>([[USER_CACHE_KEY, { openid: 42 }]]);
    const device = fakeDevice([ok(USER)], storage);
    const auth = new AuthService(device.deps);
    void auth.start();
    expect(auth.getState()).toEqual({ status: 'loading' });
    await auth.whenSettled();
  });
});

describe('logout', () => {
  it('forgets the cached user and signs out; the next login starts from nothing', async () => {
    const device = fakeDevice([ok(USER), ok({ ...USER, loginCount: 3 })]);
    const auth = new AuthService(device.deps);
    await auth.start();
    auth.logout();
    expect(auth.getState()).toEqual({ status: 'signedOut' });
    expect(device.storage.get(USER_CACHE_KEY)).toBeNull();
    const states: AuthState['status'][] = [];
    auth.subscribe((state) => states.push(state.status));
    await auth.login();
    expect(states).toEqual(['signedOut', 'loading', 'signedIn']);
  });
});
