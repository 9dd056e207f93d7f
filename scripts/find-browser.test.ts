/** Where the console's browser tests look for an installed Chrome or Chromium, per platform. */
import { browserCandidates, findBrowser } from './find-browser';

test('CHROME_PATH comes first, then the usual paths of each platform', () => {
  expect(browserCandidates({ CHROME_PATH: '/opt/chrome' }, 'linux').slice(0, 2)).toEqual([
    '/opt/chrome',
    '/usr/bin/chromium',
  ]);
  expect(browserCandidates({}, 'darwin')[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  expect(browserCandidates({ PROGRAMFILES: 'C:\\Program Files' }, 'win32')[0]).toBe(
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  );
});

test('the first candidate that exists is found; none, nothing', () => {
  expect(findBrowser({ CHROME_PATH: process.execPath }, 'darwin')).toBe(process.execPath);
  expect(findBrowser({ CHROME_PATH: '/nowhere/chrome', PROGRAMFILES: '/nowhere' }, 'win32')).toBeUndefined();
});
