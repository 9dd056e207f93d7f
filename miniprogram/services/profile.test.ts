/** The profile page's service with small in-memory deps: each step's state, and failures as codes. */
import { errorBody } from '../shared/error-codes';
import { PrivacyGate } from './privacy-gate';
import { ProfileService, type ProfileDeps } from './profile';
import type { CallOutcome } from './login-transport';

const OPENID = 'o-alice';

function deps(answers: Record<string, CallOutcome>, overrides: Partial<ProfileDeps> = {}) {
  const calls: { name: string; data: Record<string, unknown> }[] = [];
  const d: ProfileDeps = {
    callFunction: async (name, data) => (
      calls.push({ name, data }),
      answers[name] ?? { kind: 'failure', errMsg: 'no answer' }
    ),
    uploadFile: async (cloudPath) => `cloud://env.bucket/${cloudPath}`,
    temporaryUrl: async (fileId) => `https://tmp/${fileId.split('/').pop()}`,
    readOwnDocument: async () => ({
      _id: OPENID,
      nickName: '小明',
      phone: { phoneNumber: '13800138000', countryCode: '86' },
    }),
    now: () => 1700000000000,
    ...overrides,
  };
  return { d, calls };
}
const profile = (fields: Record<string, unknown>): CallOutcome => ({
  kind: 'result',
  result: { ok: true, data: { profile: { openid: OPENID, ...fields } } },
});

it('loads the own document, uploads an avatar into the own folder and saves it', async () => {
  const { d, calls } = deps({
    updateProfile: profile({ avatarFileId: `cloud://env.bucket/avatars/${OPENID}/1700000000000.png` }),
  });
  const service = new ProfileService(d, OPENID);
  expect(await service.load()).toMatchObject({
    status: 'ready',
    profile: { nickName: '小明', phoneNumber: '13800138000' },
  });
  const saved = await service.saveAvatar('wxfile://tmp_avatar_1.png');
  expect(calls).toEqual([
    { name: 'updateProfile', data: { avatarFileId: `cloud://env.bucket/avatars/${OPENID}/1700000000000.png` } },
  ]);
  expect(saved).toMatchObject({
    status: 'ready',
    avatarUrl: 'https://tmp/1700000000000.png',
    notice: '头像已更新',
  });
});

it('turns refusals, transport failures and a denied phone button into codes, calling nothing needless', async () => {
  const refused: CallOutcome = { kind: 'result', result: { ok: false, error: errorBody('CONTENT_RISKY') } };
  const { d, calls } = deps({
    updateProfile: refused,
    deleteAccount: { kind: 'failure', errCode: -1, errMsg: 'request:fail timeout' },
  });
  const service = new ProfileService(d, OPENID);
  expect((await service.saveNickname('赌博')).error?.code).toBe('CONTENT_RISKY');
  expect((await service.saveNickname('   ')).error?.code).toBe('NICKNAME_REQUIRED');
  expect((await service.bindPhone({ errMsg: 'getPhoneNumber:fail user deny' })).error?.code).toBe('PHONE_DENIED');
  expect((await service.bindPhone({ errno: 104, errMsg: 'privacy' })).error?.code).toBe('PRIVACY_DENIED');
  expect((await service.deleteAccount()).error?.code).toBe('NETWORK');
  expect(calls.map((call) => call.name)).toEqual(['updateProfile', 'deleteAccount']);
});

it('reports a failed upload without calling the function', async () => {
  const { d, calls } = deps(
    {},
    { uploadFile: () => Promise.reject({ errCode: -503002, errMsg: 'storage exceed authority' }) },
  );
  const state = await new ProfileService(d, OPENID).saveAvatar('wxfile://tmp.png');
  expect(state).toMatchObject({ status: 'ready', error: { code: 'NETWORK' } });
  expect(calls).toEqual([]);
});

it('PrivacyGate hands the answer to the pending resolve once, and tells the page', () => {
  const gate = new PrivacyGate();
  const shown: boolean[] = [];
  gate.subscribe((prompt) => shown.push(prompt.pending));
  const answers: unknown[] = [];
  gate.need((answer) => answers.push(answer), 'chooseAvatar');
  gate.agree('agree-privacy');
  gate.agree('agree-privacy');
  expect(answers).toEqual([{ event: 'agree', buttonId: 'agree-privacy' }]);
  expect(shown).toEqual([false, true, false, false]);
});
