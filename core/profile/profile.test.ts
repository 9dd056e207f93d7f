/**
 * The profile functions' decisions, through their seams with small in-memory implementations:
 * bad input and refusals write nothing, retries are idempotent, and failures get stable codes.
 */
import type { FileStorage } from '../files/file-storage';
import { createMemorySessionsStore } from '../sessions/memory-sessions-store';
import type { SessionDocument } from '../sessions/session-record';
import { MemoryUsersStore } from '../users/memory-users-store';
import { newUserDocument } from '../users/user-record';
import { WechatApiError, type WechatApi } from '../wechat/wechat-api';
import { bindPhone } from './bind-phone';
import { deleteAccount } from './delete-account';
import type { ProfileDeps } from './deps';
import { updateProfile } from './update-profile';

const ALICE = { OPENID: 'o-alice-profile', APPID: 'wx-profile' };
const AVATAR = `cloud://env.bucket/avatars/${ALICE.OPENID}/1.png`;
const NOW = new Date('2026-05-01T00:00:00.000Z');

function setup() {
  const store = new MemoryUsersStore();
  const files = new Set<string>([AVATAR]);
  const codes = new Map([
    ['code-alice-0001', { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' }],
  ]);
  const fileStorage: FileStorage = {
    exists: async (id) => files.has(id),
    remove: async (ids) => ids.filter((id) => files.delete(id)).length,
  };
  const wechat: WechatApi = {
    checkProfileText: async (_openid, text) => (text.includes('赌博') ? 'risky' : 'pass'),
    phoneNumber: async (code) => {
      const info = codes.get(code);
      codes.delete(code);
      return info ?? 'invalid-code';
    },
  };
  const logs: string[] = [];
  const sessions = createMemorySessionsStore();
  const deps: ProfileDeps = {
    store,
    files: fileStorage,
    wechat,
    sessions,
    now: () => NOW,
    sleep: async () => undefined,
    log: (m) => void logs.push(m),
  };
  store.documents.set(
    ALICE.OPENID,
    newUserDocument({ openid: ALICE.OPENID, appid: ALICE.APPID, crossAccount: false }, NOW, 'attempt-0001'),
  );
  return { store, files, deps, logs, sessions };
}

describe('updateProfile', () => {
  it('stores a checked nickname and an own avatar, and removes the replaced avatar', async () => {
    const { store, files, deps } = setup();
    expect(await updateProfile(deps, { nickName: ' 小明 ', avatarFileId: AVATAR }, ALICE)).toEqual({
      ok: true,
      data: { profile: { openid: ALICE.OPENID, nickName: '小明', avatarFileId: AVATAR } },
    });
    const next = `cloud://env.bucket/avatars/${ALICE.OPENID}/2.png`;
    files.add(next);
    expect(await updateProfile(deps, { avatarFileId: next }, ALICE)).toMatchObject({
      ok: true,
      data: { profile: { nickName: '小明', avatarFileId: next } },
    });
    expect(files.has(AVATAR)).toBe(false);
    expect(store.documents.get(ALICE.OPENID)?.profileUpdatedAt).toEqual(NOW);
  });

  it.each([
    [{}, 'INVALID_ARGUMENT'],
    [{ nickName: '' }, 'INVALID_ARGUMENT'],
    [{ nickName: 'x'.repeat(21) }, 'INVALID_ARGUMENT'],
    [{ nickName: 'a', openid: 'o-other' }, 'INVALID_ARGUMENT'],
    [{ nickName: '我爱赌博' }, 'CONTENT_RISKY'],
    [{ avatarFileId: 'cloud://env.bucket/avatars/o-other/1.png' }, 'AVATAR_INVALID'],
    [{ avatarFileId: `cloud://env.bucket/avatars/${ALICE.OPENID}/missing.png` }, 'AVATAR_INVALID'],
  ])('refuses %j with %s and writes nothing', async (event, code) => {
    const { store, deps } = setup();
    const before = structuredClone(store.documents.get(ALICE.OPENID));
    expect(await updateProfile(deps, event, ALICE)).toMatchObject({ ok: false, error: { code } });
    expect(store.documents.get(ALICE.OPENID)).toEqual(before);
  });

  it('needs a platform identity and an existing user', async () => {
    const { deps } = setup();
    expect(await updateProfile(deps, { nickName: 'a' }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await updateProfile(deps, { nickName: 'a' }, { OPENID: 'o-nobody', APPID: 'wx' })).toMatchObject({
      ok: false,
      error: { code: 'USER_NOT_FOUND' },
    });
  });

  it('retries a transient store failure, and names a missing openapi permission NOT_CONFIGURED', async () => {
    const { store, deps } = setup();
    store.failNext('updateProfile', 'after');
    expect(await updateProfile(deps, { nickName: '小红' }, ALICE)).toMatchObject({
      ok: true,
      data: { profile: { nickName: '小红' } },
    });
    const denied = {
      ...deps,
      wechat: {
        ...deps.wechat,
        checkProfileText: async () => Promise.reject(new WechatApiError('not-permitted', '-604101')),
      },
    };
    expect(await updateProfile(denied, { nickName: '小刚' }, ALICE)).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIGURED' },
    });
  });
});

describe('bindPhone', () => {
  it(
    'binds the number once; a retry of the same code answers the bound ' + 'number; another spent code is refused',
    async () => {
      const { store, deps } = setup();
      const bound = await bindPhone(deps, { code: 'code-alice-0001' }, ALICE);
      expect(bound).toMatchObject({ ok: true, data: { profile: { phoneNumber: '13800138000', countryCode: '86' } } });
      expect(await bindPhone(deps, { code: 'code-alice-0001' }, ALICE)).toEqual(bound);
      expect(await bindPhone(deps, { code: 'code-unknown-01' }, ALICE)).toMatchObject({
        ok: false,
        error: { code: 'PHONE_CODE_INVALID' },
      });
      expect(store.documents.get(ALICE.OPENID)?.phone).toMatchObject({ phoneNumber: '13800138000', boundAt: NOW });
      expect(JSON.stringify(store.documents.get(ALICE.OPENID))).not.toContain('code-alice-0001');
    },
  );

  it('spends no code for a user that does not exist', async () => {
    const { deps } = setup();
    expect(await bindPhone(deps, { code: 'code-alice-0001' }, { OPENID: 'o-nobody', APPID: 'wx' })).toMatchObject({
      ok: false,
      error: { code: 'USER_NOT_FOUND' },
    });
    expect(await bindPhone(deps, { code: 'code-alice-0001' }, ALICE)).toMatchObject({ ok: true });
  });
});

describe('deleteAccount', () => {
  it('removes the files and the document; a retry answers deleted: false', async () => {
    const { store, files, deps } = setup();
    await updateProfile(deps, { avatarFileId: AVATAR }, ALICE);
    expect(await deleteAccount(deps, { confirm: true }, ALICE)).toEqual({
      ok: true,
      data: { deleted: true, filesDeleted: 1 },
    });
    expect(files.size).toBe(0);
    expect(store.documents.has(ALICE.OPENID)).toBe(false);
    expect(await deleteAccount(deps, { confirm: true }, ALICE)).toEqual({
      ok: true,
      data: { deleted: false, filesDeleted: 0 },
    });
  });

  it('revokes every session of the account and erases their session_keys, a retry too', async () => {
    const { deps, sessions } = setup();
    const session = (sid: string, openid: string): SessionDocument => ({
      _id: sid,
      openid,
      appid: ALICE.APPID,
      refreshHash: 'h',
      usedRefreshHashes: [],
      sealedSessionKey: 'sealed',
      createdAt: NOW,
      refreshedAt: NOW,
      refreshExpiresAt: NOW,
      revoked: false,
    });
    await sessions.insert(session('sid-alice-1', ALICE.OPENID));
    await sessions.insert(session('sid-bob-1', 'o-bob-profile'));
    expect(await deleteAccount(deps, { confirm: true }, ALICE)).toMatchObject({ ok: true, data: { deleted: true } });
    expect(await sessions.find('sid-alice-1')).toMatchObject({ revoked: true, revokedBecause: 'account-deleted' });
    expect((await sessions.find('sid-alice-1'))?.sealedSessionKey).toBeUndefined();
    expect(await sessions.find('sid-bob-1')).toMatchObject({ revoked: false, sealedSessionKey: 'sealed' });
    // A session opened after a half-done deletion is revoked by the retry.
    await sessions.insert(session('sid-alice-2', ALICE.OPENID));
    expect(await deleteAccount(deps, { confirm: true }, ALICE)).toMatchObject({ ok: true, data: { deleted: false } });
    expect(await sessions.find('sid-alice-2')).toMatchObject({ revoked: true });
  });

  it('deletes nothing without confirm: true', async () => {
    const { store, deps } = setup();
    expect(await deleteAccount(deps, {}, ALICE)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await deleteAccount(deps, { confirm: 'yes' }, ALICE)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(store.documents.has(ALICE.OPENID)).toBe(true);
  });
});
