/**
 * Bad input to the login function, property-based: thousands of generated hostile events
 * in-process against login() with the in-memory store (fast), and a few hundred through the whole
 * HTTP stack (client endpoint -> runtime -> built function -> emulator). Each one: no crash, no
 * database call at all, the stable code INVALID_ARGUMENT, Object.prototype untouched.
 */
import fc from 'fast-check';
import { LoginResultSchema } from '../../typings';
import { login } from '../../core/login/login';
import { MemoryUsersStore } from '../../core/users/memory-users-store';
import { useLocalCloud } from '../helpers/local-cloud';
import { recordFigure } from './helpers/figures';
import { invalidLoginEvent, prototypeIsClean } from './helpers/hostile';
import { callLogin, userNamed } from './helpers/logins';

const ALICE = { OPENID: 'o-alice-bad-input', APPID: 'wx-bad-input' };
const local = useLocalCloud();

test('thousands of hostile events in-process: INVALID_ARGUMENT, no store call, prototype clean', async () => {
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(invalidLoginEvent(), async (event) => {
      tried++;
      const store = new MemoryUsersStore();
      const deps = {
        store,
        now: () => new Date(),
        newAttemptId: () => 'generated-attempt',
        sleep: async () => undefined,
      };
      const result = await login(deps, event, ALICE);
      expect(LoginResultSchema.safeParse(result).success).toBe(true);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', retryable: false } });
      expect(store.calls).toEqual([]);
      expect(prototypeIsClean()).toBe(true);
    }),
    { numRuns: 3000, seed: 20260101 },
  );
  recordFigure('badInputsTried', tried);
}, 60_000);

test(
  'hundreds of hostile events through the client endpoint and the real ' + 'SDK: INVALID_ARGUMENT, nothing written',
  async () => {
    let tried = 0;
    const user = userNamed('bad-input-http');
    await fc.assert(
      fc.asyncProperty(invalidLoginEvent(true), async (event) => {
        tried++;
        const answer = await callLogin(local.cloud.baseUrl, user, event);
        expect(answer.kind === 'result' ? answer.result : answer).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT' },
        });
      }),
      { numRuns: 300, seed: 20260102 },
    );
    recordFigure('badInputsTried', tried);
    const writes = Object.entries(local.cloud.stats().byAction).filter(([action]) => action.startsWith('database.'));
    expect(writes).toEqual([]); // not even a read: the event is refused before any request
    expect(await local.users()).toEqual([]);
    // The runtime is still healthy: a good login goes through.
    const good = await callLogin(local.cloud.baseUrl, user);
    expect(good.kind === 'result' && good.result.ok).toBe(true);
  },
  60_000,
);
