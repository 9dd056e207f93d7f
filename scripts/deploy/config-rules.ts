/**
 * This project's rules for its deployment configs, on top of the documented formats
 * (config-schemas.ts): one place that says what both deployment paths need to agree on.
 * Pure: takes parsed configs and facts about cloudfunctions/, returns readable problems.
 */
import type { Cloudbaserc, ProjectConfig } from './config-schemas';
import { envTemplateName } from './config-schemas';
import { FUNCTION_TARGET } from '../functions';

export const ENV_ID_VARIABLE = 'CLOUDBASE_ENV_ID';
export const FUNCTIONS_DIR = 'cloudfunctions';
export const REQUIRED_HANDLER = 'index.main';
/**
 * The newest Node runtime CloudBase offers that is not a public beta in the tcb CLI (2.12: 24.11
 * and 22.21 are "公测中"); DevTools keeps the runtime a function was created with. See docs.
 */
export const RECOMMENDED_RUNTIME = 'Nodejs20.19';
/**
 * What must never be uploaded: node_modules (index.js bundles what it needs), src/ (only the TypeScript
 * source), the source map the build writes for debugging (several times the bundle's size).
 */
export const REQUIRED_IGNORES = ['node_modules', 'node_modules/**', 'src/**', '**/*.map'] as const;

/** What deployment needs to know about one function folder on disk. */
export interface FunctionOnDisk {
  name: string;
  /** `timeout` from the function's config.json (what DevTools deploys); undefined when absent. */
  configTimeout: number | undefined;
}

/** `./cloudfunctions/` -> `cloudfunctions`. */
export function normalizeRoot(value: string): string {
  return value
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

/** Node major of a runtime such as `Nodejs16.13`; undefined for other languages. */
export function nodeMajor(runtime: string): number | undefined {
  const match = /^Nodejs(\d+)\./.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

const TARGET_MAJOR = Number(/^node(\d+)/.exec(FUNCTION_TARGET)?.[1]);

function checkFunctionEntry(
  entry: NonNullable<Cloudbaserc['functions']>[number],
  onDisk: FunctionOnDisk | undefined,
): string[] {
  const where = `cloudbaserc.json function "${entry.name}"`;
  if (!onDisk) return [`${where} has no folder ${FUNCTIONS_DIR}/${entry.name} with src/index.ts`];
  const problems: string[] = [];
  const major = entry.runtime ? nodeMajor(entry.runtime) : undefined;
  if (!entry.runtime)
    problems.push(
      `${where}: set "runtime" explicitly (e.g. "${RECOMMENDED_RUNTIME}"); an old CLI path defaults to Nodejs8.9`,
    );
  else if (major === undefined || major < TARGET_MAJOR) {
    problems.push(`${where}: runtime ${entry.runtime} is older than the bundle target ${FUNCTION_TARGET}`);
  }
  if (onDisk.configTimeout === undefined)
    problems.push(`${FUNCTIONS_DIR}/${entry.name}/config.json: set "timeout" (seconds)`);
  else if (entry.timeout !== onDisk.configTimeout) {
    problems.push(
      `${where}: timeout ${entry.timeout ?? '(unset)'} differs from ` +
        `config.json timeout ${onDisk.configTimeout}; DevTools uses ` +
        `config.json, keep them equal`,
    );
  }
  if (entry.handler !== REQUIRED_HANDLER)
    problems.push(`${where}: handler must be "${REQUIRED_HANDLER}" (the bundle exports main from index.js)`);
  if (entry.installDependency !== false) {
    problems.push(
      `${where}: set "installDependency": false; index.js bundles ` +
        `wx-server-sdk, so the cloud has nothing to install (an install there ` +
        `is slow and often fails)`,
    );
  }
  const missingIgnores = REQUIRED_IGNORES.filter((pattern) => !entry.ignore?.includes(pattern));
  if (missingIgnores.length)
    problems.push(`${where}: "ignore" must include ${missingIgnores.map((p) => `"${p}"`).join(', ')}`);
  return problems;
}

/** The cloudbaserc.json entry a new function needs, as the checks above want it. */
export function recommendedEntry(fn: FunctionOnDisk) {
  return {
    name: fn.name,
    runtime: RECOMMENDED_RUNTIME,
    timeout: fn.configTimeout ?? 10,
    handler: REQUIRED_HANDLER,
    installDependency: false,
    ignore: [
      'node_modules',
      'node_modules/**',
      'src',
      'src/**',
      '**/*.test.ts',
      '**/*.map',
      '**/*.rules.json',
      'tsconfig.json',
    ],
  };
}

/** Problems with cloudbaserc.json against the functions on disk; empty when deployable. */
export function checkCloudbaserc(config: Cloudbaserc, functions: FunctionOnDisk[]): string[] {
  const problems: string[] = [];
  if (config.version !== '2.0' && config.version !== '2.1')
    problems.push('cloudbaserc.json: set "version": "2.0" (dynamic variables need it)');
  if (envTemplateName(config.envId) !== ENV_ID_VARIABLE) {
    problems.push(
      `cloudbaserc.json: "envId" must be "{{env.${ENV_ID_VARIABLE}}}" so each developer's .env chooses the environment`,
    );
  }
  if (normalizeRoot(config.functionRoot ?? './functions') !== FUNCTIONS_DIR) {
    problems.push(`cloudbaserc.json: "functionRoot" must be "./${FUNCTIONS_DIR}" (the CLI default is ./functions)`);
  }
  const entries = config.functions ?? [];
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  for (const entry of entries) problems.push(...checkFunctionEntry(entry, byName.get(entry.name)));
  for (const fn of functions) {
    if (!entries.some((entry) => entry.name === fn.name)) {
      problems.push(
        `cloudbaserc.json: function "${fn.name}" is not listed in ` +
          `"functions"; add this entry:\n${JSON.stringify(recommendedEntry(fn))}`,
      );
    }
  }
  const names = entries.map((entry) => entry.name);
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    problems.push(`cloudbaserc.json: function "${name}" is listed twice`);
  }
  return problems;
}

/** Problems with project.config.json for opening the folder in WeChat DevTools. */
export function checkProjectConfig(config: ProjectConfig): string[] {
  const problems: string[] = [];
  if (config.compileType !== 'miniprogram') problems.push('project.config.json: "compileType" must be "miniprogram"');
  if (!config.cloudfunctionRoot || normalizeRoot(config.cloudfunctionRoot) !== FUNCTIONS_DIR) {
    problems.push(
      `project.config.json: "cloudfunctionRoot" must be "${FUNCTIONS_DIR}/" so DevTools shows the functions`,
    );
  }
  const plugins = (config.setting?.useCompilerPlugins ?? []).map((plugin) =>
    typeof plugin === 'string' ? plugin : plugin.type,
  );
  if (!plugins.includes('typescript'))
    problems.push('project.config.json: setting.useCompilerPlugins must include "typescript"');
  if (config.appid === 'touristappid' && !config.description?.includes('touristappid')) {
    problems.push('project.config.json: the placeholder appid touristappid must be explained in "description"');
  }
  return problems;
}
