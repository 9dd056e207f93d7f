/**
 * Restarts of the emulator CLI on one data directory: killed with SIGKILL right after a write is
 * acknowledged, it starts again at once, every time, with the write there, even while the killed
 * process is a zombie its parent has not reaped (a pid check would still see it "alive"); two CLIs
 * started at the same instant on a directory a killed emulator left behind never both open it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordFigure } from './helpers/figures';
import { wxcloudArgs } from '../helpers/spawn-script';

const ROOT = path.resolve(__dirname, '..', '..');
const KILLS = 3;
const POSIX = process.platform !== 'win32';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-restart-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Outcome {
  child: ChildProcess;
  /** The base URL once ready, or the exit code and output when it stopped first. */
  result: Promise<{ ready: string } | { exitCode: number | null; output: string }>;
  exited: Promise<void>;
}

const cliArgs = () => wxcloudArgs('--data', dataDir, '--collection', 'notes');
const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/**
 * The CLI as a child; with `zombieParent` (POSIX), as the child of a shell that then becomes
 * `sleep`, which never reaps it: killed, it stays a zombie until the test ends.
 */
function startCli(zombieParent = false): Outcome & { pid: Promise<number> } {
  const command = [process.execPath, ...cliArgs()].map(quote).join(' ');
  const child = zombieParent
    ? spawn('/bin/sh', ['-c', `${command} & echo "pid $!"; exec sleep 120`], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, cliArgs(), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const pid = new Promise<number>((resolve) => {
    if (!zombieParent) resolve(child.pid as number);
    child.stdout?.on('data', () => {
      const match = /pid (\d+)/.exec(output);
      if (match?.[1]) resolve(Number(match[1]));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const result = new Promise<{ ready: string } | { exitCode: number | null; output: string }>((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve({ ready: match[1] });
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (exitCode) => resolve({ exitCode, output }));
  });
  return { child, result, exited, pid };
}

async function admin(baseUrl: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

test(
  `killed with SIGKILL ${KILLS} times, the CLI restarts at once on the ` +
    `same directory with every acknowledged write`,
  async () => {
    const zombies: Outcome[] = [];
    for (let cycle = 1; cycle <= KILLS; cycle++) {
      const cli = startCli(POSIX);
      const started = await cli.result;
      if (!('ready' in started)) throw new Error(`restart ${cycle} failed: ${started.output}`);
      const count = await admin(started.ready, {
        action: 'database.calculateDocument',
        collectionName: 'notes',
        query: '{}',
      });
      expect(count).toMatchObject({ data: { total: cycle - 1 } });
      const write = await admin(started.ready, {
        action: 'database.insertDocument',
        collectionName: 'notes',
        data: [JSON.stringify({ _id: `n${cycle}` })],
      });
      expect(write).toMatchObject({ data: { insertedIds: [`n${cycle}`] } });
      process.kill(await cli.pid, 'SIGKILL'); // at once, the lock still held; the process stays a zombie
      if (POSIX) zombies.push(cli);
      else await cli.exited;
      recordFigure('crashesSurvived', 1);
    }
    for (const zombie of zombies) zombie.child.kill('SIGKILL'); // the sleeping parent; init reaps the zombie
    await Promise.all(zombies.map((zombie) => zombie.exited));
  },
  30_000,
);

test('two CLIs started at the same instant on a directory a killed emulator left: exactly one opens it', async () => {
  const killed = startCli();
  await killed.result;
  killed.child.kill('SIGKILL');
  await killed.exited;
  const pair = [startCli(), startCli()];
  const results = await Promise.all(pair.map((cli) => cli.result));
  const ready = results.filter((result) => 'ready' in result);
  const refused = results.filter((result) => !('ready' in result));
  expect(ready).toHaveLength(1);
  expect(refused).toEqual([
    expect.objectContaining({
      exitCode: 1,
      output: expect.stringMatching(/data directory .* is in use by process \d+/),
    }),
  ]);
  for (const cli of pair) cli.child.kill('SIGTERM');
  await Promise.all(pair.map((cli) => cli.exited));
}, 30_000);
