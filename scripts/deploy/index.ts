/**
 * `npm run deploy [-- <function>...] [--dry-run] [--no-build]`: builds the cloud functions, checks
 * everything the tcb CLI needs (env id, login, fresh self-contained bundles within budget, a valid
 * cloudbaserc.json) and only then runs `tcb fn deploy <name> --force -e <envId>` per function.
 * `--dry-run` prints what would be deployed and calls nothing. Exit code 0 only if all went well.
 */
import path from 'node:path';
import { UsageError, parseCommandLine, runCommand } from '@wx-cloud-login/wxcloud';
import { ENV_VERSIONS, type EnvVersion } from '../../miniprogram/cloud-envs';
import { ENV_ID_VARIABLE } from './config-rules';
import { buildToDisk } from './build';
import { explainCliFailure, interpretTcbResult } from './errors';
import { gatherFacts } from './facts';
import { formatKiB } from './limits';
import { formatPlan, formatProblems, planDeploy, selectFunctions, tcbDeployArgs, type DeployPlan } from './plan';
import { createSpawnRunner, type TcbRunner } from './runner';
import { PROJECT_ROOT, listBuildableFunctions } from '../functions';

export interface DeployIo {
  out(line: string): void;
  err(line: string): void;
}

export interface DeployOptions {
  argv: string[];
  projectRoot: string;
  env: NodeJS.ProcessEnv;
  runner: TcbRunner;
  io: DeployIo;
  now?: number;
}

const USAGE = [
  '用法 / Usage: npm run deploy [-- <function>...] [--env-version develop|trial|release] [--dry-run] [--no-build]',
  '',
  '构建云函数，检查部署需要的一切，再用 tcb CLI 逐个部署。/ ' +
    'Builds the functions, checks what deploying needs, then deploys each with the tcb CLI.',
  '',
  '  <function>      只部署这些云函数，默认 cloudfunctions/ 下全部 / deploy only these functions (default: all)',
  '  --env-version   部署到 miniprogram/cloud-envs.ts 里这个版本的环境，默认 develop',
  '                  to the env of this mini-program version in miniprogram/cloud-envs.ts (default develop)',
  '  --dry-run       只构建和检查，列出云函数、文件、大小和环境，不连云端；没登录 tcb 也能通过',
  '                  build and check, print functions, files, sizes and env; no cloud call; passes without a tcb login',
  '  --no-build      部署已经构建好的 index.js（缺失或过期时拒绝）/ deploy the index.js already built (refused when missing or stale)',
  '  -h, --help      显示帮助 / show this help',
];

function parse(argv: string[]): {
  names: string[];
  envVersion: EnvVersion;
  dryRun: boolean;
  build: boolean;
  help: boolean;
} {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      'env-version': { type: 'string', default: 'develop' },
      'dry-run': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: true },
  );
  const envVersion = values['env-version'];
  if (!(ENV_VERSIONS as readonly string[]).includes(envVersion))
    throw new UsageError(
      `--env-version 只能是 / must be one of ${ENV_VERSIONS.join(', ')}，收到 / got "${envVersion}"`,
    );
  return {
    names: positionals,
    envVersion: envVersion as EnvVersion,
    dryRun: values['dry-run'],
    build: !values['no-build'],
    help: values.help,
  };
}

async function buildAll(names: string[], functionsRoot: string, io: DeployIo): Promise<boolean> {
  for (const name of names) {
    try {
      const bytes = await buildToDisk(name, functionsRoot);
      io.out(`已构建 / built cloudfunctions/${name}/index.js (${formatKiB(bytes)})`);
    } catch (error) {
      io.err(`✗ cloudfunctions/${name} 构建失败 / build failed:\n${(error as Error).message}`);
      io.err(
        '  怎么办 / fix: 改正上面的 TypeScript 错误（npm run typecheck 列出全部），再部署 / correct the error above, then deploy again',
      );
      return false;
    }
  }
  return true;
}

function prefixLines(io: DeployIo): (text: string) => void {
  let pending = '';
  return (text) => {
    pending += text;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) io.out(`  │ ${line}`);
  };
}

async function deployEach(plan: DeployPlan, options: DeployOptions): Promise<string[]> {
  const { io, runner, projectRoot, env } = options;
  const failed: string[] = [];
  for (const fn of plan.functions) {
    const args = tcbDeployArgs(fn.name, plan.envId as string);
    // cloudbaserc.json's "{{env.CLOUDBASE_ENV_ID}}" then renders as the same env as `-e`.
    const childEnv = { ...env, [ENV_ID_VARIABLE]: plan.envId as string };
    io.out(`→ 部署 / deploying ${fn.name} → ${plan.envId}: tcb ${args.join(' ')}`);
    let result;
    try {
      result = await runner.run(args, { cwd: projectRoot, env: childEnv, onOutput: prefixLines(io) });
    } catch (error) {
      result = { exitCode: 127, output: `无法启动 tcb / could not start tcb: ${(error as Error).message}` };
    }
    const outcome = interpretTcbResult(result.exitCode, result.output);
    if (outcome.ok) {
      io.out(`✓ ${fn.name} 已部署到 / deployed to ${plan.envId}`);
      continue;
    }
    failed.push(fn.name);
    io.err(`✗ ${fn.name} 没有部署成功，tcb 的输出 / was not deployed. The CLI said:`);
    for (const line of outcome.message.split('\n')) io.err(`    ${line}`);
    const causes = outcome.causes.length ? outcome.causes : explainCliFailure(result.output);
    for (const cause of causes) io.err(`  可能的原因 / likely cause: ${cause.cause}\n  怎么办 / fix: ${cause.fix}`);
    if (!causes.length)
      io.err(
        '  怎么办 / fix: 看上面 tcb 的输出；`npx tcb fn deploy ' +
          fn.name +
          ' --force --verbose` 会显示更多 / read the output above',
      );
  }
  return failed;
}

/** The end of a dry run that found nothing to fix: what would be deployed, and the login if missing. */
function reportDryRun(plan: DeployPlan, names: string[], io: DeployIo): number {
  const command = `npm run deploy${names.length ? ` -- ${names.join(' ')}` : ''}`;
  const functions = plan.functions.map((fn) => fn.name).join(', ');
  io.out('');
  io.out(
    `离线能检查的都通过了：\`${command}\` 会部署 ${functions} / everything checkable offline passed: it would deploy ${functions}.`,
  );
  if (plan.login) {
    io.out(`还差登录：${plan.login.what}`);
    io.out(`  真正部署前 / before the real deploy: ${plan.login.fix}`);
  }
  return 0;
}

/** Runs the whole deploy; returns the process exit code. */
export async function runDeploy(options: DeployOptions): Promise<number> {
  const { io, projectRoot, env } = options;
  let args;
  try {
    args = parse(options.argv);
  } catch (error) {
    io.err((error as Error).message);
    USAGE.forEach((line) => io.err(line));
    return 2;
  }
  if (args.help) {
    USAGE.forEach((line) => io.out(line));
    return 0;
  }
  const functionsRoot = path.join(projectRoot, 'cloudfunctions');
  const available = listBuildableFunctions(functionsRoot);
  const selection = selectFunctions(args.names, available);
  if (selection.problems.length) {
    formatProblems(selection.problems).forEach((line) => io.err(line));
    return 1;
  }
  if (args.build && !(await buildAll(selection.names, functionsRoot, io))) return 1;
  const facts = await gatherFacts({
    projectRoot,
    functionsRoot,
    names: selection.names,
    available,
    env,
    envVersion: args.envVersion,
    now: options.now ?? Date.now(),
  });
  const plan = planDeploy(facts);
  io.out(
    args.dryRun
      ? '试运行：不会连接云端 / dry run: nothing is sent to the cloud.'
      : '用 tcb CLI（@cloudbase/cli）部署 / deploying with the tcb CLI.',
  );
  formatPlan(plan, facts).forEach((line) => io.out(line));
  // A dry run checks all it can offline; the login matters only to the real deploy.
  const problems = args.dryRun ? plan.problems : [...plan.problems, ...(plan.login ? [plan.login] : [])];
  if (problems.length) {
    io.err('');
    io.err(
      `还不能部署，有 ${problems.length} 个问题 / ` +
        `not ready to deploy (${problems.length} problem${problems.length > 1 ? 's' : ''}):`,
    );
    formatProblems(problems).forEach((line) => io.err(line));
    return 1;
  }
  if (args.dryRun) return reportDryRun(plan, args.names, io);
  io.out('');
  const failed = await deployEach(plan, options);
  const deployed = plan.functions.map((fn) => fn.name).filter((name) => !failed.includes(name));
  io.out(
    `\n已部署 / deployed: ${deployed.join(', ') || '无 / none'}` +
      `${failed.length ? `；失败 / failed: ${failed.join(', ')}` : ''}`,
  );
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  runCommand(USAGE.join('\n'), (argv) =>
    runDeploy({
      argv,
      projectRoot: PROJECT_ROOT,
      env: process.env,
      runner: createSpawnRunner(PROJECT_ROOT),
      io: { out: (line) => console.log(line), err: (line) => console.error(line) },
    }),
  );
}
