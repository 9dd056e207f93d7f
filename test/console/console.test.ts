/**
 * The console in a real browser against the whole local cloud: a login shows up in Functions and
 * in Users (live), a document edited in the console is read back by the real SDK, a collection is
 * created, filled, paged through and trimmed from the Database tab, a phone launched
 * from the console signs in, offers only what its page shows and taps through to the profile, a phone's uploaded
 * image shows its preview in Storage and a wx.login code shows in WeChat, the Pay tab chooses how payments end.
 * Prints how long the page takes to
 * load from a started emulator.
 */
import type { Browser, Page } from 'playwright-core';
import { consoleScript } from '../../packages/wxcloud/src/console/assets';
import { startLocalCloud } from '../../packages/wxcloud/src/local-cloud';
import { maskOpenid } from '../../packages/wxcloud/src/console/mask';
import { useLocalCloud } from '../helpers/local-cloud';
import { describeInBrowser, launchBrowser, openConsole } from './browser';

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeInBrowser('the emulator console in a browser', () => {
  const local = useLocalCloud({ collections: ['users'] });
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeAll(async () => {
    await consoleScript(); // as the CLI and npm start do once the emulator is ready (prepareConsole)
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterEach(async () => {
    await page.close();
  });

  it('loads quickly and shows every panel, Chinese first', async () => {
    const first = await openConsole(page, local.cloud.baseUrl, 'database');
    const tabs = await page.locator('nav.tabs a').allTextContents();
    const labels = tabs.map((text) => text.replace(/\s+/g, ' ').trim());
    // The built-in tabs come first, in their order; services' tabs follow (others may add more).
    expect(labels.slice(0, 4)).toEqual(['数据库 Database', '云函数 Functions', '模拟手机 Phones', '用户 Users']);
    expect(labels.slice(4)).toEqual(
      expect.arrayContaining(['微信 WeChat', '支付 Pay', '消息 Messages', '云存储 Storage']),
    );
    expect(await page.locator('#collection-list li').allTextContents()).toEqual(['users0']);
    expect(await page.locator('#collection-rules').textContent()).toContain('doc._openid == auth.openid');
    await page.goto('about:blank');
    const again = await openConsole(page, local.cloud.baseUrl, 'users');
    const figures = (load: { pageMs: number; wallMs: number }) =>
      `${load.pageMs} ms in the page (${Math.round(load.wallMs)} ms with the browser's overhead)`;
    console.log(
      `console page load from a started emulator until the panel shows its data: ` +
        `first visit ${figures(first)}; again ${figures(again)}`,
    );
    expect(first.pageMs).toBeGreaterThan(0);
  });

  it('shows a login in Functions as it happens, and the user in Users, openid masked', async () => {
    const openid = 'oConsole-login-0001';
    await openConsole(page, local.cloud.baseUrl, 'functions');
    const launch = await local.phone({ OPENID: openid, APPID: 'wx-console' }).launch();
    await launch.settled();
    launch.close();
    const invocation = page.locator('details.invocation').first();
    await invocation.locator('summary', { hasText: maskOpenid(openid) }).waitFor();
    const summary = await invocation.locator('summary').textContent();
    expect(summary).toContain('login');
    expect(summary).toContain('wx-console');
    expect(summary).toContain('wx_client');
    expect(summary).toMatch(/冷启动|热启动/);
    expect(await invocation.locator('pre.logs').textContent()).toBeDefined();
    expect(await page.content()).not.toContain(openid);

    await page.locator('nav a[data-tab="users"]').click();
    const row = page.locator('#users tr', { hasText: maskOpenid(openid) });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining([maskOpenid(openid), 'wx-console', '1']),
    );
    expect(await page.content()).not.toContain(openid);
  });

  it('saves a document edited in the console, read back by the SDK with its date intact', async () => {
    const db = local.database();
    await db
      .collection('users')
      .add({ data: { _id: 'edit-me', nickname: '旧名字', createdAt: new Date('2026-01-02T03:04:05Z') } });
    await openConsole(page, local.cloud.baseUrl, 'database');
    const card = page.locator('article.doc[data-id="edit-me"]');
    expect(await card.locator('.json-date').textContent()).toBe('Date(2026-01-02T03:04:05Z)');
    await card.locator('button', { hasText: '编辑' }).click();
    const editor = card.locator('textarea');
    await editor.fill((await editor.inputValue()).replace('旧名字', '新名字'));
    await card.locator('button', { hasText: '保存' }).click();
    await page.locator('article.doc[data-id="edit-me"] .json-string', { hasText: '新名字' }).waitFor();
    const { data } = (await db.collection('users').doc('edit-me').get()) as {
      data: { nickname: string; createdAt: Date };
    };
    expect(data.nickname).toBe('新名字');
    expect(data.createdAt).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(local.cloud.stats().byAction['database.modifyDocument']?.byCollection).toEqual({ users: 1 });
  });

  it('rejects a broken edit with a readable error and writes nothing', async () => {
    const db = local.database();
    await db.collection('users').add({ data: { _id: 'keep-me', n: 1 } });
    await openConsole(page, local.cloud.baseUrl, 'database');
    const card = page.locator('article.doc[data-id="keep-me"]');
    await card.locator('button', { hasText: '编辑' }).click();
    await card.locator('textarea').fill('{ "n": 2, ');
    await card.locator('button', { hasText: '保存' }).click();
    await page.locator('#notice.error', { hasText: 'not valid JSON' }).waitFor();
    expect(((await db.collection('users').doc('keep-me').get()) as { data: { n: number } }).data.n).toBe(1);
  });

  it('creates a collection, adds a document to it, pages through the documents and deletes one', async () => {
    const db = local.database();
    await openConsole(page, local.cloud.baseUrl, 'database');
    await page.fill('#new-collection input[name="name"]', 'notes');
    await page.click('#new-collection button[type="submit"]');
    await page.locator('#collection-title code', { hasText: 'notes' }).waitFor();
    await page.click('#add-document');
    await page.locator('article.doc.new textarea').fill('{ "_id": "note-0", "n": 0 }');
    await page.locator('article.doc.new button', { hasText: '保存' }).click();
    await page.locator('article.doc[data-id="note-0"]').waitFor();
    for (let n = 1; n <= 21; n += 1) await db.collection('notes').add({ data: { _id: `note-${n}`, n } });
    await page.fill('#query-form input[name="order"]', '{"n": 1}');
    await page.click('#query-form button[type="submit"]');
    await page.locator('#page-info', { hasText: '1-20 / 22' }).waitFor();
    await page.click('#next-page');
    await page.locator('#page-info', { hasText: '21-22 / 22' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('article.doc[data-id="note-21"] button', { hasText: '删除' }).click();
    await page.locator('#page-info', { hasText: '21-21 / 21' }).waitFor();
    expect(((await db.collection('notes').where({ _id: 'note-21' }).get()) as { data: unknown[] }).data).toEqual([]);
    expect(((await db.collection('notes').count()) as { total: number }).total).toBe(21);
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
    'drives the profile from the Phones tab: avatar after privacy consent, nickname, ' +
    'phone number, and an account deletion answered in its modal';
  it(
    profileFromPhonesTab,
    async () => {
      const openid = 'oConsole-profile-0001';
      await openConsole(page, local.cloud.baseUrl, 'phones');
      await page.fill('#launch-form input[name="openid"]', openid);
      await page.fill('#launch-form input[name="appid"]', 'wx-phone');
      await page.fill('#launch-form input[name="phoneNumber"]', '13800138000');
      await page.click('#launch-form button[type="submit"]');
      const phone = page.locator('article.phone').first();
      await phone.locator('.headline', { hasText: '欢迎，新朋友' }).waitFor();
      await phone.locator('.taps button[data-handler="onOpenProfile"]').click();
      await phone.locator('button[data-control="choose-avatar"]').click();
      // the page's own privacy dialog, shown on the avatar
      await phone.locator('button[data-control="agree-privacy"]').click();
      const user = async () =>
        (await local.users()).find((doc) => doc._id === openid) as Record<string, unknown> | undefined;
      await waitFor(async () => typeof (await user())?.avatarFileId === 'string');
      await phone.locator('form[data-control="nickname-form"] input[name="nickName"]').fill('小明');
      await phone.locator('form[data-control="nickname-form"] button[type="submit"]').click();
      await waitFor(async () => (await user())?.nickName === '小明');
      await phone.locator('button[data-control="bind-phone"]').click();
      await waitFor(
        async () => ((await user())?.phone as { phoneNumber?: string } | undefined)?.phoneNumber === '13800138000',
      );
      expect(await phone.innerHTML()).not.toContain('13800138000'); // the card's page data and calls show it masked

      await phone.locator('.taps button', { hasText: '注销账号' }).click();
      const modal = phone.locator('.modal', { hasText: '注销账号' });
      await modal.waitFor();
      expect(await user()).toBeDefined(); // nothing is confirmed by itself
      await modal.locator('button[data-answer="confirm"]').click();
      await waitFor(async () => (await user()) === undefined);
      await phone.locator('.toast', { hasText: '账号已注销' }).waitFor();
    },
    20_000,
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

  it('holds its layout from a 390 px phone to a wide screen: no tab wider than the window', async () => {
    await local
      .database()
      .collection('users')
      .add({
        data: {
          _id: 'oLayout-wide-0001',
          nickName: '很长的昵称'.repeat(8),
          avatarFileId: `cloud://local-env/avatars/${'x'.repeat(120)}.png`,
        },
      });
    for (const width of [390, 1400]) {
      await page.setViewportSize({ width, height: 800 });
      for (const tab of ['database', 'functions', 'phones', 'users', 'wechat', 'pay', 'messages', 'storage']) {
        await openConsole(page, local.cloud.baseUrl, tab);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect({ width, tab, overflow }).toEqual({ width, tab, overflow: 0 });
      }
    }
  });

  it('with no collection, the Database tab hides what cannot work and says how to start', async () => {
    const empty = await startLocalCloud({ inMemory: true, port: 0 });
    try {
      await openConsole(page, empty.baseUrl, 'database');
      await page.locator('#documents', { hasText: '还没有集合' }).waitFor();
      for (const control of ['#query-form', '#add-document', '#export-link', '#panel-database .pager'])
        expect(await page.locator(control).isVisible()).toBe(false);
      expect(await page.locator('#new-collection').isVisible()).toBe(true);
    } finally {
      await empty.stop();
    }
  });
});
