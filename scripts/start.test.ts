import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectSdk, startLocalCloud } from '@wx-cloud-login/wxcloud';

const root = path.resolve(__dirname, '..');

it('explains its options with --help', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const option of ['--port', '--data', '--in-memory', '--reset', '--no-demo', '--exit', '--logs'])
    expect(out).toContain(option);
  expect(out).toMatch(/用法 \/ Usage: npm start/);
});

it('runs its whole demo over documents added by hand (no dates, odd values)', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'start-data-'));
  try {
    const cloud = await startLocalCloud({ port: 0, dataDir });
    const users = connectSdk(cloud).database().collection('users');
    await connectSdk(cloud).database().createCollection('users');
    await users.add({ data: { _id: 'x1' } as never });
    await users.add({ data: { _id: 'x2', loginCount: 'abc', createdAt: 'nonsense', lastLoginAt: 5 } as never });
    await cloud.stop();
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--data', dataDir, '--exit'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).not.toMatch(/✗|失败/);
    expect(out).toMatch(/│ x1\s+│ -/);
    expect(out).toContain('手机号 / phone 138****8000');
    expect(out).toContain('模拟器已停止');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
