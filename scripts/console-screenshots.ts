/**
 * `npm run screenshots`: the pictures of docs/console.md, taken with playwright-core and the
 * installed Chrome / Chromium from a local cloud in memory, after a few logins from simulated
 * phones, files uploaded by a phone and a function, and a phone-number code. Writes
 * docs/images/console-<panel>.png; `npm run screenshots -- wechat storage` takes only those tabs.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { UsageError, avatarPng, connectSdk, parseCommandLine, runCommand } from '@wx-cloud-login/wxcloud';
import { startLocalCloud, type LocalCloud } from '@wx-cloud-login/wxcloud';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';
import { findBrowser } from './find-browser';

const OUT = path.resolve(__dirname, '..', 'docs', 'images');
const TABS = ['database', 'functions', 'phones', 'users', 'wechat', 'storage'];
const USERS = [
  { OPENID: 'oDemo-alice-0001', APPID: 'wxDemoApp', UNIONID: 'uDemo-alice-0001' },
  { OPENID: 'oDemo-bob-0002', APPID: 'wxDemoApp' },
];

const HELP = `用法 / Usage: npm run screenshots -- [<tab>...]

用 Chrome / Chromium 给网页控制台的每个标签页截图，写入 docs/images/console-<tab>.png。
Takes the pictures of the web console's tabs with Chrome / Chromium into docs/images/console-<tab>.png.

  <tab>        只截这些标签页 / only these tabs: ${TABS.join(', ')}
  -h, --help   显示帮助 / show this help

需要安装 Chrome 或 Chromium（或设置 CHROME_PATH）/ needs Chrome or Chromium installed (or CHROME_PATH set).`;

async function main(argv: string[]): Promise<void> {
  const wanted: string[] = parseCommandLine(argv, {}, { positionals: true }).positionals;
  const unknownTabs = wanted.filter((tab) => !TABS.includes(tab));
  if (unknownTabs.length) throw new UsageError(`没有这个标签页 / no such tab: ${unknownTabs.join(', ')}`);
  const executablePath = findBrowser();
  if (!executablePath)
    throw new Error(
      '没有找到 Chrome 或 Chromium（可设置 CHROME_PATH）/ no Chrome or Chromium installed (set CHROME_PATH)',
    );
  // A secret made up here, for the demo app: the console shows that one is configured, never the secret.
  const apps = [DEFAULT_LOCAL_APP, { appid: 'wxDemoApp', secret: randomBytes(16).toString('hex') }];
  const cloud = await startLocalCloud({ inMemory: true, collections: ['users'], wechat: { apps } });
  const browser = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    for (const user of [...USERS, USERS[0]!]) {
      const launch = await cloud.phones.phone(user, { timeScale: 0 }).launch();
      await launch.settled();
      launch.close();
    }
    await fillDemoProfile(cloud);
    // Bob's profile in the Phones tab: his avatar picture and his nickname in its input, as his phone shows them
    const launched = await cloud.phones.launch(USERS[1]!);
    await launched.launch.settled();
    await launched.launch.screen.tap('#open-profile');
    await launched.launch.page('pages/profile/profile').whenLoaded;
    await addDemoFilesAndPhoneCode(cloud);
    await issueDemoLoginCodes(cloud, apps[1]!);
    const page = await browser.newPage({ viewport: { width: 1100, height: 680 } });
    for (const tab of TABS.filter((name) => !wanted.length || wanted.includes(name))) {
      await page.goto(`${cloud.baseUrl}/#${tab}`);
      await page.waitForSelector(`body[data-loaded="${tab}"]`);
      await page.waitForFunction('[...document.images].every((image) => image.complete)');
      await page.screenshot({ path: path.join(OUT, `console-${tab}.png`) });
      console.log(`已写入 / wrote docs/images/console-${tab}.png`);
    }
  } finally {
    await browser.close();
    await cloud.stop();
  }
}

/**
 * Bob's avatar, nickname and phone number, set on his phone's profile page (the Users tab shows them masked where they
 * should be).
 */
async function fillDemoProfile(cloud: LocalCloud): Promise<void> {
  const device = cloud.phones.phone(USERS[1]!, { timeScale: 0, phoneNumber: '13800138000' });
  device.privacy.agreed = true; // consent given earlier on this phone
  const launch = await device.launch();
  await launch.settled();
  await launch.screen.tap('#open-profile');
  await launch.page('pages/profile/profile').whenLoaded;
  device.avatar = avatarPng(96, [250, 157, 59]);
  await launch.screen.tap('#choose-avatar');
  await launch.screen.submitForm('#nickname-form', { nickName: '小波' });
  await launch.screen.tap('#bind-phone');
  launch.close();
}

/** Avatars two phones uploaded, a report a function wrote, and the code of a phone-number button. */
async function addDemoFilesAndPhoneCode(cloud: LocalCloud): Promise<void> {
  const avatars: Array<[string, [number, number, number]]> = [
    ['oDemo-alice-0001', [7, 193, 96]],
    ['oDemo-bob-0002', [250, 157, 59]],
  ];
  for (const [openid, colour] of avatars) {
    const body = {
      wxContext: { OPENID: openid, APPID: 'wxDemoApp' },
      op: 'uploadFile',
      cloudPath: `avatars/${openid}.png`,
      contentBase64: avatarPng(64, colour).toString('base64'),
      contentType: 'image/png',
    };
    await fetch(`${cloud.baseUrl}/client/storage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  await connectSdk(cloud).uploadFile({
    cloudPath: 'reports/daily-logins.csv',
    fileContent: Buffer.from('date,logins\n2026-01-02,3\n'),
  });
  const phoneCode = { openid: 'oDemo-alice-0001', appid: 'wxDemoApp', phoneNumber: '13800001234' };
  await fetch(`${cloud.baseUrl}/wechat/phone-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(phoneCode),
  });
}

/** Login codes as `wx.login` gives them; one exchanged the way a server does, so both states show. */
async function issueDemoLoginCodes(cloud: LocalCloud, app: { appid: string; secret: string }): Promise<void> {
  const codes: string[] = [];
  for (const openid of ['oDemo-alice-0001', 'oDemo-bob-0002']) {
    const response = await fetch(`${cloud.baseUrl}/wechat/login-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, appid: app.appid }),
    });
    codes.push(((await response.json()) as { code: string }).code);
  }
  const exchange = new URLSearchParams({
    appid: app.appid,
    secret: app.secret,
    js_code: codes[0]!,
    grant_type: 'authorization_code',
  });
  await fetch(`${cloud.baseUrl}/wechat-api/sns/jscode2session?${exchange}`);
}

runCommand(HELP, main);
