/**
 * Gathers what plan.ts decides on, from the disk: cloudbaserc.json, each function's folder
 * (config.json, package.json, built index.js vs a fresh in-memory build, uploaded files), the env
 * id from the environment and .env files, and the tcb CLI's credential file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { checkCloudbaserc, type FunctionOnDisk } from './config-rules';
import {
  cloudbasercSchema,
  formatIssues,
  functionConfigSchema,
  functionPackageSchema,
  type Cloudbaserc,
} from './config-schemas';
import { PLATFORM_DEPENDENCIES, buildInMemory, builtState, disallowedImports, readBuiltFile } from './build';
import type { EnvVersion } from '../../miniprogram/cloud-envs';
import { readLoginState } from '@wx-cloud-login/wxcloud';
import { CLOUD_ENVS_FILE, resolveEnvId } from './env';
import { listFiles, selectDeployedFiles } from './files';
import type { DeployFacts, FunctionFacts } from './plan';

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function readJson(file: string): unknown {
  const text = readText(file);
  return text === undefined ? undefined : JSON.parse(text);
}

/** cloudbaserc.json parsed and checked; problems instead of exceptions. */
export function loadCloudbaserc(projectRoot: string): { config: Cloudbaserc | undefined; problems: string[] } {
  let raw: unknown;
  try {
    raw = readJson(path.join(projectRoot, 'cloudbaserc.json'));
  } catch (error) {
    return { config: undefined, problems: [`cloudbaserc.json is not valid JSON: ${(error as Error).message}`] };
  }
  if (raw === undefined) return { config: undefined, problems: ['cloudbaserc.json is missing'] };
  const parsed = cloudbasercSchema.safeParse(raw);
  if (!parsed.success)
    return { config: undefined, problems: formatIssues(parsed.error).map((line) => `cloudbaserc.json ${line}`) };
  return { config: parsed.data, problems: [] };
}

/** config.json timeout of each function folder that has sources. */
export function functionsOnDisk(functionsRoot: string, names: string[]): FunctionOnDisk[] {
  return names.map((name) => {
    const config = functionConfigSchema.safeParse(readJson(path.join(functionsRoot, name, 'config.json')) ?? {});
    return { name, configTimeout: config.success ? config.data.timeout : undefined };
  });
}

async function gatherFunction(
  functionsRoot: string,
  name: string,
  config: Cloudbaserc | undefined,
): Promise<FunctionFacts> {
  const dir = path.join(functionsRoot, name);
  const entry = config?.functions?.find((fn) => fn.name === name);
  const fresh = await buildInMemory(name, functionsRoot);
  const pkg = functionPackageSchema.safeParse(readJson(path.join(dir, 'package.json')));
  const externals = Object.values(fresh.metafile.outputs).flatMap((output) =>
    output.imports.filter((i) => i.external).map((i) => i.path),
  );
  const installDependency = entry?.installDependency ?? true;
  return {
    name,
    entry,
    built: builtState(readBuiltFile(name, functionsRoot), fresh.code),
    files: selectDeployedFiles(listFiles(dir, new Set(['node_modules'])), entry?.ignore ?? [], installDependency),
    hasPackageJson: pkg.success,
    dependencies: pkg.success ? (pkg.data.dependencies ?? {}) : {},
    platformImports: PLATFORM_DEPENDENCIES.filter((dep) =>
      externals.some((spec) => spec === dep || spec.startsWith(`${dep}/`)),
    ),
    disallowedImports: disallowedImports(fresh.metafile),
  };
}

/**
 * CLOUD_ENV_IDS of the project's miniprogram/cloud-envs.ts, evaluated as the module it is (the file
 * has no imports, only data), so the deploy reads what the mini-program reads. Read afresh each time
 * (not through require's cache), so a file edited since is seen as it is now.
 */
export function loadCloudEnvIds(projectRoot: string): Partial<Record<EnvVersion, string>> | undefined {
  const file = path.join(projectRoot, CLOUD_ENVS_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs' });
    const module = { exports: {} as { CLOUD_ENV_IDS?: Partial<Record<EnvVersion, string>> } };
    runInNewContext(code, { module, exports: module.exports }, { filename: file, timeout: 1000 });
    return module.exports.CLOUD_ENV_IDS;
  } catch {
    return undefined;
  }
}

export interface GatherOptions {
  /** The mini-program version whose env the functions go to. */
  envVersion: EnvVersion;
  projectRoot: string;
  functionsRoot: string;
  names: string[];
  available: string[];
  env: NodeJS.ProcessEnv;
  now: number;
}

export async function gatherFacts(options: GatherOptions): Promise<DeployFacts> {
  const { projectRoot, functionsRoot, names, env, now } = options;
  const { config, problems } = loadCloudbaserc(projectRoot);
  const configProblems = config
    ? checkCloudbaserc(config, functionsOnDisk(functionsRoot, options.available))
    : problems;
  const envId = resolveEnvId({
    cloudEnvIds: loadCloudEnvIds(projectRoot),
    envVersion: options.envVersion,
    processEnv: env,
    dotenv: readText(path.join(projectRoot, '.env')),
    dotenvLocal: readText(path.join(projectRoot, '.env.local')),
  });
  const functions = [];
  for (const name of names) functions.push(await gatherFunction(functionsRoot, name, config));
  return { envId, ...readLoginState(env, now), configProblems, functions };
}
