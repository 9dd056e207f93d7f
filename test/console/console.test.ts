/**
 * The console in a real browser against the whole local cloud: every panel loads, Chinese first; a
 * login shows up in Functions and in Users (live), a document edited in the console is read back by
 * the real SDK, a collection is created, filled, paged through and trimmed from the Database tab,
 * and every tab holds its layout from a phone to a wide screen. Prints how long the page takes to
 * load from a started emulator. What phones do from the console is in console-phones.test.ts.
 */
import type { Page } from 'playwright-core';
import { startLocalCloud } from '../../packages/wxcloud/src/local-cloud';
import { maskOpenid } from '../../packages/wxcloud/src/console/mask';
import { useLocalCloud } from '../helpers/local-cloud';
import { describeInBrowser, openConsole } from './browser';
import { useConsolePage } from './console-page';

describeInBrowser('the emulator console in a browser', () => {
  const local = useLocalCloud({ collections: ['users'] });
  let page: Page;
  useConsolePage((opened) => {
    page = opened;
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
