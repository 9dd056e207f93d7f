/**
 * Durability of the default store through the real SDK: data survives a clean restart, and a
 * child emulator (the CLI) killed with SIGKILL in the middle of concurrent writes loses no
 * acknowledged write. Also: 200 concurrent increments of one field count exactly 200.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseService, sdkEnvFor, startEmulator, type Emulator } from '../../index';
import type { TestDatabase } from '../../../test-support/use-emulator';
import { connectSdk } from '../../clients/sdk';
import { spawnScript, WXCLOUD_BIN } from '../../../../../test/helpers/spawn-script';

let dataDir: string;

function sdkFor(sdkEnv: () => Record<string, string>, envId: string): TestDatabase {
  return connectSdk({ sdkEnv, envId }).database();
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-durable-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('200 concurrent increments of one field count exactly 200, and survive a restart', async () => {
  let emu: Emulator = await startEmulator({ dataDir, services: [databaseService({ collections: ['counters'] })] });
  let db = sdkFor(emu.sdkEnv, emu.envId);
  await db.collection('counters').add({ data: { _id: 'c', n: 0 } });
  await Promise.all(
    Array.from({ length: 200 }, () =>
      db
        .collection('counters')
        .doc('c')
        .update({ data: { n: db.command.inc(1) } }),
    ),
  );
  expect((await db.collection('counters').doc('c').get()).data.n).toBe(200);
  await emu.stop();

  emu = await startEmulator({ dataDir, services: [databaseService()] });
  db = sdkFor(emu.sdkEnv, emu.envId);
  expect((await db.collection('counters').doc('c').get()).data).toEqual({ _id: 'c', n: 200 });
  await emu.stop();
});

async function startCliChild(dir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const cli = spawnScript(WXCLOUD_BIN, ['--data', dir, '--collection', 'users']);
  return { child: cli.child, baseUrl: await cli.ready };
}

test('kill -9 during concurrent writes loses no acknowledged write', async () => {
  const { child, baseUrl } = await startCliChild(dataDir);
  // SILENCE: the SDK's 3 s slow-request timer is never cleared for failed requests.
  const db = sdkFor(() => ({ ...sdkEnvFor(baseUrl, 'local-env'), SILENCE: 'true' }), 'local-env');
  const acknowledged: string[] = [];
  const writes: Promise<unknown>[] = [];
  const killed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 400; i += 1) {
    const id = `user-${i}`;
    writes.push(
      db
        .collection('users')
        .add({ data: { _id: id, i } })
        .then(() => {
          acknowledged.push(id);
          if (acknowledged.length === 60) child.kill('SIGKILL');
        }),
    );
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.allSettled(writes);
  await killed;
  expect(acknowledged.length).toBeGreaterThanOrEqual(60);

  const emu = await startEmulator({ dataDir, services: [databaseService()] });
  const after = sdkFor(emu.sdkEnv, emu.envId);
  const missing: string[] = [];
  for (let start = 0; start < acknowledged.length; start += 100) {
    const ids = acknowledged.slice(start, start + 100);
    const res = await after
      .collection('users')
      .where({ _id: after.command.in(ids) })
      .limit(100)
      .get();
    const found = new Set((res.data as { _id: string }[]).map((doc) => doc._id));
    missing.push(...ids.filter((id) => !found.has(id)));
  }
  expect(missing).toEqual([]);
  await emu.stop();
}, 20_000);
