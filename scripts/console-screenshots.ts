/**
 * `npm run screenshots`: the pictures of docs/console.md, taken with playwright-core and the
 * installed Chrome / Chromium from a local cloud in memory, after a few logins from simulated
 * phones. Writes docs/images/console-<panel>.png.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalCloud } from '../emulator/local-cloud';
import { findBrowser } from './find-browser';

const OUT = path.resolve(__dirname, '..', 'docs', 'images');
const USERS = [
  { OPENID: 'oDemo-alice-0001', APPID: 'wxDemoApp', UNIONID: 'uDemo-alice-0001' },
  { OPENID: 'oDemo-bob-0002', APPID: 'wxDemoApp' },
];

async function main(): Promise<void> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('no Chrome or Chromium installed (set CHROME_PATH)');
  const cloud = await startLocalCloud({ inMemory: true, collections: ['users'] });
  const browser = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    for (const user of [...USERS, USERS[0]!]) {
      const launch = await cloud.phones.phone(user, { timeScale: 0 }).launch();
      await launch.settled();
      launch.close();
    }
    const launched = await cloud.phones.launch({ OPENID: 'oDemo-carol-0003', APPID: 'wxDemoApp' });
    await launched.launch.settled();
    const page = await browser.newPage({ viewport: { width: 1100, height: 680 } });
    for (const tab of ['database', 'functions', 'phones', 'users']) {
      await page.goto(`${cloud.baseUrl}/#${tab}`);
      await page.waitForSelector(`body[data-loaded="${tab}"]`);
      await page.screenshot({ path: path.join(OUT, `console-${tab}.png`) });
      console.log(`wrote docs/images/console-${tab}.png`);
    }
  } finally {
    await browser.close();
    await cloud.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
