/**
 * Crashes: the emulator CLI (durable store in a temp directory, the project's functions served)
 * runs as a child process under a login write load through the client endpoint and is killed
 * with SIGKILL mid-load, three times in a row, each time restarted on the same data directory.
 * After each restart: the store opened (the CLI printed ready), every acknowledged login is there
 * (stored loginCount >= the highest count a client was told), no count exceeds the logins tried,
 * one document per user, and a new login works.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectSdk } from '@wx-cloud-login/wxcloud';
import { sdkEnvironment } from '@wx-cloud-login/wxcloud';
import type { StoredUser } from '../helpers/local-cloud';
import { spawnScript, WXCLOUD_BIN } from '../helpers/spawn-script';
import { recordFigure } from './helpers/figures';
import { callLogin, checkUsers, userNamed, type WxUser } from './helpers/logins';

const KILLS = 3;
const USERS = Array.from({ length: 24 }, (_, i) => userNamed(`durable-${i}`));
const CLIENTS = 12;

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-crash-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface RunningCli {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<unknown>;
  /** What it printed so far. */
  output: () => string;
}

async function startCli(): Promise<RunningCli> {
  const cli = spawnScript(WXCLOUD_BIN, ['--data', dataDir, '--collection', 'users']);
  return { child: cli.child, baseUrl: await cli.ready, exited: cli.exited, output: cli.output };
}

/** Logins from CLIENTS loops until the CLI dies; SIGKILL once `killAfter` logins were acknowledged. */
async function loadUntilKilled(
  cli: RunningCli,
  killAfter: number,
  acknowledged: Map<string, number>,
  tried: Map<string, number>,
) {
  let acks = 0;
  let dead = false;
  void cli.exited.then(() => (dead = true));
  const loop = async (client: number) => {
    for (let i = client; !dead; i += CLIENTS) {
      const user = USERS[i % USERS.length] as WxUser;
      tried.set(user.OPENID, (tried.get(user.OPENID) ?? 0) + 1);
      const answer = await callLogin(cli.baseUrl, user);
      if (answer.kind !== 'result' || !answer.result.ok) continue;
      acknowledged.set(user.OPENID, Math.max(acknowledged.get(user.OPENID) ?? 0, answer.result.data.user.loginCount));
      if (++acks === killAfter) cli.child.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, client) => loop(client)));
  await cli.exited;
  return acks;
}

async function readUsers(baseUrl: string): Promise<StoredUser[]> {
  // SILENCE: the SDK's 3 s slow-request timer is never cleared for failed requests.
  const sdk = connectSdk({
    envId: 'local-env',
    sdkEnv: () => ({ ...sdkEnvironment(`${baseUrl}/admin`, 'local-env'), SILENCE: 'true' }),
  });
  const { data } = (await sdk.database().collection('users').limit(1000).get()) as unknown as { data: StoredUser[] };
  return data;
}

test(`${KILLS} kill -9 cycles during a login load lose no acknowledged login`, async () => {
  const acknowledged = new Map<string, number>();
  const tried = new Map<string, number>();
  let cli = await startCli();
  for (let cycle = 1; cycle <= KILLS; cycle++) {
    const acks = await loadUntilKilled(cli, 40 + 15 * cycle, acknowledged, tried);
    expect(acks).toBeGreaterThanOrEqual(40 + 15 * cycle);
    cli = await startCli(); // the store must open cleanly on what the kill left
    const stored = await readUsers(cli.baseUrl);
    const expected = [...acknowledged].map(([openid, loginCount]) => ({ openid, loginCount }));
    const report = checkUsers(stored, expected, { atLeast: true });
    recordFigure('acknowledgedWritesChecked', acks);
    recordFigure('documentsLost', report.lost.length);
    recordFigure('documentsDuplicated', report.duplicated.length);
    expect(report).toEqual({ lost: [], duplicated: [], problems: [] });
    const phantom = stored
      .filter((user) => user.loginCount > (tried.get(user._openid) ?? 0))
      .map((user) => user._openid);
    expect(phantom).toEqual([]);
    const after = await callLogin(cli.baseUrl, USERS[cycle] as WxUser);
    expect(after.kind === 'result' && after.result.ok).toBe(true);
    tried.set(USERS[cycle]!.OPENID, (tried.get(USERS[cycle]!.OPENID) ?? 0) + 1);
    expect(cli.output()).not.toMatch(/failed to start|corrupt|SyntaxError/i);
    recordFigure('crashesSurvived', 1);
  }
  cli.child.kill('SIGTERM');
  await cli.exited;
}, 60_000);
