/**
 * `npm start`: builds the cloud functions, starts the local cloud (database emulator + function
 * runtime) on its durable store, plays the login flow with simulated phones, prints what happened
 * and the users collection, then keeps the emulator running until Ctrl-C.
 */
import { rmSync } from 'node:fs';
import { formatInvocation } from '@wx-cloud-login/wxcloud';
import { DEFAULT_DATA_DIR } from '@wx-cloud-login/wxcloud';
import { prepareConsole } from '@wx-cloud-login/wxcloud';
import { startLocalCloud, type LocalCloud } from '@wx-cloud-login/wxcloud';
import { describeFailure, parseCommandLine, parsePort, runCommand } from '@wx-cloud-login/wxcloud';
import { bundleFunction, listBuildableFunctions } from './functions';
import { DEMO_USERS, runLoginDemo, type DemoStep } from './start/login-demo';
import { runProfileDemo } from './start/profile-demo';
import { formatUsersTable, type UserRow } from './start/users-table';
import { runServerDemo } from './start/server-demo';
import { DEMO_APPS, runAccountsDemo } from './start/accounts-demo';
import { connectSdk } from '@wx-cloud-login/wxcloud';

const HELP = `用法 / Usage: npm start -- [options]

启动本地云开发模拟器（数据库 + 云函数），用模拟的手机跑一遍登录流程，然后保持运行。
Starts the local CloudBase emulator (database + cloud functions), runs the login flow with
simulated phones, then keeps running.

  --port N        端口，默认随机空闲端口 / port on 127.0.0.1 (default: a free one)
  --data DIR      数据目录，默认 .emulator-data / data directory of the durable store
  --in-memory     只存内存，退出即丢弃 / keep data in memory only
  --reset         先清空数据目录 / delete the stored data first
  --no-demo       不跑登录流程，只启动模拟器 / start the emulator without the demo
  --exit          跑完流程就退出（用于脚本）/ exit after the demo instead of running on
  --logs          打印每次云函数调用的日志 / print every function invocation's log
  -h, --help      显示帮助 / show this help`;

const DIM = process.stdout.isTTY ? '\x1b[2m' : '';
const BOLD = process.stdout.isTTY ? '\x1b[1m' : '';
const RESET = process.stdout.isTTY ? '\x1b[0m' : '';

function parseOptions(argv: string[]) {
  const { values } = parseCommandLine(argv, {
    port: { type: 'string' },
    data: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
    exit: { type: 'boolean', default: false },
    logs: { type: 'boolean', default: false },
  });
  return { ...values, port: parsePort(values.port) };
}

/** What this run will show: a first run signs the demo users up, a rerun logs them in again. */
function announceRun(returningUsers: boolean, dataDir: string | undefined): void {
  if (!returningUsers) {
    console.log(`${BOLD}第一次运行：演示新用户注册和登录 / First run: the demo users sign up and log in${RESET}`);
    return;
  }
  console.log(
    `${BOLD}再次运行：数据目录里已有上次的用户，演示老用户登录（loginCount 继续增加）/ ` +
      `Again: the users of an earlier run are in ${dataDir ?? 'the store'}, ` +
      `so they log in as returning users${RESET}`,
  );
  console.log(`${DIM}  从头开始 / to start over: npm start -- --reset${RESET}`);
}

async function buildFunctions(): Promise<void> {
  for (const name of listBuildableFunctions()) await bundleFunction(name);
  console.log(`${DIM}已构建云函数 / built: ${listBuildableFunctions().join(', ')}${RESET}`);
}

function printStepTitle(title: string): void {
  console.log(`\n${BOLD}▶ ${title}${RESET}`);
}

function printStepOutcomes(step: DemoStep): void {
  step.outcomes.forEach((outcome, index) => {
    const device = step.outcomes.length > 1 ? `设备 ${index + 1} / device ${index + 1}: ` : '';
    if (outcome.status !== 'signedIn') {
      console.log(`  ${device}✗ 登录失败 / failed: ${outcome.error}`);
      return;
    }
    const who = outcome.isNewUser ? '新用户 / new user' : '老用户 / returning user';
    const union = outcome.unionid ? `unionid ${outcome.unionid}` : '无 unionid / no unionid';
    const shown = outcome.msToUser === null ? '' : `, 用户显示于 / user shown after ${Math.round(outcome.msToUser)} ms`;
    console.log(
      `  ${device}✓ ${who}, loginCount ${outcome.loginCount}, ${union}${shown}, ${outcome.calls} 次调用 / call(s)`,
    );
  });
}

function usersCollection(cloud: LocalCloud) {
  return connectSdk(cloud).database().collection('users');
}

/** Whether an earlier run left the demo users in the store. */
async function hasDemoUsers(cloud: LocalCloud): Promise<boolean> {
  try {
    const { total } = (await usersCollection(cloud).where({ _id: DEMO_USERS.alice.OPENID }).count()) as unknown as {
      total: number;
    };
    return total > 0;
  } catch {
    return false; // no users collection yet
  }
}

async function readUsers(cloud: LocalCloud): Promise<{ rows: UserRow[]; total: number }> {
  const users = usersCollection(cloud);
  try {
    const { total } = (await users.count()) as unknown as { total: number };
    const { data } = (await users.orderBy('lastLoginAt', 'desc').limit(20).get()) as unknown as { data: UserRow[] };
    return { rows: data, total };
  } catch {
    return { rows: [], total: 0 }; // no users collection yet
  }
}

/**
 * Runs one part of the demo; a failure (stored data the demo did not expect, a function error) is
 * reported and the next part still runs, so the emulator always comes up.
 */
async function demoPart(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.log(`  ✗ 这一步失败，继续 / this part failed, going on: ${describeFailure(error)}`);
  }
}

/** The whole demo, part by part; what must stop with the emulator (the web demo's server) goes in `beforeStop`. */
async function runDemo(cloud: LocalCloud, beforeStop: Array<() => Promise<void>>): Promise<void> {
  const returningUsers = await hasDemoUsers(cloud);
  announceRun(returningUsers, cloud.dataDir);
  await demoPart(
    async () =>
      void (await runLoginDemo(
        cloud.baseUrl,
        { stepStarted: printStepTitle, stepEnded: printStepOutcomes },
        { returningUsers },
      )),
  );
  printStepTitle('自己的服务器：code2Session 登录 / your own server: the code2Session login (server/)');
  await demoPart(async () => {
    for (const line of (await runServerDemo(cloud)).lines) console.log(`  ${line.ok ? '✓' : '✗'} ${line.text}`);
  });
  printStepTitle(
    '一个人，一个账号：小程序 + 公众号网页 + 网站扫码 / one person, one account across the apps (docs/accounts.md)',
  );
  await demoPart(async () => {
    const accounts = await runAccountsDemo(cloud);
    beforeStop.push(() => accounts.server.stop());
    for (const line of accounts.lines) console.log(`  ${line.ok ? '✓' : '✗'} ${line.text}`);
    console.log(`  ${DIM}在浏览器里试试 / try it in a browser: ${accounts.server.url}/demo${RESET}`);
  });
  await demoPart(async () => {
    const { rows, total } = await readUsers(cloud);
    console.log(`\n${BOLD}users 集合 / the users collection (${total})${RESET}`);
    console.log(formatUsersTable(rows).join('\n'));
    if (total > rows.length)
      console.log(`${DIM}… 另有 ${total - rows.length} 个 / ${total - rows.length} more${RESET}`);
  });
  console.log(`\n${BOLD}个人资料 / the profile page${RESET}`);
  await demoPart(
    async () =>
      void (await runProfileDemo(cloud.baseUrl, {
        stepStarted: printStepTitle,
        stepEnded: (step) => console.log(`  ${step.ok ? '✓' : '✗'} ${step.shown}`),
      })),
  );
}

/** Stops what `beforeStop` lists, then the emulator, once; says so, and ends the process. */
function stopOnSignals(cloud: LocalCloud, beforeStop: Array<() => Promise<void>>): (reason?: string) => Promise<void> {
  let stopping = false;
  const stop = async (reason?: string) => {
    if (stopping) return;
    stopping = true;
    if (reason) console.log(`\n正在停止 / stopping (${reason}) …`);
    for (const stopPart of beforeStop) await stopPart();
    await cloud.stop();
    const kept = cloud.dataDir ? `，数据保存在 ${cloud.dataDir} / emulator stopped, data kept in ${cloud.dataDir}` : '';
    console.log(kept ? `模拟器已停止${kept}` : '模拟器已停止 / emulator stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('Ctrl-C'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return stop;
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dataDir = options.data ?? DEFAULT_DATA_DIR;
  if (options.reset && !options['in-memory']) rmSync(dataDir, { recursive: true, force: true });

  await buildFunctions();
  const cloud = await startLocalCloud({
    port: options.port,
    inMemory: options['in-memory'],
    dataDir,
    wechat: { apps: DEMO_APPS },
  });
  const beforeStop: Array<() => Promise<void>> = [];
  const stop = stopOnSignals(cloud, beforeStop);
  if (options.logs) {
    cloud.runtime.subscribe((event) => {
      if (event.type === 'invocation')
        console.log(
          formatInvocation(event.record)
            .map((line) => `${DIM}    ${line}${RESET}`)
            .join('\n'),
        );
    });
  }
  console.log(
    `模拟器已启动 / emulator ready at ${cloud.baseUrl} (数据 / data: ${cloud.dataDir ?? '只在内存 / in memory'})`,
  );
  console.log(`控制台 / console: ${cloud.baseUrl}/ (在浏览器中打开 / open it in a browser)`);
  prepareConsole();

  if (!options['no-demo']) await runDemo(cloud, beforeStop);
  if (options.exit) return stop();

  console.log(`\n模拟器运行中 / emulator running at ${cloud.baseUrl}  (Ctrl-C 停止 / to stop)`);
  console.log(`${DIM}  数据库 / database:    ${cloud.dbUrl}   (TCB_CONTEXT_CNFG='{"URL":"${cloud.dbUrl}"}')`);
  console.log(`  调用云函数 / call a function:`);
  console.log(`  curl -s -X POST ${cloud.baseUrl}/functions/login -H 'content-type: application/json' \\`);
  console.log(`    -d '{"data":{},"wxContext":{"OPENID":"o-you","APPID":"wx-demo-app"}}'${RESET}`);
}

runCommand(HELP, main);
