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
  problems: Problem[];
}

/** Requested names (all when none) checked against the functions that have sources. */
export function selectFunctions(requested: string[], available: string[]): { names: string[]; problems: Problem[] } {
  if (requested.length === 0) {
    const problems = available.length
      ? []
      : [
          {
            what: 'No cloud function found (cloudfunctions/<name>/src/index.ts).',
            fix: 'add a function, or check that you are in the project folder',
          },
        ];
    return { names: available, problems };
  }
  const unknown = requested.filter((name) => !available.includes(name));
  const problems = unknown.map((name) => ({
    what: `No cloud function "${name}" (cloudfunctions/${name}/src/index.ts).`,
    fix: `choose from: ${available.join(', ') || '(none)'}`,
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
      what: `${ENV_ID_VARIABLE}=${resolution.value} (${resolution.source}) differs from the ${envVersion} env id ${resolution.expected} in ${CLOUD_ENVS_FILE}, the one the mini-program calls.`,
      fix: `remove ${ENV_ID_VARIABLE} from ${resolution.source}, or put ${resolution.value} in ${CLOUD_ENVS_FILE}`,
    };
  }
  const fix = `put your env id in CLOUD_ENV_IDS.${envVersion} of ${CLOUD_ENVS_FILE} (云开发控制台 → 设置 → 环境 ID, e.g. cloud1-9gabc123)`;
  if (resolution.reason === 'missing')
    return { what: `No CloudBase env id for ${envVersion}: ${CLOUD_ENVS_FILE} is missing or has none.`, fix };
  if (resolution.reason === 'placeholder')
    return {
      what: `The ${envVersion} env id in ${CLOUD_ENVS_FILE} is still the placeholder "${resolution.value}".`,
      fix,
    };
  return {
    what: `The ${envVersion} env id "${resolution.value}" in ${CLOUD_ENVS_FILE} does not look like an env id.`,
    fix,
  };
}

function loginProblem(login: LoginState, authFile: string): Problem | undefined {
  if (login.loggedIn) return undefined;
  const fix =
    'run `npx tcb login` (opens a browser); in CI run `npx tcb login --apiKeyId <SecretId> --apiKey <SecretKey>`';
  const detail =
    login.reason === 'expired' ? 'its login has expired' : `no usable credential in ${authFile} (${login.reason})`;
  return { what: `The tcb CLI is not logged in: ${detail}.`, fix };
}

function builtProblems(fn: FunctionFacts): Problem[] {
  const file = `cloudfunctions/${fn.name}/index.js`;
  if (fn.built === 'missing')
    return [{ what: `${file} is missing.`, fix: 'run `npm run build` (or deploy without --no-build)' }];
  if (fn.built === 'stale')
    return [
      {
        what: `${file} is stale: it differs from a fresh build of src/.`,
        fix: 'run `npm run build`, or keep `npm run dev` running while you work',
      },
    ];
  return [];
}

function functionProblems(fn: FunctionFacts): Problem[] {
  const problems = builtProblems(fn);
  const dir = `cloudfunctions/${fn.name}`;
  if (!fn.entry)
    problems.push({
      what: `"${fn.name}" is not listed in cloudbaserc.json.`,
      fix: 'add it to "functions" with runtime, timeout, handler and "installDependency": false',
    });
  if (!fn.hasPackageJson)
    problems.push({
      what: `${dir}/package.json is missing.`,
      fix: 'add one with "main": "index.js" and no dependencies',
    });
  const listed = Object.keys(fn.dependencies).filter((name) => !PLATFORM_DEPENDENCIES.includes(name));
  if (listed.length) {
    problems.push({
      what: `${dir}/package.json lists ${listed.join(', ')}, but index.js bundles everything it needs; DevTools' "云端安装依赖" would install them for nothing.`,
      fix: 'remove "dependencies" from it (keep packages in the root package.json)',
    });
  }
  for (const dep of fn.platformImports.filter((name) => !(name in fn.dependencies))) {
    problems.push({
      what: `${dir}/index.js requires ${dep}, but ${dir}/package.json does not list it (the cloud would fail with "Cannot find module").`,
      fix: `add "${dep}" to its dependencies`,
    });
  }
  for (const dep of fn.disallowedImports) {
    problems.push({
      what: `${dir}/index.js requires "${dep}" at run time, which the cloud does not install.`,
      fix: "import it statically so esbuild bundles it (or list it in the function's package.json and PLATFORM_DEPENDENCIES, and set installDependency true)",
    });
  }
  const index = fn.files.find((file) => file.path === 'index.js');
  if (index && index.bytes > INDEX_JS_BUDGET_BYTES) {
    problems.push({
      what: `${dir}/index.js is ${formatKiB(index.bytes)}, over its ${formatKiB(INDEX_JS_BUDGET_BYTES)} budget.`,
      fix: 'check what got bundled (esbuild --analyze); raise the budget in scripts/deploy/limits.ts only if intended',
    });
  }
  const total = fn.files.reduce((sum, file) => sum + file.bytes, 0);
  if (total > FUNCTION_FILES_BUDGET_BYTES) {
    problems.push({
      what: `${dir} uploads ${formatKiB(total)}, over the ${formatKiB(FUNCTION_FILES_BUDGET_BYTES)} budget.`,
      fix: 'add the extra files to "ignore" in cloudbaserc.json',
    });
  }
  return problems;
}

/** Everything that must hold before the CLI is called, and what would be deployed. */
export function planDeploy(facts: DeployFacts): DeployPlan {
  const problems: Problem[] = [];
  const envProblem = envIdProblem(facts.envId);
  if (envProblem) problems.push(envProblem);
  const login = loginProblem(facts.login, facts.authFile);
  if (login) problems.push(login);
  for (const what of facts.configProblems)
    problems.push({ what, fix: 'edit cloudbaserc.json (see the deploy section of the README)' });
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
  return { envId: facts.envId.ok ? facts.envId.envId : undefined, functions, problems };
}

function budgetNote(bytes: number, budget: number): string {
  return `${formatKiB(bytes).padStart(10)}  budget ${formatKiB(budget)} (${Math.round((bytes / budget) * 100)}%)`;
}

/** The human report: functions, files, sizes against budgets, env, and the commands. */
export function formatPlan(plan: DeployPlan, facts: Pick<DeployFacts, 'envId' | 'login'>): string[] {
  const env = facts.envId.ok ? `${facts.envId.envId} (from ${facts.envId.source})` : 'not set';
  const lines = [
    `env id:  ${env}`,
    `login:   ${facts.login.loggedIn ? `logged in (${facts.login.method})` : 'not logged in'}`,
  ];
  for (const fn of plan.functions) {
    const deps =
      Object.entries(fn.dependencies)
        .map(([name, range]) => `${name}@${range}`)
        .join(', ') || 'none';
    lines.push(
      '',
      `function ${fn.name}: runtime ${fn.runtime}, timeout ${fn.timeout ?? '?'} s, cloud installs: ${deps}`,
    );
    for (const file of fn.files) {
      const note =
        file.path === 'index.js' ? budgetNote(file.bytes, INDEX_JS_BUDGET_BYTES) : formatKiB(file.bytes).padStart(10);
      lines.push(`  ${file.path.padEnd(16)}${note}`);
    }
    lines.push(`  ${'total'.padEnd(16)}${budgetNote(fn.totalBytes, FUNCTION_FILES_BUDGET_BYTES)}`);
    lines.push(`  command: tcb ${tcbDeployArgs(fn.name, plan.envId ?? `<${ENV_ID_VARIABLE}>`).join(' ')}`);
  }
  return lines;
}

export function formatProblems(problems: Problem[]): string[] {
  return problems.flatMap((problem) => [`  ✗ ${problem.what}`, `    fix: ${problem.fix}`]);
}
