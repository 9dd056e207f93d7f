/**
 * `npm run emulator -- exec -- CMD` end to end, as a user or CI runs it: the real CLI starts the
 * emulator, CMD calls the login function through the client endpoint and reads the users
 * collection with the unmodified wx-server-sdk from the environment exec gave it, and the CLI exits
 * with CMD's exit code. Also: the function logs with --logs, the base URL's text page, a busy port.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { wxcloudArgs } from '../helpers/spawn-script';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function emulatorCli(args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, wxcloudArgs(...args), { cwd: ROOT, timeout: 50_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const CLIENT_SCRIPT =
  `
(async () => {
  const base = process.env.CLOUDBASE_EMULATOR_URL;
  const home = await (await fetch(base + '/')).text();
  const login = await fetch(base + '/functions/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: {}, wxContext: { OPENID: 'o-exec', APPID: 'wx-exec' } }),
  });
  const answer = await login.json();
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const { data } = await cloud.database().collection('users').get();
  console.log(JSON.stringify({ home: (/<title>([^<]*)<\\/title>/.exec(home) || [])[1],` +
  ` ok: answer.result.ok, users: data.map((user) => user._id) }));
  process.exit(3);
})();
`;

test('exec runs CMD against the emulator and exits with its exit code', async () => {
  const outcome = await emulatorCli(['exec', '--in-memory', '--logs', '--', process.execPath, '-e', CLIENT_SCRIPT]);
  expect(outcome.code).toBe(3);
  expect(JSON.parse(outcome.stdout.trim())).toEqual({
    home: '云开发本地模拟器 · CloudBase emulator console',
    ok: true,
    users: ['o-exec'],
  });
  expect(outcome.stderr).toMatch(/模拟器已启动 \/ CloudBase emulator ready at http:\/\/127\.0\.0\.1:\d+/);
  expect(outcome.stderr).toMatch(/\[fn\] .*login/);
  expect(outcome.stderr).toContain('命令退出码 / command exited with 3');
});

test('exec without a command, or with a bad option, prints the usage and exits 2', async () => {
  const missing = await emulatorCli(['exec', '--in-memory']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('exec needs a command');
  expect(missing.stderr).toContain('wxcloud exec [options] -- CMD...');
  expect((await emulatorCli(['--bogus'])).code).toBe(2);
});

test('a busy port gets a clear bilingual message, not a raw EADDRINUSE', async () => {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const outcome = await emulatorCli([
      'exec',
      '--in-memory',
      '--port',
      String(port),
      '--',
      process.execPath,
      '-e',
      '',
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`端口 ${port} 已被占用`);
    expect(outcome.stderr).toContain(`Port ${port} is already in use`);
    expect(outcome.stderr).not.toContain('EADDRINUSE');
  } finally {
    holder.close();
  }
});
