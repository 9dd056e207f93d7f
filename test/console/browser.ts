/**
 * Jest helper for the console's browser suites: an installed Chrome / Chromium driven by
 * playwright-core (found by scripts/find-browser.ts, never downloaded), one browser per file and
 * a fresh page per test. Where no browser is installed the suite is skipped with a visible reason.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserCandidates, findBrowser } from '../../scripts/find-browser';

export const BROWSER_PATH = findBrowser();

/** `describe`, or `describe.skip` with a message saying why, when no browser is installed. */
export function describeInBrowser(name: string, body: () => void): void {
  if (BROWSER_PATH) return describe(name, body);
  console.warn(
    `[console] browser tests SKIPPED: no Chrome or Chromium found (looked ` +
      `for CHROME_PATH and ${browserCandidates().join(', ')}). ` +
      'Install one (Debian: apt-get install chromium fonts-noto-cjk) or set CHROME_PATH to run them.',
  );
  describe.skip(`${name} (skipped: no Chrome or Chromium installed)`, body);
}

export function launchBrowser(): Promise<Browser> {
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  return chromium.launch({ executablePath: BROWSER_PATH, headless: true, args: asRoot ? ['--no-sandbox'] : [] });
}

/**
 * Opens the console at `#tab` and waits until the tab has shown its data. Returns the page's own
 * figure (navigation start to data shown) and the wall time around it (the browser's overhead too).
 */
export async function openConsole(
  page: Page,
  baseUrl: string,
  tab: string,
): Promise<{ pageMs: number; wallMs: number }> {
  const started = performance.now();
  await page.goto(`${baseUrl}/#${tab}`);
  await page.waitForSelector(`body[data-loaded="${tab}"]`);
  const wallMs = performance.now() - started;
  return { pageMs: Number(await page.getAttribute('body', 'data-loaded-after-ms')), wallMs };
}
