/**
 * The deploy shell end to end, with a fake `tcb` executable first on a temporary PATH: it records
 * its argv and prints what the real CLI prints on success or failure (the real one exits 0 on a
 * failed deployment). Runs against a small temporary project, so the real tree is never rebuilt.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runDeploy } from '../../scripts/deploy';
import { createSpawnRunner } from '../../scripts/deploy/runner';
import { PROJECT_ROOT } from '../../scripts/functions';

jest.setTimeout(30_000);

const FAKE_TCB = `#!/usr/bin/env node
const fs = require('fs');
const envId = process.env.FAKE_TCB_RECORD_ENV ? { envId: process.env.CLOUDBASE_ENV_ID } : {};
const call = { argv: process.argv.slice(2), cwd: process.cwd(), ...envId };
fs.appendFileSync(process.env.FAKE_TCB_LOG, JSON.stringify(call) + '\\n');
const name = process.argv[4];
if (process.env.FAKE_TCB_MODE === 'fail') {
  console.log('✖ [' + name + '] 函数部署失败');
  console.error('✖   错误信息: 你指定的环境 Id cloud1-abc123 不存在，请指定正确的环境 Id！');
} else {
  console.log('- Cloud function deploying...');
  console.log('✔ [' + name + '] 云函数部署成功！');
}
`;

let root: string;
let env: NodeJS.ProcessEnv;
let log: string;

/** The project's miniprogram/cloud-envs.ts, as a user fills it in. */
function writeEnvIds(develop: string): void {
  mkdirSync(path.join(root, 'miniprogram'), { recursive: true });
  const ids = { develop, trial: develop, release: 'cloud1-prod99' };
  writeFileSync(
    path.join(root, 'miniprogram', 'cloud-envs.ts'),
    `export const CLOUD_ENV_IDS = ${JSON.stringify(ids)};\n`,
  );
}

function writeProject(): void {
  const fn = path.join(root, 'cloudfunctions', 'hello');
  mkdirSync(path.join(fn, 'src'), { recursive: true });
  writeFileSync(
    path.join(fn, 'src', 'index.ts'),
    "import cloud from 'wx-server-sdk';\nexport const main = async () => typeof cloud;\n",
  );
  writeFileSync(path.join(fn, 'package.json'), JSON.stringify({ name: 'hello', main: 'index.js' }));
  writeFileSync(path.join(fn, 'config.json'), JSON.stringify({ timeout: 5 }));
  const ignore = ['node_modules', 'node_modules/**', 'src', 'src/**', '**/*.map'];
  const functions = [
    { name: 'hello', runtime: 'Nodejs20.19', timeout: 5, handler: 'index.main', installDependency: false, ignore },
  ];
  writeFileSync(
    path.join(root, 'cloudbaserc.json'),
    JSON.stringify({ version: '2.0', envId: '{{env.CLOUDBASE_ENV_ID}}', functionRoot: './cloudfunctions', functions }),
  );
  writeEnvIds('cloud1-abc123');
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'deploy-shell-'));
  writeProject();
  const bin = path.join(root, 'fake-bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'tcb'), FAKE_TCB);
  chmodSync(path.join(bin, 'tcb'), 0o755);
  const home = path.join(root, 'home');
  mkdirSync(path.join(home, '.config', '.cloudbase'), { recursive: true });
  writeFileSync(
    path.join(home, '.config', '.cloudbase', 'auth.json'),
    JSON.stringify({ credential: { secretId: 'AKIDtest', secretKey: 'key' } }),
  );
  log = path.join(root, 'tcb-calls.jsonl');
  env = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    FAKE_TCB_LOG: log,
    FAKE_TCB_MODE: 'ok',
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function deploy(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDeploy({
    argv,
    projectRoot: root,
    env,
    runner: createSpawnRunner(root),
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const calls = (): { argv: string[]; cwd: string }[] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];

it('builds, then runs `tcb fn deploy <name> --force -e <env>` from the project folder', async () => {
  const result = await deploy([]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(existsSync(path.join(root, 'cloudfunctions', 'hello', 'index.js'))).toBe(true);
  expect(calls()).toEqual([
    {
      argv: ['fn', 'deploy', 'hello', '--force', '-e', 'cloud1-abc123'],
      cwd: expect.stringContaining('deploy-shell-'),
    },
  ]);
  expect(result.out).toContain('✓ hello 已部署到 / deployed to cloud1-abc123');
  expect(result.out).toContain('│ ✔ [hello] 云函数部署成功！');
});

it('reports a failed deployment with the CLI message and the likely fix, exit 1, though tcb exited 0', async () => {
  env.FAKE_TCB_MODE = 'fail';
  const result = await deploy(['hello']);
  expect(result.code).toBe(1);
  expect(result.err).toContain('✗ hello 没有部署成功');
  expect(result.err).toContain('错误信息: 你指定的环境 Id cloud1-abc123 不存在');
  expect(result.err).toContain('可能的原因 / likely cause: 环境 ID 不对');
});

it('deploys to the env of the version asked for, and renders cloudbaserc.json with the same env', async () => {
  env.FAKE_TCB_RECORD_ENV = '1';
  const result = await deploy(['--env-version', 'release']);
  expect(result.code).toBe(0);
  expect(calls()).toEqual([
    {
      argv: ['fn', 'deploy', 'hello', '--force', '-e', 'cloud1-prod99'],
      cwd: expect.any(String),
      envId: 'cloud1-prod99',
    },
  ]);
  expect((await deploy(['--env-version', 'gray'])).code).toBe(2);
});

it('dry run prints the plan with sizes and never calls tcb', async () => {
  const result = await deploy(['--dry-run']);
  expect(result.code).toBe(0);
  expect(calls()).toEqual([]);
  expect(result.out).toContain('试运行：不会连接云端 / dry run: nothing is sent to the cloud.');
  expect(result.out).toMatch(/index\.js\s+[\d.]+ KiB\s+预算 \/ budget 2048\.0 KiB/);
  expect(result.out).toContain('命令 / command: tcb fn deploy hello --force -e cloud1-abc123');
});

it('refuses to call tcb without an env id or a login, saying what to do', async () => {
  writeEnvIds('your-env-id');
  rmSync(path.join(env.HOME as string, '.config', '.cloudbase', 'auth.json'));
  const result = await deploy([]);
  expect(result.code).toBe(1);
  expect(calls()).toEqual([]);
  expect(result.err).toContain('miniprogram/cloud-envs.ts 里 develop 的环境 ID 还是占位符 "your-env-id"');
  expect(result.err).toContain('npx tcb login');
});

it('a dry run passes offline when only the login is missing, and says so', async () => {
  rmSync(path.join(env.HOME as string, '.config', '.cloudbase', 'auth.json'));
  const result = await deploy(['--dry-run']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain('离线能检查的都通过了');
  expect(result.out).toContain('还差登录');
  expect(result.out).toContain('npx tcb login');
  writeEnvIds('your-env-id');
  const placeholder = await deploy(['--dry-run']);
  expect(placeholder.code).toBe(1);
  expect(placeholder.out).toContain('还是占位符 "your-env-id"');
});

it('with --no-build refuses a stale bundle', async () => {
  await deploy(['--dry-run']);
  writeFileSync(path.join(root, 'cloudfunctions', 'hello', 'src', 'index.ts'), 'export const main = async () => 2;\n');
  const result = await deploy(['--no-build']);
  expect(result.code).toBe(1);
  expect(calls()).toEqual([]);
  expect(result.err).toContain('cloudfunctions/hello/index.js 已过期');
});

it('rejects unknown functions and options', async () => {
  expect((await deploy(['nope'])).err).toContain('没有云函数 "nope"');
  expect((await deploy(['--force'])).code).toBe(2);
});

it('the npm script entry point runs and prints its usage', async () => {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const { stdout } = await promisify(execFile)(
    tsx,
    [path.join(PROJECT_ROOT, 'scripts', 'deploy', 'index.ts'), '--help'],
    { cwd: PROJECT_ROOT },
  );
  expect(stdout).toContain('用法 / Usage: npm run deploy');
  expect(stdout).toContain('-h, --help      显示帮助');
});
