/**
 * Every SDK generation works unchanged against the local cloud: wx-server-sdk 1.8, 2.0, 2.1, 2.3,
 * 2.6, 3 and 4 and @cloudbase/node-sdk 2 and 3, installed side by side as npm aliases (package.json
 * devDependencies), each run the same small function set (database read/write/aggregate/
 * transactions, storage, callFunction, openapi: fixtures/sdk-steps/steps.js) inside a cloud
 * function and from a process under `wxcloud exec`, and must answer the same values.
 * What the old ones needed: TCB_CONTEXT_CNFG listed in TCB_CONTEXT_KEYS (node-sdk before 2.4.7),
 * `database.aggregate` answered with `data.list` as one JSON text (node-sdk 2.1), and COS's form
 * upload (node-sdk before 3); and for 1.8 and 2.0 (tcb-admin-node) the routing of its hard-coded
 * hosts (in functions, and through NODE_OPTIONS in exec's node processes) and its older database actions.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { useLocalCloud } from '../helpers/local-cloud';
import { wxcloudArgs } from '../helpers/spawn-script';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'sdk-steps');

interface Generation {
  /** The function's name, and the generation's label. */
  name: string;
  flavour: 'wx' | 'node';
  /** The folder under the root node_modules (an npm alias, or the project's own dependency). */
  installed: string;
}

const GENERATIONS: Generation[] = [
  // tcb-admin-node underneath: its hard-coded hosts routed in functions and in exec's node processes.
  { name: 'wx-1-8', flavour: 'wx', installed: 'wx-server-sdk-1-8' },
  { name: 'wx-2-0', flavour: 'wx', installed: 'wx-server-sdk-2-0' },
  { name: 'wx-2-1', flavour: 'wx', installed: 'wx-server-sdk-2-1' },
  { name: 'wx-2-3', flavour: 'wx', installed: 'wx-server-sdk-2-3' },
  { name: 'wx-2-6', flavour: 'wx', installed: 'wx-server-sdk-2-6' },
  { name: 'wx-3', flavour: 'wx', installed: 'wx-server-sdk-3' },
  { name: 'wx-4', flavour: 'wx', installed: 'wx-server-sdk' },
  { name: 'node-2', flavour: 'node', installed: 'cloudbase-node-sdk-2' },
  { name: 'node-3', flavour: 'node', installed: '@cloudbase/node-sdk' },
];

function versionOf(generation: Generation): string {
  return (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules', generation.installed, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** A project with one function per generation, its SDK linked in as the name the code requires. */
function buildProject(): string {
  const projectRoot = mkdtempSync(path.join(os.tmpdir(), 'sdk-generations-'));
  const functionsRoot = path.join(projectRoot, 'cloudfunctions');
  writeFileSync(
    path.join(projectRoot, 'project.config.json'),
    JSON.stringify({ appid: 'wxcompat', cloudfunctionRoot: 'cloudfunctions/' }),
  );
  cpSync(path.join(FIXTURE, 'echo'), path.join(functionsRoot, 'echo'), { recursive: true });
  for (const generation of GENERATIONS) {
    const dir = path.join(functionsRoot, generation.name);
    cpSync(path.join(FIXTURE, generation.flavour), dir, { recursive: true });
    copyFileSync(path.join(FIXTURE, 'steps.js'), path.join(dir, 'steps.js'));
    const required = generation.flavour === 'wx' ? 'wx-server-sdk' : path.join('@cloudbase', 'node-sdk');
    mkdirSync(path.dirname(path.join(dir, 'node_modules', required)), { recursive: true });
    // A junction needs no privilege on Windows; elsewhere it is an ordinary symlink.
    symlinkSync(
      path.join(ROOT, 'node_modules', generation.installed),
      path.join(dir, 'node_modules', required),
      'junction',
    );
  }
  return projectRoot;
}

const projectRoot = buildProject();
afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

function expectedSteps(collection: string) {
  return {
    database: {
      added: 'a',
      addedWithoutId: true,
      read: { n: 1, tags: ['x'], atIsDate: true },
      where: [2, 1],
      updated: 1,
      setRead: [10],
      count: 3,
      aggregate: [15],
      transaction: 3,
      rollback: 'rolled back',
      afterTransactions: [2, 11, 13],
      removed: 1,
    },
    storage: { fileID: `${collection}/hello.bin`, urlOk: true, downloaded: [0, 255, 1, 128, 10, 13], deleted: true },
    callFunction: { echoed: { from: collection } },
  };
}

describe('inside a cloud function', () => {
  const local = useLocalCloud({ projectRoot });

  it.each(GENERATIONS.map((generation) => [`${generation.installed}@${versionOf(generation)}`, generation] as const))(
    '%s',
    async (_label, generation) => {
      const collection = `fn_${generation.name.replace(/-/g, '_')}`;
      const answer = await local.call(generation.name, { collection }, { OPENID: 'o-compat', APPID: 'wxcompat' });
      const wxOnly =
        generation.flavour === 'wx'
          ? { openapi: { errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok' }, openid: 'o-compat' }
          : {};
      expect(answer).toMatchObject({ ok: true, result: { ...expectedSteps(collection), ...wxOnly } });
    },
  );
});

test('from a process under wxcloud exec', async () => {
  const script = path.join(FIXTURE, 'exec-steps.js');
  const args = wxcloudArgs('exec', '--in-memory', '--project', projectRoot, '--');
  const command = [
    process.execPath,
    script,
    path.join(projectRoot, 'cloudfunctions'),
    ...GENERATIONS.map((generation) => generation.name),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, [...args, ...command], {
    cwd: ROOT,
    timeout: 110_000,
  });
  const results = JSON.parse(stdout.trim()) as Record<string, unknown>;
  for (const generation of GENERATIONS) {
    expect({ [generation.name]: results[generation.name] }).toEqual({
      [generation.name]: expectedSteps(`exec_${generation.name.replace(/-/g, '_')}`),
    });
  }
});
