/**
 * The data-directory lock: many contenders at the same instant, exactly one wins; a lock left by a
 * process killed with SIGKILL is taken over at once (the kernel closed its socket); a live holder in
 * another process is named in the refusal; a released lock can be taken again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectoryInUseError, lockDirectory } from './directory-lock';

const HERE = __dirname;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dir-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real lock in a child process; resolves once it holds the lock. */
function holderProcess(): Promise<{ pid: number; kill: () => Promise<void> }> {
  const code =
    `require(${JSON.stringify(path.join(HERE, 'directory-lock'))}).lockDirectory(${JSON.stringify(dir)}).then(() ` +
    `=> { console.log('held'); setInterval(() => {}, 1000); })`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: HERE,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () =>
      resolve({
        pid: child.pid as number,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      }),
    );
    child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

test('of eight contenders at the same instant exactly one holds the directory', async () => {
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDirectory(dir)));
  const held = results.filter((result) => result.status === 'fulfilled');
  expect(held).toHaveLength(1);
  for (const result of results)
    if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(DirectoryInUseError);
  await (held[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  const again = await lockDirectory(dir);
  await again.release();
});

test(
  'a holder in another process is refused by pid; after it is killed ' + 'with SIGKILL the lock is free at once',
  async () => {
    if (process.platform === 'win32') return; // named pipes leave no file behind: nothing stale to take over
    const holder = await holderProcess();
    await expect(lockDirectory(dir)).rejects.toThrow(`in use by process ${holder.pid}`);
    await holder.kill();
    expect(fs.readdirSync(path.join(dir, '.lock'))).toHaveLength(1); // the dead holder's socket file stays behind
    const lock = await lockDirectory(dir);
    expect(fs.readdirSync(path.join(dir, '.lock'))).toHaveLength(1); // ... and was removed as stale
    await lock.release();
  },
  15_000,
);

test('a pid file left by an earlier version does not block the directory', async () => {
  fs.writeFileSync(path.join(dir, 'LOCK'), String(process.pid));
  const lock = await lockDirectory(dir);
  expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  await lock.release();
});
