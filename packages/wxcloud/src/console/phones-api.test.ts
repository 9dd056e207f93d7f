/**
 * The Phones tab's API against the whole local cloud: a launched phone offers to tap exactly what
 * its page shows, and its modals and action sheets wait for the person at the console.
 */
import { useConsoleApi } from '../../test-support/console-api';
import { DEFAULT_AVATAR_PNG } from '../phone/avatar-png';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';

const { emu, call } = useConsoleApi();

const phoneOffersWhatItsPageShows =
  'a phone offers to tap exactly what its page shows: signed in, the profile entry and no 微信登录; ' +
  'tapping it opens the profile';
test(
  phoneOffersWhatItsPageShows,
  async () => {
    type Phones = {
      phones: Array<{
        id: string;
        page: { route: string; data: string; taps: Array<{ handler: string; label: string }> } | null;
      }>;
    };
    const launched = await call<{ id: string }>('phones', {
      openid: 'oTaps-phone-0001',
      appid: DEFAULT_LOCAL_APP.appid,
    });
    const top = async () =>
      (await call<Phones>('phones')).json.phones.find((phone) => phone.id === launched.json.id)?.page;
    for (let i = 0; i < 200 && !(await top())?.data.includes('"status": "signedIn"'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await top())?.taps).toEqual([{ handler: 'onOpenProfile', label: '个人资料 头像、昵称、手机号 ›' }]);
    expect((await call(`phones/${launched.json.id}/tap`, { handler: 'onLogin' })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/tap`, { handler: 'onOpenProfile' })).status).toBe(200);
    const profile = await top();
    expect(profile?.route).toBe('pages/profile/profile');
    expect(profile?.taps.map((target) => target.label)).toEqual(['退出登录', '注销账号']);
    expect((await call(`phones/${launched.json.id}/modal`, { confirm: true })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/act`, { id: 'no-such-button' })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/back`, {})).status).toBe(200);
    expect((await top())?.route).toBe('pages/index/index');
    expect((await call(`phones/${launched.json.id}/back`, {})).status).toBe(404);
  },
  20_000,
);

test('a modal and an action sheet wait for the person: nothing is confirmed or picked by itself', async () => {
  const launched = await call<{ id: string }>('phones', {
    openid: 'oSheets-phone-0001',
    appid: DEFAULT_LOCAL_APP.appid,
  });
  const { launch } = emu.emulator.phones.find(launched.json.id)!;
  type Dialogs = { phones: Array<{ id: string; modal: { title: string } | null; actionSheet: string[] | null }> };
  const shown = async () => (await call<Dialogs>('phones')).json.phones.find((phone) => phone.id === launched.json.id);
  const modal = launch.wx.showModal({ title: '确认吗', content: '内容' }) as Promise<{ confirm: boolean }>;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await shown())?.modal).toMatchObject({ title: '确认吗', confirmText: '确定', cancelText: '取消' });
  expect((await call(`phones/${launched.json.id}/modal`, { confirm: false })).status).toBe(200);
  expect(await modal).toMatchObject({ confirm: false, cancel: true });
  const sheet = launch.wx.showActionSheet({ itemList: ['拍照', '从相册选择'] }) as Promise<{ tapIndex: number }>;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await shown())?.actionSheet).toEqual(['拍照', '从相册选择']);
  expect((await call(`phones/${launched.json.id}/action-sheet`, { index: 5 })).status).toBe(400);
  expect((await call(`phones/${launched.json.id}/action-sheet`, { index: 1 })).status).toBe(200);
  expect(await sheet).toMatchObject({ tapIndex: 1 });
  expect((await shown())?.actionSheet).toBeNull();
  const cancelled = (launch.wx.showActionSheet({ itemList: ['a'] }) as Promise<unknown>).catch(
    (error: unknown) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await call(`phones/${launched.json.id}/action-sheet`, { index: null });
  expect(await cancelled).toEqual({ errMsg: 'showActionSheet:fail cancel' });
}, 20_000);

test("a page's pictures are served to the frame only as raster images, inline, never as what runs", async () => {
  const user = { OPENID: 'oImages-phone-0001', APPID: DEFAULT_LOCAL_APP.appid };
  const launched = await call<{ id: string }>('phones', { openid: user.OPENID, appid: user.APPID });
  const { device } = emu.emulator.phones.find(launched.json.id)!;
  device.tempFiles.set('wxfile://tmp_avatar_1.png', { bytes: DEFAULT_AVATAR_PNG, contentType: 'image/png' });
  device.tempFiles.set('wxfile://tmp_2.png', { bytes: Buffer.from('<script>1</script>'), contentType: 'image/png' });
  const upload = async (wxContext: object, cloudPath: string) =>
    (
      (await (
        await fetch(`${emu.emulator.baseUrl}/client/storage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            wxContext,
            op: 'uploadFile',
            cloudPath,
            contentBase64: Buffer.from(DEFAULT_AVATAR_PNG).toString('base64'),
            contentType: 'image/png',
          }),
        })
      ).json()) as { fileID: string }
    ).fileID;
  const own = await upload(user, 'avatars/own.png');
  const others = await upload({ OPENID: 'oSomeone-else-0001', APPID: user.APPID }, 'avatars/theirs.png');
  const image = (src: string) =>
    fetch(`${emu.emulator.baseUrl}/console/api/phones/${launched.json.id}/image?src=${encodeURIComponent(src)}`);
  for (const src of ['wxfile://tmp_avatar_1.png', own]) {
    const response = await image(src);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(DEFAULT_AVATAR_PNG));
  }
  // not an image whatever it is called; another user's file; outside the package; nothing at all
  for (const src of ['wxfile://tmp_2.png', others, '/../package.json', 'wxfile://none.png'])
    expect((await image(src)).status).toBe(404);
  expect((await image('')).status).toBe(400);
});
