/**
 * The profile, end to end: the mini-program's own pages on a simulated phone (taps through their
 * WXML) -> client endpoint and client storage -> the built profile functions with the real
 * wx-server-sdk -> the emulator's database, storage and openapi services.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from '@wx-cloud-login/wxcloud';
import { PROJECT_ROOT } from '../../scripts/functions';
import type { Launch, SimulatedDevice } from '@wx-cloud-login/wxcloud';
import { useLocalCloud } from '../helpers/local-cloud';

const local = useLocalCloud();
const ALICE = { OPENID: 'o-alice-profile', APPID: 'wx-demo' };
const BOB = { OPENID: 'o-bob-profile01', APPID: 'wx-demo' };

type ProfileView = {
  status: string;
  nickNameText: string;
  phoneText: string;
  avatarUrl: string;
  errorCode: string;
  notice: string;
};
const profileView = (launch: Launch) => launch.page('pages/profile/profile').data.view as ProfileView;
const privacyShown = (launch: Launch) => (launch.page('pages/profile/profile').data.privacy as { show: boolean }).show;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Launches, logs in, opens the profile page from the index page and waits for it to load. */
async function openProfile(phone: SimulatedDevice): Promise<Launch> {
  const launch = await phone.launch();
  await launch.settled();
  await launch.screen.tap('#open-profile');
  expect(launch.pages().map((page) => page.route)).toEqual(['pages/index/index', 'pages/profile/profile']);
  await launch.page('pages/profile/profile').whenLoaded;
  return launch;
}

/** Agrees to the privacy guide once, through the page's own popup. */
async function consentThrough(launch: Launch, action: Promise<unknown>): Promise<void> {
  await until(() => privacyShown(launch), 'the privacy popup');
  await launch.screen.tap('#agree-privacy');
  await action;
  expect(privacyShown(launch)).toBe(false);
}

const userDoc = async (openid: string) => (await local.users()).find((user) => user._id === openid);

it(
  'fills in a profile: avatar and nickname shown, phone bound and shown ' + 'masked; only its owner reads the number',
  async () => {
    const phone = local.phone(ALICE);
    phone.phoneNumber = '13800138000';
    const launch = await openProfile(phone);
    expect(profileView(launch)).toMatchObject({ status: 'ready', nickNameText: '未设置', phoneText: '未绑定' });

    await consentThrough(launch, launch.screen.tap('#choose-avatar'));
    expect(profileView(launch).avatarUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/storage\/files\/avatars\/o-alice-profile\/\d+\.png\?t=\d+&sign=/,
    );
    expect(await (await fetch(profileView(launch).avatarUrl)).arrayBuffer()).toEqual(
      new Uint8Array(phone.avatar).buffer,
    );

    await launch.screen.submitForm('#nickname-form', { nickName: ' 小明 ' });
    expect(profileView(launch)).toMatchObject({ nickNameText: '小明', notice: '昵称已保存', errorCode: '' });

    await launch.screen.tap('#bind-phone');
    expect(profileView(launch)).toMatchObject({ phoneText: '138****8000', notice: '手机号已绑定' });
    expect(JSON.stringify(launch.page('pages/profile/profile').data)).not.toContain('13800138000');
    expect(phone.privacy.prompts).toEqual(['chooseAvatar']); // consent is asked once

    const stored = await userDoc(ALICE.OPENID);
    expect(stored).toMatchObject({
      nickName: '小明',
      avatarFileId: expect.stringMatching(/^cloud:\/\/local-env\..+\/avatars\/o-alice-profile\//),
      phone: { phoneNumber: '13800138000', countryCode: '86' },
    });

    const reopened = await openProfile(phone); // a new launch reads the document itself
    expect(profileView(reopened)).toMatchObject({ nickNameText: '小明', phoneText: '138****8000' });
    const own = await reopened.wx.cloud.database().collection('users').doc(ALICE.OPENID).get();
    expect((own.data as { phone: { phoneNumber: string } }).phone.phoneNumber).toBe('13800138000');
    const bob = await local.phone(BOB).launch();
    // Someone else's document is answered as a missing one, as the service words it.
    const foreign = await bob.wx.cloud
      .database()
      .collection('users')
      .doc(ALICE.OPENID)
      .get()
      .catch((error: unknown) => error);
    expect(foreign).toMatchObject({ errCode: -1, errMsg: expect.stringMatching(/cannot find document/) });
    expect(JSON.stringify(foreign)).not.toContain('13800138000');
    await expect(
      bob.wx.cloud.database().collection('users').where({ _openid: ALICE.OPENID }).get(),
    ).rejects.toMatchObject({ errCode: -502003 });
  },
);

it('waits for privacy consent before a guarded API, and refuses it when the user disagrees', async () => {
  const phone = local.phone(ALICE);
  const launch = await openProfile(phone);
  const tapping = launch.screen.tap('#choose-avatar');
  await until(() => privacyShown(launch), 'the privacy popup');
  expect(phone.tempFiles.size).toBe(0); // the avatar sheet has not opened
  await launch.screen.tap('#disagree-privacy');
  await tapping;
  expect(phone.tempFiles.size).toBe(0);
  expect(launch.calls.filter((call) => call.name === 'updateProfile')).toEqual([]);

  phone.phoneNumber = '13800138000';
  const asking = launch.screen.tap('#bind-phone');
  await until(() => privacyShown(launch), 'the privacy popup again');
  await launch.screen.tap('#disagree-privacy');
  await asking;
  expect(profileView(launch)).toMatchObject({ errorCode: 'PRIVACY_DENIED', phoneText: '未绑定' });
  expect((await userDoc(ALICE.OPENID))?.phone).toBeUndefined();
});

it('refuses a risky nickname and keeps the one before', async () => {
  const launch = await openProfile(local.phone(ALICE));
  await consentThrough(launch, launch.screen.submitForm('#nickname-form', { nickName: '小红' }));
  await launch.screen.submitForm('#nickname-form', { nickName: '赌博大王' });
  expect(profileView(launch)).toMatchObject({ errorCode: 'CONTENT_RISKY', nickNameText: '小红' });
  expect((await userDoc(ALICE.OPENID))?.nickName).toBe('小红');
});

describe('phone codes', () => {
  const mint = async (user: typeof ALICE, phoneNumber: string) => {
    const response = await fetch(`${local.cloud.baseUrl}/wechat/phone-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: user.OPENID, appid: user.APPID, phoneNumber }),
    });
    return ((await response.json()) as { code: string }).code;
  };
  const bind = (launch: Launch, code: string) =>
    launch.wx.cloud.callFunction({ name: 'bindPhone', data: { code } }) as Promise<{
      result: { ok: boolean; error?: { code: string } };
    }>;

  it('refuses a code minted for another user, binding nothing, and leaves it to its owner', async () => {
    const alice = await openProfile(local.phone(ALICE));
    const bob = await openProfile(local.phone(BOB));
    const code = await mint(ALICE, '13800138000');
    expect((await bind(bob, code)).result).toMatchObject({ ok: false, error: { code: 'PHONE_CODE_INVALID' } });
    expect((await userDoc(BOB.OPENID))?.phone).toBeUndefined();
    expect((await bind(alice, code)).result).toMatchObject({ ok: true });
  });

  it(
    'refuses a code used before once another number is bound; a retry of ' + 'the latest bind answers it again',
    async () => {
      const alice = await openProfile(local.phone(ALICE));
      const first = await mint(ALICE, '13800138000');
      const second = await mint(ALICE, '13900139000');
      expect((await bind(alice, first)).result).toMatchObject({ ok: true });
      expect((await bind(alice, second)).result).toMatchObject({
        ok: true,
        data: { profile: { phoneNumber: '13900139000' } },
      });
      expect((await bind(alice, second)).result).toMatchObject({
        ok: true,
        data: { profile: { phoneNumber: '13900139000' } },
      });
      expect((await bind(alice, first)).result).toMatchObject({ ok: false, error: { code: 'PHONE_CODE_INVALID' } });
      expect((await userDoc(ALICE.OPENID))?.phone?.phoneNumber).toBe('13900139000');
    },
  );
});

it('logs out to the signed-out index page, and logs the same user in again', async () => {
  const launch = await openProfile(local.phone(ALICE));
  await launch.screen.tap('#logout');
  expect(launch.pages().map((page) => page.route)).toEqual(['pages/index/index']);
  expect(launch.page('pages/index/index').data.view).toMatchObject({ status: 'signedOut', showLogin: true });
  expect(launch.wx.getStorageSync('auth.user.v1')).toBeNull();
  await launch.screen.tap('#login');
  expect(launch.page('pages/index/index').data.view).toMatchObject({
    status: 'signedIn',
    user: { loginCountText: '2 次' },
  });
});

it('deletes the account after a confirmation: document and avatar gone, the next login a new user', async () => {
  const phone = local.phone(ALICE);
  const launch = await openProfile(phone);
  await consentThrough(launch, launch.screen.tap('#choose-avatar'));
  const avatarFileId = (await userDoc(ALICE.OPENID))?.avatarFileId as string;

  phone.answerModal = () => false;
  await launch.screen.tap('#delete-account');
  expect(await userDoc(ALICE.OPENID)).toBeDefined();

  phone.answerModal = () => true;
  await launch.screen.tap('#delete-account');
  expect(launch.dialogs.modals.map((modal) => modal.title)).toEqual(['注销账号', '注销账号']);
  expect(launch.dialogs.toasts).toContainEqual({ title: '账号已注销', icon: 'success' });
  expect(await userDoc(ALICE.OPENID)).toBeUndefined();
  const cloud = local.cloud;
  const files = (
    cloud.service('storage') as unknown as {
      storage: { read(actor: { kind: 'admin' }, id: string): { result: { code: string } } };
    }
  ).storage;
  expect(files.read({ kind: 'admin' }, avatarFileId).result.code).toBe('STORAGE_FILE_NONEXIST');
  expect(launch.page('pages/index/index').data.view).toMatchObject({ status: 'signedOut' });

  await launch.screen.tap('#login');
  expect(launch.page('pages/index/index').data.view).toMatchObject({
    status: 'signedIn',
    headline: '欢迎，新朋友',
    user: { loginCountText: '1 次' },
  });
});

it('refuses an openapi the function does not declare in config.json, with the NOT_CONFIGURED code', async () => {
  // Inside the project (git-ignored .build/), so the copied functions resolve wx-server-sdk from its node_modules.
  mkdirSync(path.join(PROJECT_ROOT, '.build'), { recursive: true });
  const projectRoot = mkdtempSync(path.join(PROJECT_ROOT, '.build', 'undeclared-openapi-'));
  try {
    for (const name of ['login', 'bindPhone'])
      cpSync(path.join(PROJECT_ROOT, 'cloudfunctions', name), path.join(projectRoot, 'cloudfunctions', name), {
        recursive: true,
      });
    writeFileSync(
      path.join(projectRoot, 'cloudfunctions', 'bindPhone', 'config.json'),
      JSON.stringify({ timeout: 10, permissions: { openapi: [] } }),
    );
    writeFileSync(
      path.join(projectRoot, 'project.config.json'),
      JSON.stringify({ cloudfunctionRoot: 'cloudfunctions/', miniprogramRoot: '../../miniprogram/' }),
    );
    const cloud = await startLocalCloud({ inMemory: true, projectRoot });
    try {
      const phone = cloud.phones.phone(ALICE, { timeScale: 0, phoneNumber: '13800138000' });
      const launch = await phone.launch();
      await launch.settled();
      const code = (
        (await (
          await fetch(`${cloud.baseUrl}/wechat/phone-code`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ openid: ALICE.OPENID, appid: ALICE.APPID, phoneNumber: '13800138000' }),
          })
        ).json()) as { code: string }
      ).code;
      const answer = (await launch.wx.cloud.callFunction({ name: 'bindPhone', data: { code } })) as { result: unknown };
      expect(answer.result).toMatchObject({
        ok: false,
        error: { code: 'NOT_CONFIGURED', message: expect.stringContaining('permissions.openapi') },
      });
      const logged = cloud.runtime
        .recentInvocations()
        .filter((record) => record.functionName === 'bindPhone')
        .flatMap((record) => record.logs.map((line) => line.text));
      expect(logged.join('\n')).toMatch(/-604101.*permissions\.openapi/);
    } finally {
      await cloud.stop();
    }
  } finally {
    rmSync(projectRoot, { recursive: true, force: true });
  }
});
