/**
 * Phones driven from the console in a real browser against the whole local cloud: a phone launched
 * from the console signs in, offers only what its page shows and taps through to the profile, where
 * avatar, nickname, phone number and account deletion work; a phone's uploaded image shows its
 * preview in Storage (an uploaded HTML file never runs on the console's origin), a wx.login code
 * shows in WeChat, and the Pay tab chooses how payments end.
 */
import type { Page } from 'playwright-core';
import { maskOpenid } from '../../packages/wxcloud/src/console/mask';
import { avatarPng } from '../../packages/wxcloud/src/phone/avatar-png';
import { STORAGE_SERVICE, type StorageService } from '../../packages/wxcloud/src/storage/service';
import { useLocalCloud } from '../helpers/local-cloud';
import { describeInBrowser, openConsole } from './browser';
import { useConsolePage } from './console-page';

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeInBrowser('the emulator console in a browser', () => {
  const local = useLocalCloud({ collections: ['users'] });
  let page: Page;
  useConsolePage((opened) => {
    page = opened;
  });

  const launchAndTapThrough =
    'launches a phone as a chosen user that signs in, ' +
    'offers only what its page shows, and taps through to the profile';
  it(launchAndTapThrough, async () => {
    await openConsole(page, local.cloud.baseUrl, 'phones');
    await page.fill('#launch-form input[name="openid"]', 'oConsole-phone-0001');
    await page.fill('#launch-form input[name="appid"]', 'wx-phone');
    await page.fill('#launch-form input[name="unionid"]', 'uConsole-phone-0001');
    await page.click('#launch-form button[type="submit"]');
    const phone = page.locator('article.phone[data-phone="phone-1"]');
    await phone.locator('.headline', { hasText: '欢迎，新朋友' }).waitFor();
    expect(await phone.locator('header').textContent()).toContain(maskOpenid('oConsole-phone-0001'));
    expect(await phone.locator('.calls li').first().textContent()).toContain('login 成功 ok');
    expect((await phone.locator('.taps button').allTextContents()).map((text) => text.trim())).toEqual([
      '个人资料 头像、昵称、手机号 ›',
    ]);
    const frame = phone.locator('.phone-frame');
    expect(await frame.locator('.headline').textContent()).toBe('欢迎，新朋友');
    expect(await frame.textContent()).not.toMatch(/微信登录|重试/);
    expect(
      await frame
        .locator('.cells-title')
        .evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).display),
    ).toBe('block');
    await frame.locator('[data-handler="onOpenProfile"]').click(); // the page's own element, as on the phone
    await frame.locator('[data-handler="onDeleteAccount"]', { hasText: '注销账号' }).waitFor();
    const [user] = await local.users();
    expect(user).toMatchObject({ _id: 'oConsole-phone-0001', unionid: 'uConsole-phone-0001', loginCount: 1 });
  });

  const profileFromPhonesTab =
    "drives the profile in the Phones tab's frame: a picked avatar after privacy consent, a nickname typed " +
    'and saved, a phone number picked on the sheet, and an account deletion answered in its modal';
  it(
    profileFromPhonesTab,
    async () => {
      const openid = 'oConsole-profile-0001';
      await openConsole(page, local.cloud.baseUrl, 'phones');
      await page.fill('#launch-form input[name="openid"]', openid);
      await page.fill('#launch-form input[name="appid"]', 'wx-phone');
      await page.click('#launch-form button[type="submit"]');
      await page.locator('article.phone .headline', { hasText: '欢迎，新朋友' }).waitFor();
      const phoneId = await page.locator('article.phone').first().getAttribute('data-phone');
      const phone = page.locator(`article.phone[data-phone="${phoneId}"]`);
      const frame = phone.locator('.phone-frame');
      await frame.locator('[data-handler="onOpenProfile"]').click();
      await frame.locator('wx-button[data-control="choose-avatar"]:not([data-disabled])').click(); // once loaded
      // the page's own privacy dialog comes first, then WeChat's avatar sheet
      await frame.locator('wx-button[data-control="agree-privacy"]').click();
      const sheet = phone.locator('.avatar-sheet');
      const file = sheet.locator('input[type="file"]');
      await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
      await sheet.locator('.sheet-error', { hasText: '头像只能是 PNG、JPEG、GIF 或 WebP 图片' }).waitFor();
      const picked = avatarPng(40, [200, 30, 30]);
      await file.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picked });
      const user = async () =>
        (await local.users()).find((doc) => doc._id === openid) as Record<string, unknown> | undefined;
      await waitFor(async () => typeof (await user())?.avatarFileId === 'string');
      const { storage } = local.cloud.service(STORAGE_SERVICE) as StorageService;
      expect(Buffer.from(storage.read({ kind: 'admin' }, String((await user())?.avatarFileId)).bytes!)).toEqual(picked);
      // the frame shows the avatar as the phone does: the picked picture, loaded from the local cloud
      await page.waitForFunction(
        "[...document.querySelectorAll('.phone-frame wx-image.avatar img')]" +
          '.some((image) => image.complete && image.naturalWidth === 40)',
      );
      // the picture the sheet gave the page as a temporary file, as the frame loads such an image
      const tempImage = `/console/api/phones/${phoneId}/image?src=${encodeURIComponent('wxfile://tmp_avatar_1.png')}`;
      const tempWidth = await page.evaluate(
        `(async () => { const image = new Image(); image.src = ${JSON.stringify(tempImage)}; ` +
          'await image.decode(); return image.naturalWidth; })()',
      );
      expect(tempWidth).toBe(40);
      // typed into the page's own input and submitted with the page's own button
      const nickname = frame.locator('wx-form[data-form="nickname-form"] input[name="nickName"]');
      expect(await nickname.inputValue()).toBe('');
      await nickname.fill('小明');
      // what is typed stays while the tab redraws (another phone launched meanwhile)
      await page.evaluate(() =>
        fetch('/console/api/phones', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: 'oConsole-other-0001', appid: 'wx-phone' }),
        }),
      );
      await page.locator('article.phone').nth(1).waitFor();
      expect(await nickname.inputValue()).toBe('小明');
      await frame.locator('wx-button[data-form-submit]:not([data-disabled])', { hasText: '保存' }).click();
      await waitFor(async () => (await user())?.nickName === '小明');
      await frame.locator('.tips', { hasText: '昵称已保存' }).waitFor();
      expect(await nickname.inputValue()).toBe('小明'); // the bound value, as the page shows it now
      expect(await phone.locator('form').count()).toBe(0); // no form beside the frame

      // (a button of the page is disabled while it saves: WeChat ignores taps on it, and so does the frame)
      // WeChat's phone-number sheet: the number offered first, replaced by the one typed
      await frame.locator('wx-button[data-control="bind-phone"]:not([data-disabled])').click();
      const numberSheet = phone.locator('.phone-number-sheet');
      expect(await numberSheet.locator('input[name="phoneNumber"]').inputValue()).toBe('13800138000');
      await numberSheet.locator('input[name="phoneNumber"]').fill('13900139000');
      await numberSheet.locator('button[data-answer="allow"]').click();
      await waitFor(
        async () => ((await user())?.phone as { phoneNumber?: string } | undefined)?.phoneNumber === '13900139000',
      );
      expect(await phone.innerHTML()).not.toContain('13900139000'); // the card's page data and calls show it masked

      await frame
        .locator('wx-button[data-handler="onDeleteAccount"]:not([data-disabled])', { hasText: '注销账号' })
        .click();
      const modal = phone.locator('.modal', { hasText: '注销账号' });
      await modal.waitFor();
      expect(await user()).toBeDefined(); // nothing is confirmed by itself
      await modal.locator('button[data-answer="confirm"]').click();
      await waitFor(async () => (await user()) === undefined);
      await phone.locator('.toast', { hasText: '账号已注销' }).waitFor();
    },
    60_000,
  );

  it('previews an image a phone uploaded in Storage, and lists a login code in WeChat', async () => {
    // A 1×1 PNG, uploaded as wx.cloud.uploadFile on a phone sends it.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const post = (path: string, body: unknown) =>
      fetch(`${local.cloud.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/client/storage', {
      wxContext: { OPENID: 'oConsole-files-0001', APPID: 'wx-files' },
      op: 'uploadFile',
      cloudPath: 'avatars/me.png',
      contentBase64: png,
      contentType: 'image/png',
    });
    await openConsole(page, local.cloud.baseUrl, 'storage');
    const row = page.locator('tr', { hasText: 'avatars/me.png' });
    expect(await row.textContent()).toContain(maskOpenid('oConsole-files-0001'));
    await page.waitForFunction(
      "[...document.querySelectorAll('img.preview')].some((image) => image.complete && image.naturalWidth === 1)",
    );

    const { code } = (await (
      await post('/wechat/login-code', { openid: 'oConsole-code-0001', appid: 'wx-demo-app' })
    ).json()) as { code: string };
    await page.locator('nav a[data-tab="wechat"]').click();
    await page
      .locator('tr', { hasText: `${code.slice(0, 6)}…` })
      .filter({ hasText: '有效' })
      .waitFor();
    expect(await page.content()).not.toContain(code);
  });

  const uploadedHtmlCannotReachConsole =
    "a file a phone uploaded as HTML never runs on the console's origin: its script cannot reach the console API";
  it(uploadedHtmlCannotReachConsole, async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${local.cloud.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/console/api/database/documents', { collection: 'users', document: '{"_id": "kept-by-the-console"}' });
    const attack =
      `<script>fetch('/console/api/reset', { method: 'POST', ` +
      `headers: { 'content-type': 'application/json' }, body: '{}' })` +
      `.then((r) => (document.title = 'reset ' + r.status))</script>`;
    const wxContext = { OPENID: 'oConsole-attacker-01', APPID: 'wx-files' };
    const uploaded = (await (
      await post('/client/storage', {
        wxContext,
        op: 'uploadFile',
        cloudPath: 'evil.html',
        contentBase64: Buffer.from(attack).toString('base64'),
        contentType: 'text/html',
      })
    ).json()) as { fileID: string };
    const urls = (await (
      await post('/client/storage', { wxContext, op: 'getTempFileURL', fileList: [{ fileID: uploaded.fileID }] })
    ).json()) as { fileList: { tempFileURL: string }[] };
    const download = page.waitForEvent('download');
    await page.goto(urls.fileList[0]!.tempFileURL).catch(() => undefined); // a download, not a page
    expect((await download).suggestedFilename()).toBe('evil.html');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await local.documents('users')).map((doc) => doc._id)).toContain('kept-by-the-console');
  });

  it('chooses in the Pay tab how the phone user answers wx.requestPayment', async () => {
    await openConsole(page, local.cloud.baseUrl, 'pay');
    await page.locator('.choice button', { hasText: '取消' }).click();
    await page.locator('.choice button.chosen', { hasText: '取消' }).waitFor();
    const answer = await fetch(`${local.cloud.baseUrl}/console/api/panels/pay`);
    expect(await answer.json()).toMatchObject({ blocks: [{ kind: 'choice', value: 'cancel' }, expect.anything()] });
  });
});
