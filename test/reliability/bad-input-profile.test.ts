/**
 * Bad input to the profile functions, property-based: generated hostile events in-process against
 * updateProfile / bindPhone / deleteAccount with in-memory seams, and some through the whole HTTP
 * stack. Each one: the stable code INVALID_ARGUMENT, no store, storage or WeChat call, nothing
 * written, Object.prototype untouched.
 */
import fc from 'fast-check';
import { bindPhone } from '../../core/profile/bind-phone';
import { deleteAccount } from '../../core/profile/delete-account';
import type { ProfileDeps } from '../../core/profile/deps';
import { updateProfile } from '../../core/profile/update-profile';
import { createMemorySessionsStore } from '../../core/sessions/memory-sessions-store';
import { MemoryUsersStore } from '../../core/users/memory-users-store';
import { callFunctionAs } from '@wx-cloud-login/wxcloud';
import { useLocalCloud } from '../helpers/local-cloud';
import { recordFigure } from './helpers/figures';
import { hostileKey, hostileValue, ownObject, prototypeIsClean } from './helpers/hostile';

const ALICE = { OPENID: 'o-alice-bad-profile', APPID: 'wx-bad-input' };
const local = useLocalCloud();

const FUNCTIONS = {
  updateProfile: { run: updateProfile, fields: ['nickName', 'avatarFileId'] },
  bindPhone: { run: bindPhone, fields: ['code'] },
  deleteAccount: { run: deleteAccount, fields: ['confirm'] },
} as const;
type Name = keyof typeof FUNCTIONS;

const notAString = hostileValue.filter((value) => typeof value !== 'string' && value !== undefined);
/** Per field: values its contract refuses (wrong types, operators, strings outside its rules). */
const BAD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  nickName: fc.oneof(
    notAString,
    fc.constantFrom('', '   ', 'x'.repeat(21), '好'.repeat(40), 'a\u0000b', 'line\nbreak'),
  ),
  avatarFileId: fc.oneof(
    notAString,
    fc.constantFrom('', 'http://evil/x.png', 'cloud:/x', 'cloud://env', `cloud://e/${'x'.repeat(1100)}`),
  ),
  code: fc.oneof(notAString, fc.constantFrom('', 'short', 'has space in it', '../../etc/passwd', 'x'.repeat(129))),
  confirm: hostileValue.filter((value) => value !== true && value !== undefined),
};

function invalidEvent(name: Name): fc.Arbitrary<Record<string, unknown>> {
  const fields: readonly string[] = FUNCTIONS[name].fields;
  const unknownKey = hostileKey.filter((key) => !fields.includes(key) && key !== 'userInfo' && key !== '__proto__');
  const bad = fc.oneof(
    fc.tuple(unknownKey, hostileValue).map(([key, value]) => [[key, value]] as Array<[string, unknown]>),
    fc
      .constantFrom(...fields)
      .chain((key) =>
        (BAD_VALUES[key] as fc.Arbitrary<unknown>).map((value) => [[key, value]] as Array<[string, unknown]>),
      ),
  );
  return fc
    .tuple(bad, fc.boolean())
    .map(([entries, withProto]) =>
      ownObject([...(withProto ? ([['__proto__', { isAdmin: true }]] as Array<[string, unknown]>) : []), ...entries]),
    );
}

function untouchedDeps() {
  const store = new MemoryUsersStore();
  const touched: string[] = [];
  const deps: ProfileDeps = {
    store,
    files: {
      exists: async () => (touched.push('files.exists'), true),
      remove: async () => (touched.push('files.remove'), 0),
    },
    wechat: {
      checkProfileText: async () => (touched.push('wechat.check'), 'pass'),
      phoneNumber: async () => (touched.push('wechat.phone'), 'invalid-code'),
    },
    sessions: { ...createMemorySessionsStore(), revokeAllOf: async () => (touched.push('sessions.revokeAllOf'), 0) },
    now: () => new Date(),
    sleep: async () => undefined,
    log: () => undefined,
  };
  return { deps, store, touched };
}

test.each(Object.keys(FUNCTIONS) as Name[])(
  '%s: hostile events in-process get INVALID_ARGUMENT and touch nothing',
  async (name) => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(invalidEvent(name), async (event) => {
        tried++;
        const { deps, store, touched } = untouchedDeps();
        const result = await FUNCTIONS[name].run(deps, event, ALICE);
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', retryable: false } });
        expect(store.calls).toEqual([]);
        expect(touched).toEqual([]);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 600, seed: 20261122 },
    );
    recordFigure('badInputsTried', tried);
  },
  60_000,
);

test(
  'hostile events through the client endpoint and the real SDK: ' + 'INVALID_ARGUMENT, nothing read or written',
  async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...(Object.keys(FUNCTIONS) as Name[]))
          .chain((name) => invalidEvent(name).map((event) => [name, event] as const)),
        async ([name, event]) => {
          tried++;
          const answer = await callFunctionAs(local.cloud.baseUrl, name, event, ALICE);
          expect(answer).toMatchObject({ ok: true, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
        },
      ),
      { numRuns: 120, seed: 20261123 },
    );
    recordFigure('badInputsTried', tried);
    const requests = Object.keys(local.cloud.stats().byAction).filter((action) =>
      /^(database|storage|wx)\./.test(action),
    );
    expect(requests).toEqual([]);
    expect(await local.users()).toEqual([]);
  },
  60_000,
);
