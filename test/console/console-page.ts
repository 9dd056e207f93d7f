/**
 * Jest helper for the console's browser suites: inside a `describeInBrowser` block, one browser per
 * file, the console's script built once (as the CLI and npm start do), and a fresh 1200×800 page per
 * test, handed to `onOpen`, that fails the test on any error thrown in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { consoleScript } from '../../packages/wxcloud/src/console/assets';
import { launchBrowser } from './browser';

export function useConsolePage(onOpen: (page: Page) => void): void {
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
    onOpen(page);
  });
  afterEach(async () => {
    await page.close();
  });
}
