/**
 * The checks `npm run doctor` adds for this project on top of the local cloud's generic ones:
 * installed dependencies, cloud function bundles fresh, an env id per mini-program version in
 * miniprogram/cloud-envs.ts, and the deploy config rules both deployment paths rely on.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mustFix, ok, warn, type Finding, type Section } from '@wx-cloud-login/wxcloud';
import { ENV_VERSIONS } from '../../miniprogram/cloud-envs';
import { buildInMemory, builtState, readBuiltFile } from '../deploy/build';
import { checkCloudbaserc, checkProjectConfig } from '../deploy/config-rules';
import { projectConfigSchema } from '../deploy/config-schemas';
import { CLOUD_ENVS_FILE, resolveEnvId } from '../deploy/env';
import { functionsOnDisk, loadCloudEnvIds, loadCloudbaserc } from '../deploy/facts';
import { listBuildableFunctions } from '../functions';

export function checkDependencies(projectRoot: string): Finding {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  const missing = names.filter((name) => !existsSync(path.join(projectRoot, 'node_modules', name, 'package.json')));
  if (!missing.length) return ok(`依赖已安装 / dependencies installed (${names.length})`);
  return mustFix(
    `缺少依赖 / missing dependencies: ${missing.join(', ')}`,
    '在项目目录运行 `npm install` / run `npm install` in the project folder',
  );
}

export async function checkBundles(functionsRoot: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const name of listBuildableFunctions(functionsRoot)) {
    let state;
    try {
      state = builtState(readBuiltFile(name, functionsRoot), (await buildInMemory(name, functionsRoot)).code);
    } catch (error) {
      findings.push(
        mustFix(
          `cloudfunctions/${name} 构建失败 / does not build: ${(error as Error).message.split('\n')[0]}`,
          '改正 TypeScript 错误（npm run typecheck）/ correct the error (npm run typecheck)',
        ),
      );
      continue;
    }
    if (state === 'fresh') findings.push(ok(`cloudfunctions/${name}/index.js 是最新的 / is fresh`));
    else
      findings.push(
        mustFix(
          `cloudfunctions/${name}/index.js ${state === 'missing' ? '不存在 / is missing' : '已过期 / is stale'}`,
          '运行 `npm run build`（开发时开着 `npm run dev`）/ run `npm run build`',
        ),
      );
  }
  return findings;
}

/** One finding per mini-program version: each must have a real env id before it can reach the cloud. */
export function checkEnvIds(projectRoot: string, env: NodeJS.ProcessEnv): Finding[] {
  const cloudEnvIds = loadCloudEnvIds(projectRoot);
  return ENV_VERSIONS.map((envVersion) => {
    const resolution = resolveEnvId({
      cloudEnvIds,
      envVersion,
      processEnv: env,
      dotenv: undefined,
      dotenvLocal: undefined,
    });
    if (resolution.ok) return ok(`${envVersion}: 环境 ID / env id ${resolution.envId}`);
    const fix =
      `把云开发控制台 → 设置 → 环境 ID（如 cloud1-9gabc123）填进 ` +
      `${CLOUD_ENVS_FILE} 的 CLOUD_ENV_IDS.${envVersion} / ` +
      `put your env id in CLOUD_ENV_IDS.${envVersion} of ${CLOUD_ENVS_FILE}`;
    if (resolution.reason === 'placeholder')
      return mustFix(
        `${CLOUD_ENVS_FILE}: ${envVersion} 的环境 ID 还是占位符 "${resolution.value}" / ` +
          `the ${envVersion} env id is still the placeholder`,
        fix,
      );
    if (resolution.reason === 'missing')
      return mustFix(`${CLOUD_ENVS_FILE}: 没有 ${envVersion} 的环境 ID / no ${envVersion} env id`, fix);
    return mustFix(
      `${CLOUD_ENVS_FILE}: ${envVersion} 的环境 ID "${resolution.value}" 不像环境 ID / does not look like an env id`,
      fix,
    );
  });
}

export function checkDeployConfigs(projectRoot: string, functionsRoot: string): Finding[] {
  const { config, problems } = loadCloudbaserc(projectRoot);
  const all = config
    ? checkCloudbaserc(config, functionsOnDisk(functionsRoot, listBuildableFunctions(functionsRoot)))
    : problems;
  const projectFile = path.join(projectRoot, 'project.config.json');
  if (existsSync(projectFile)) {
    const parsed = projectConfigSchema.safeParse(JSON.parse(readFileSync(projectFile, 'utf8')));
    if (parsed.success) all.push(...checkProjectConfig(parsed.data));
  }
  if (!all.length)
    return [
      ok(
        'cloudbaserc.json 与 project.config.json 符合两条部署路径的约定 / both deploy configs follow the project rules',
      ),
    ];
  return all.map((problem) =>
    warn(problem, '修改对应的配置文件（见 docs/deployment.md）/ edit that file (see docs/deployment.md)'),
  );
}

export async function projectSpecificSections(projectRoot: string, env: NodeJS.ProcessEnv): Promise<Section[]> {
  const functionsRoot = path.join(projectRoot, 'cloudfunctions');
  return [
    { title: '依赖 / dependencies', findings: [checkDependencies(projectRoot)] },
    { title: '云函数构建 / cloud function bundles', findings: await checkBundles(functionsRoot) },
    { title: '云开发环境 / CloudBase env ids (miniprogram/cloud-envs.ts)', findings: checkEnvIds(projectRoot, env) },
    { title: '部署配置 / deploy configs', findings: checkDeployConfigs(projectRoot, functionsRoot) },
  ];
}
