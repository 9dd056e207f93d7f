/**
 * wx-server-sdk 1.8 and 2.0 (tcb-admin-node underneath; installed as npm aliases) inside a cloud
 * function: they post to hosts hard-coded for the platform's network, which the function runtime
 * routes to the local cloud (functions/legacy-hosts.ts), with their own database actions
 * (addDocument, queryDocument, updateDocument, deleteDocument, countDocument: database/actions/legacy.ts).
 * Aggregation and transactions of these generations are not emulated (docs/emulator.md).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useLocalCloud } from '../helpers/local-cloud';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'sdk-steps');
const GENERATIONS = ['wx-server-sdk-1-8', 'wx-server-sdk-2-0'];

function buildProject(): string {
  const projectRoot = mkdtempSync(path.join(os.tmpdir(), 'legacy-generations-'));
  writeFileSync(
    path.join(projectRoot, 'project.config.json'),
    JSON.stringify({ cloudfunctionRoot: 'cloudfunctions/' }),
  );
  cpSync(path.join(FIXTURE, 'echo'), path.join(projectRoot, 'cloudfunctions', 'echo'), { recursive: true });
  for (const installed of GENERATIONS) {
    const dir = path.join(projectRoot, 'cloudfunctions', installed);
    cpSync(path.join(FIXTURE, 'legacy'), dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ timeout: 20, permissions: { openapi: ['security.msgSecCheck'] } }),
    );
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(
      path.join(ROOT, 'node_modules', installed),
      path.join(dir, 'node_modules', 'wx-server-sdk'),
      'junction',
    );
  }
  return projectRoot;
}

const projectRoot = buildProject();
afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));
const local = useLocalCloud({ projectRoot, collections: ['legacy_1_8', 'legacy_2_0'] });

test.each(GENERATIONS)('%s reads and writes the local cloud from a function', async (installed) => {
  const version = (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules', installed, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const collection = `legacy_${version.split('.').slice(0, 2).join('_')}`;
  const answer = await local.call(installed, { collection }, { OPENID: 'o-legacy', APPID: 'wxlegacy' });
  expect(answer).toEqual({
    ok: true,
    status: 200,
    requestID: expect.any(String),
    result: {
      added: 'a',
      addedWithoutId: 'string',
      read: { n: 1, tags: ['x'], atIsDate: true, due: 1700000000000 },
      where: [2, 1],
      updated: 1,
      set: { updated: 0, created: 1 },
      count: 3,
      whereUpdated: 1,
      removed: 1,
      after: [
        [2, null],
        [3, ['x', 'y']],
      ],
      file: [0],
      deleted: [0],
      callFunction: { echoed: { from: collection } },
      openapi: 0,
    },
  });
});
