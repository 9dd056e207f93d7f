/** docs/console.md shows a current picture of every console tab (npm run screenshots writes them). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

it('every tab of the console has its screenshot, shown in docs/console.md and taken by the screenshots script', () => {
  const doc = readFileSync(path.join(root, 'docs', 'console.md'), 'utf8');
  const script = readFileSync(path.join(root, 'scripts', 'console-screenshots.ts'), 'utf8');
  const builtIn = ['database', 'functions', 'phones', 'users'];
  const contributed = ['wechat', 'storage'];
  for (const tab of [...builtIn, ...contributed]) {
    expect(existsSync(path.join(root, 'docs', 'images', `console-${tab}.png`))).toBe(true);
    expect(doc).toContain(`images/console-${tab}.png`);
    expect(script).toContain(`'${tab}'`);
  }
});
