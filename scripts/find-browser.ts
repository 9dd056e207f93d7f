/**
 * Finds a Chrome or Chromium already installed on this machine, for the console's browser tests
 * and screenshots (playwright-core drives it; no browser is ever downloaded). `CHROME_PATH` wins;
 * then Debian's chromium and the usual install paths on Linux, macOS and Windows.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function browserCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const fromEnv = env.CHROME_PATH ? [env.CHROME_PATH] : [];
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string =>
      Boolean(root),
    );
    const apps = [
      path.join('Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join('Chromium', 'Application', 'chrome.exe'),
      path.join('Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ];
    return [...fromEnv, ...roots.flatMap((root) => apps.map((app) => path.win32.join(root, app)))];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

/** The first installed browser, or undefined when there is none. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  return browserCandidates(env, platform).find((candidate) => existsSync(candidate));
}
