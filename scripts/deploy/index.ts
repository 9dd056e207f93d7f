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
  'usage: npm run deploy [-- <function>...] [--env-version develop|trial|release] [--dry-run] [--no-build]',
  '  <function>      deploy only these functions (default: all under cloudfunctions/)',
  '  --env-version   to the env of this mini-program version in miniprogram/cloud-envs.ts (default develop)',
  '  --dry-run    build and check, print functions, files, sizes and env; do not call the cloud',
  '  --no-build   deploy the index.js already built (refused when missing or stale)',
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
    throw new UsageError(`--env-version must be one of ${ENV_VERSIONS.join(', ')}, got "${envVersion}"`);
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
      io.out(`built cloudfunctions/${name}/index.js (${formatKiB(bytes)})`);
    } catch (error) {
      io.err(`✗ build of cloudfunctions/${name} failed:\n${(error as Error).message}`);
      io.err('  fix: correct the TypeScript error above (npm run typecheck shows all of them), then deploy again');
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
    io.out(`→ deploying ${fn.name} to ${plan.envId}: tcb ${args.join(' ')}`);
    let result;
    try {
      result = await runner.run(args, { cwd: projectRoot, env: childEnv, onOutput: prefixLines(io) });
    } catch (error) {
      result = { exitCode: 127, output: `could not start tcb: ${(error as Error).message}` };
    }
    const outcome = interpretTcbResult(result.exitCode, result.output);
    if (outcome.ok) {
      io.out(`✓ ${fn.name} deployed to ${plan.envId}`);
      continue;
    }
    failed.push(fn.name);
    io.err(`✗ ${fn.name} was not deployed. The CLI said:`);
    for (const line of outcome.message.split('\n')) io.err(`    ${line}`);
    const causes = outcome.causes.length ? outcome.causes : explainCliFailure(result.output);
    for (const cause of causes) io.err(`  likely cause: ${cause.cause}\n  fix: ${cause.fix}`);
    if (!causes.length)
      io.err('  fix: read the CLI output above; `npx tcb fn deploy ' + fn.name + ' --force --verbose` shows more');
  }
  return failed;
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
  io.out(args.dryRun ? 'Dry run: nothing is sent to the cloud.' : 'Deploying with the tcb CLI (@cloudbase/cli).');
  formatPlan(plan, facts).forEach((line) => io.out(line));
  if (plan.problems.length) {
    io.err('');
    io.err(`Not ready to deploy (${plan.problems.length} problem${plan.problems.length > 1 ? 's' : ''}):`);
    formatProblems(plan.problems).forEach((line) => io.err(line));
    return 1;
  }
  if (args.dryRun) {
    io.out('');
    io.out(
      `Ready: \`npm run deploy${args.names.length ? ` -- ${args.names.join(' ')}` : ''}\` would deploy ${plan.functions.map((fn) => fn.name).join(', ')}.`,
    );
    return 0;
  }
  io.out('');
  const failed = await deployEach(plan, options);
  const deployed = plan.functions.map((fn) => fn.name).filter((name) => !failed.includes(name));
  io.out(`\ndeployed: ${deployed.join(', ') || 'none'}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
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
