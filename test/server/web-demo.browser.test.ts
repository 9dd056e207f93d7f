/**
 * The server's web sign-in demo in a real browser against the emulator: 公众号 web authorization
 * (非静默 and 静默) and website QR sign-in through the emulator's authorization pages, redirected
 * back to the server, which signs in and shows the account. One person typed on both pages gets one
 * account; the phone's person (picked by UnionID) joins it too.
 */
import type { Browser, Page } from 'playwright-core';
import { personFor } from '@wx-cloud-login/wxcloud';
import { useAuthServer } from '../helpers/auth-server';
import { describeInBrowser, launchBrowser } from '../console/browser';

const APPS = [
  { appid: 'MP', secret: 'S1', kind: 'miniprogram' as const },
  { appid: 'WEB', secret: 'S2', kind: 'mp' as const },
  { appid: 'SITE', secret: 'S3', kind: 'website' as const },
];

// Each sign-in is three page loads and a server sign-in (about 1 s here, 2 s the first time, on a shared machine).
jest.setTimeout(30_000);

describeInBrowser('the web sign-in demo in a browser', () => {
  const auth = useAuthServer(
    { WX_APPID: 'MP', WX_APPSECRET: 'S1', WX_APPS: 'WEB:S2:mp,SITE:S3:website', WEB_DEMO: 'true' },
    APPS,
  );
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterEach(async () => {
    await page.close();
  });

  /** From the demo page: follow a link, choose the person on WeChat's page, press the button, read the account. */
  async function signIn(link: RegExp, choose: (page: Page) => Promise<void>, button = '允许'): Promise<string> {
    await page.goto(`${auth.url}/demo`);
    await page.getByRole('link', { name: link }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/wechat-open/'));
    await choose(page);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL((url) => url.pathname === '/demo/callback');
    return (await page.locator('#account-id').textContent()) ?? '';
  }
  const typePerson = (name: string) => (p: Page) => p.getByRole('textbox').fill(name);

  it('signs one person in through 公众号 web authorization and website QR sign-in to one account', async () => {
    const web = await signIn(/非静默/, typePerson('alice'));
    expect(web).toMatch(/^acc_/);
    expect(await page.locator('dd').nth(3).textContent()).toBe(personFor('WEB', 'alice').unionid);
    const site = await signIn(/网站扫码登录/, (p) => p.getByRole('radio', { name: 'alice' }).check());
    expect(site).toBe(web);
    expect(await signIn(/网站扫码登录/, typePerson('bob'))).not.toBe(web);
  });

  it(
    'signs in silently without a UnionID, and the mini-program’s person ' +
      'picked by UnionID joins the phone’s account',
    async () => {
      const silent = await signIn(/· 静默/, typePerson('carol'), '继续');
      expect(await page.textContent('body')).toContain('静默授权不给 UnionID');
      expect(silent).toMatch(/^acc_/);

      const { code } = (await (
        await fetch(`${auth.local.cloud.baseUrl}/wechat/login-code`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ appid: 'MP', openid: 'o-mp-dora', unionid: 'u-dora' }),
        })
      ).json()) as { code: string };
      const mini = await auth.post('/auth/login', { code });
      const web = await signIn(/非静默/, (p) => p.getByRole('radio', { name: /u-dora/ }).check());
      expect(web).toBe(mini.body.data.accountId);
    },
  );

  it('shows the refusal and signs nobody in when the person refuses, and refuses a forged state', async () => {
    await page.goto(`${auth.url}/demo`);
    await page.getByRole('link', { name: /非静默/ }).click();
    await page.getByRole('textbox').fill('erin');
    await page.getByRole('button', { name: '拒绝' }).click();
    await page.waitForURL((url) => url.pathname === '/demo/callback');
    expect(await page.locator('#problem').count()).toBe(1);
    expect(await page.textContent('body')).toContain('拒绝了授权');
    const forged = await page.goto(`${auth.url}/demo/callback?appid=WEB&code=x&state=forged`);
    expect(forged?.status()).toBe(400);
    expect(await page.textContent('body')).toContain('state 不符');
  });
});
