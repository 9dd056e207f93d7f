import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

it('on a fresh clone, names the placeholder env id and the tourist AppID, and exits 1', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HOME: path.join(root, 'no-such-home') },
  });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('✗ miniprogram/cloud-envs.ts: develop 的环境 ID 还是占位符 "your-env-id"');
  expect(run.stdout).toContain('怎么办 / fix: 把云开发控制台 → 设置 → 环境 ID');
  expect(run.stdout).toContain('✗ project.config.json 的 appid 是 "touristappid"');
  expect(run.stdout).toMatch(/cloudfunctions\/login\/index\.js (是最新的|已过期|不存在)/);
  expect(run.stdout).toContain('! tcb 没有登录');
}, 60_000);

it('explains itself with --help in Chinese first', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^用法 \/ Usage: npm run doctor\n\n离线体检/);
});
