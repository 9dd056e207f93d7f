/**
 * The decisions of `npm run deploy`, as pure functions of gathered facts: which functions, what is
 * missing before the CLI may be called (each with a plain fix), the exact tcb command lines, and
 * the report printed by `--dry-run`. The shell (index.ts, facts.ts) gathers the facts and runs the commands.
 */
import type { CloudbaseFunction } from './config-schemas';
import { PLATFORM_DEPENDENCIES, type BuiltState } from './build';
import { CLOUD_ENVS_FILE, type EnvIdResolution, type LoginState } from './env';
import type { FileEntry } from './files';
import { FUNCTION_FILES_BUDGET_BYTES, INDEX_JS_BUDGET_BYTES, formatKiB } from './limits';
import { ENV_ID_VARIABLE } from './config-rules';
import { TCB_LOGIN_FIX, describeLoginReason } from '@wx-cloud-login/wxcloud';

export interface Problem {
  what: string;
  fix: string;
}

export interface FunctionFacts {
  name: string;
  /** This function's entry in cloudbaserc.json. */
  entry: CloudbaseFunction | undefined;
  built: BuiltState;
  /** Files the CLI would upload (after the ignore globs). */
  files: FileEntry[];
  hasPackageJson: boolean;
  dependencies: Record<string, string>;
  /** Platform modules (PLATFORM_DEPENDENCIES: none today) the bundle imports at run time. */
  platformImports: string[];
  /** Other run-time imports, which the cloud will not have. */
  disallowedImports: string[];
}

export interface DeployFacts {
  envId: EnvIdResolution;
  login: LoginState;
  authFile: string;
  /** Problems with cloudbaserc.json (format and project rules). */
  configProblems: string[];
  functions: FunctionFacts[];
}

export interface PlannedFunction {
  name: string;
  runtime: string;
  timeout: number | undefined;
  files: FileEntry[];
  indexBytes: number;
  totalBytes: number;
  dependencies: Record<string, string>;
}

export interface DeployPlan {
  envId: string | undefined;
  functions: PlannedFunction[];
  /** What must change before deploying, the login excepted. */
  problems: Problem[];
  /** The missing login, kept apart: only the real deploy needs it, a dry run passes without. */
  login: Problem | undefined;
}

/** Requested names (all when none) checked against the functions that have sources. */
export function selectFunctions(requested: string[], available: string[]): { names: string[]; problems: Problem[] } {
  if (requested.length === 0) {
    const problems = available.length
      ? []
      : [
          {
            what: '没有找到云函数 / no cloud function found (cloudfunctions/<name>/src/index.ts).',
            fix: '添加一个云函数，或确认在项目目录里运行 / add a function, or check that you are in the project folder',
          },
        ];
    return { names: available, problems };
  }
  const unknown = requested.filter((name) => !available.includes(name));
  const problems = unknown.map((name) => ({
    what: `没有云函数 "${name}" / no cloud function "${name}" (cloudfunctions/${name}/src/index.ts).`,
    fix: `可选 / choose from: ${available.join(', ') || '无 / none'}`,
  }));
  return { names: [...new Set(requested.filter((name) => available.includes(name)))], problems };
}

/** The exact arguments given to the tcb CLI for one function. */
export function tcbDeployArgs(name: string, envId: string): string[] {
  return ['fn', 'deploy', name, '--force', '-e', envId];
}

function envIdProblem(resolution: EnvIdResolution): Problem | undefined {
  if (resolution.ok) return undefined;
  const { envVersion } = resolution;
  if (resolution.reason === 'disagree') {
    return {
      what:
        `${ENV_ID_VARIABLE}=${resolution.value}（${resolution.source}）与 ` +
        `${CLOUD_ENVS_FILE} 里 ${envVersion} 的环境 ID ${resolution.expected} 不一致 / ` +
        `differs from the ${envVersion} env id ${resolution.expected} in ` +
        `${CLOUD_ENVS_FILE}, the one the mini-program calls.`,
      fix:
        `从 ${resolution.source} 删掉 ${ENV_ID_VARIABLE}，或把 ${resolution.value} 写进 ${CLOUD_ENVS_FILE} / ` +
        `remove ${ENV_ID_VARIABLE} from ${resolution.source}, or put ${resolution.value} in ${CLOUD_ENVS_FILE}`,
    };
  }
  const fix =
    `把环境 ID（云开发控制台 → 设置 → 环境 ID，如 cloud1-9gabc123）填进 ` +
    `${CLOUD_ENVS_FILE} 的 CLOUD_ENV_IDS.${envVersion} / ` +
    `put your env id in CLOUD_ENV_IDS.${envVersion} of ${CLOUD_ENVS_FILE}`;
  if (resolution.reason === 'missing')
    return {
      what:
        `没有 ${envVersion} 的环境 ID：${CLOUD_ENVS_FILE} 不存在或没有填 / ` +
        `no CloudBase env id for ${envVersion}: ${CLOUD_ENVS_FILE} is missing or has none.`,
      fix,
    };
  if (resolution.reason === 'placeholder')
    return {
      what:
        `${CLOUD_ENVS_FILE} 里 ${envVersion} 的环境 ID 还是占位符 "${resolution.value}" / ` +
        `the ${envVersion} env id there is still the placeholder "${resolution.value}".`,
      fix,
    };
  return {
    what:
      `${CLOUD_ENVS_FILE} 里 ${envVersion} 的环境 ID "${resolution.value}" 不像环境 ID / ` +
      `the ${envVersion} env id "${resolution.value}" does not look like an env id.`,
    fix,
  };
}

function loginProblem(login: LoginState, authFile: string): Problem | undefined {
  if (login.loggedIn) return undefined;
  const detail = `${describeLoginReason(login)}，${authFile}`;
  return { what: `tcb 没有登录 / the tcb CLI is not logged in (${detail}).`, fix: TCB_LOGIN_FIX };
}

function builtProblems(fn: FunctionFacts): Problem[] {
  const file = `cloudfunctions/${fn.name}/index.js`;
  if (fn.built === 'missing')
    return [
      {
        what: `${file} 不存在 / is missing.`,
        fix: '运行 `npm run build`（或去掉 --no-build）/ run `npm run build` (or deploy without --no-build)',
      },
    ];
  if (fn.built === 'stale')
    return [
      {
        what: `${file} 已过期：与 src/ 重新构建的结果不同 / is stale: it differs from a fresh build of src/.`,
        fix:
          '运行 `npm run build`，开发时可一直开着 `npm run dev` / ' +
          'run `npm run build`, or keep `npm run dev` running while you work',
      },
    ];
  return [];
}

function functionProblems(fn: FunctionFacts): Problem[] {
  const problems = builtProblems(fn);
  const dir = `cloudfunctions/${fn.name}`;
  if (!fn.entry)
    problems.push({
      what: `cloudbaserc.json 没有列出 "${fn.name}" / "${fn.name}" is not listed in cloudbaserc.json.`,
      fix:
        '在 "functions" 里加上它（runtime、timeout、handler、"installDependency": false）/ ' +
        'add it to "functions" with runtime, timeout, handler and "installDependency": false',
    });
  if (!fn.hasPackageJson)
    problems.push({
      what: `${dir}/package.json 不存在 / is missing.`,
      fix: '加一个，写 "main": "index.js"，不写依赖 / add one with "main": "index.js" and no dependencies',
    });
  const listed = Object.keys(fn.dependencies).filter((name) => !PLATFORM_DEPENDENCIES.includes(name));
  if (listed.length) {
    problems.push({
      what:
        `${dir}/package.json 列出了 ${listed.join(', ')}，但 index.js 已打包所需的一切，` +
        `开发者工具的“云端安装依赖”会白装一遍 / ` +
        `lists ${listed.join(', ')}, but index.js bundles everything it needs.`,
      fix:
        '删掉其中的 "dependencies"（依赖放在根目录的 package.json）/ ' +
        'remove "dependencies" from it (keep packages in the root package.json)',
    });
  }
  for (const dep of fn.platformImports.filter((name) => !(name in fn.dependencies))) {
    problems.push({
      what:
        `${dir}/index.js 需要 ${dep}，但 ${dir}/package.json 没有列出，云端会报 "Cannot find module" / ` +
        `requires ${dep}, which its package.json does not list.`,
      fix: `把 "${dep}" 加进 dependencies / add "${dep}" to its dependencies`,
    });
  }
  for (const dep of fn.disallowedImports) {
    problems.push({
      what: `${dir}/index.js 运行时需要 "${dep}"，云端不会安装 / requires "${dep}" at run time, which the cloud does not install.`,
      fix:
        '改成静态 import，让 esbuild 打包进去 / ' +
        'import it statically so esbuild bundles it ' +
        "(or list it in the function's package.json and PLATFORM_DEPENDENCIES, and set installDependency true)",
    });
  }
  const index = fn.files.find((file) => file.path === 'index.js');
  if (index && index.bytes > INDEX_JS_BUDGET_BYTES) {
    problems.push({
      what:
        `${dir}/index.js 有 ${formatKiB(index.bytes)}，超出预算 ${formatKiB(INDEX_JS_BUDGET_BYTES)} / ` +
        `is ${formatKiB(index.bytes)}, over its ${formatKiB(INDEX_JS_BUDGET_BYTES)} budget.`,
      fix:
        '看看打包进了什么（esbuild --analyze）；确实需要时再调高 scripts/deploy/limits.ts 的预算 / ' +
        'check what got bundled; raise the budget only if intended',
    });
  }
  const total = fn.files.reduce((sum, file) => sum + file.bytes, 0);
  if (total > FUNCTION_FILES_BUDGET_BYTES) {
    problems.push({
      what:
        `${dir} 要上传 ${formatKiB(total)}，超出预算 ${formatKiB(FUNCTION_FILES_BUDGET_BYTES)} / ` +
        `uploads ${formatKiB(total)}, over the ${formatKiB(FUNCTION_FILES_BUDGET_BYTES)} budget.`,
      fix: '把多余的文件加进 cloudbaserc.json 的 "ignore" / add the extra files to "ignore" in cloudbaserc.json',
    });
  }
  return problems;
}

/** Everything that must hold before the CLI is called, and what would be deployed. */
export function planDeploy(facts: DeployFacts): DeployPlan {
  const problems: Problem[] = [];
  const envProblem = envIdProblem(facts.envId);
  if (envProblem) problems.push(envProblem);
  for (const what of facts.configProblems)
    problems.push({
      what,
      fix: '修改 cloudbaserc.json（见 docs/deployment.md）/ edit cloudbaserc.json (see docs/deployment.md)',
    });
  for (const fn of facts.functions) problems.push(...functionProblems(fn));
  const functions = facts.functions.map((fn) => ({
    name: fn.name,
    runtime: fn.entry?.runtime ?? '(unset)',
    timeout: fn.entry?.timeout,
    files: fn.files,
    indexBytes: fn.files.find((file) => file.path === 'index.js')?.bytes ?? 0,
    totalBytes: fn.files.reduce((sum, file) => sum + file.bytes, 0),
    dependencies: fn.dependencies,
  }));
  return {
    envId: facts.envId.ok ? facts.envId.envId : undefined,
    functions,
    problems,
    login: loginProblem(facts.login, facts.authFile),
  };
}

function budgetNote(bytes: number, budget: number): string {
  return `${formatKiB(bytes).padStart(10)}  预算 / budget ${formatKiB(budget)} (${Math.round((bytes / budget) * 100)}%)`;
}

function describeEnvId(envId: EnvIdResolution): string {
  if (envId.ok) return `${envId.envId}（来自 / from ${envId.source}）`;
  if (envId.reason === 'placeholder')
    return `还是占位符 "${envId.value}"（${CLOUD_ENVS_FILE}，${envId.envVersion}）/ still the placeholder`;
  if (envId.reason === 'missing') return `没有填写（${CLOUD_ENVS_FILE}，${envId.envVersion}）/ not set`;
  if (envId.reason === 'disagree') return `不一致 / disagrees: ${envId.value}（${envId.source}）≠ ${envId.expected}`;
  return `"${envId.value}" 不像环境 ID / does not look like an env id`;
}

/** The human report: functions, files, sizes against budgets, env, and the commands. */
export function formatPlan(plan: DeployPlan, facts: Pick<DeployFacts, 'envId' | 'login'>): string[] {
  const login = facts.login.loggedIn ? `已登录 / logged in (${facts.login.method})` : '未登录 / not logged in';
  const lines = [`环境 ID / env id:  ${describeEnvId(facts.envId)}`, `tcb 登录 / login:  ${login}`];
  for (const fn of plan.functions) {
    const deps =
      Object.entries(fn.dependencies)
        .map(([name, range]) => `${name}@${range}`)
        .join(', ') || '无 / none';
    lines.push(
      '',
      `云函数 / function ${fn.name}: runtime ${fn.runtime}, ` +
        `超时 / timeout ${fn.timeout ?? '?'} s, 云端安装 / cloud installs: ${deps}`,
    );
    for (const file of fn.files) {
      const note =
        file.path === 'index.js' ? budgetNote(file.bytes, INDEX_JS_BUDGET_BYTES) : formatKiB(file.bytes).padStart(10);
      lines.push(`  ${file.path.padEnd(16)}${note}`);
    }
    lines.push(`  ${'合计 / total'.padEnd(16)}${budgetNote(fn.totalBytes, FUNCTION_FILES_BUDGET_BYTES)}`);
    lines.push(`  命令 / command: tcb ${tcbDeployArgs(fn.name, plan.envId ?? `<${ENV_ID_VARIABLE}>`).join(' ')}`);
  }
  return lines;
}

export function formatProblems(problems: Problem[]): string[] {
  return problems.flatMap((problem) => [`  ✗ ${problem.what}`, `    怎么办 / fix: ${problem.fix}`]);
}
