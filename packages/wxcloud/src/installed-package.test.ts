/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into a project that has
 * nothing of ours (a plain JavaScript function with its own wx-server-sdk from npm, as DevTools'
 * quickstart lays it out), then `npx wxcloud exec -- node check.js` there. The project lives in the
 * system's temporary folder, so nothing resolves from this repository's node_modules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'installed-package-fixture');
const onWindows = process.platform === 'win32';
const npm = (args: string[], cwd: string) =>
  execFileSync(
    onWindows ? 'npm.cmd' : 'npm',
    [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd, encoding: 'utf8', shell: onWindows, stdio: ['ignore', 'pipe', 'pipe'] },
  );

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'wxcloud-installed-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

test('the packed package installs into a foreign project and runs its functions with `npx wxcloud exec`', () => {
  const tarballName = npm(['pack', '--pack-destination', workDir], PACKAGE_DIR).trim().split('\n').pop() as string;
  const tarball = path.join(workDir, tarballName);
  const listed = npm(['pack', '--dry-run', '--json'], PACKAGE_DIR);
  const files =
    (JSON.parse(listed) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((file) => file.path) ?? [];
  expect(files).toContain('dist/bin.js');
  expect(files).toContain('dist/console/client.js');
  expect(
    files.filter((file) => /\.test\.|\/fixtures?\/|installed-package|\.ts$/.test(file) && !file.endsWith('.d.ts')),
  ).toEqual([]);

  const project = path.join(workDir, 'project');
  cpSync(FIXTURE, project, { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'foreign-project', private: true }));
  npm(['install', tarball, 'wx-server-sdk@^4.0.2'], project);
  npm(['install'], path.join(project, 'cloudfunctions', 'addNote'));
  expect(readdirSync(path.join(project, 'node_modules'))).not.toContain('tsx');

  const run = spawnSync(
    onWindows ? 'npx.cmd' : 'npx',
    ['--no-install', 'wxcloud', 'exec', '--in-memory', '--collection', 'notes', '--', 'node', 'check.js'],
    {
      cwd: project,
      encoding: 'utf8',
      shell: onWindows,
      timeout: 60_000,
    },
  );
  expect({ status: run.status, stdout: run.stdout, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
    status: 0,
    stdout: 'check passed\n',
    stderr: '',
  });
}, 180_000);
