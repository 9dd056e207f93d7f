/**
 * 云开发环境 ID：每个小程序版本一个，这是唯一填写的地方。The CloudBase environment ids, one
 * per version of the mini-program: the one place to set them. The mini-program picks the one for the
 * version it runs as (`wx.getAccountInfoSync().miniProgram.envVersion`); `npm run deploy` deploys
 * to the one you name (`--env-version`, default develop) and checks it. Copy the ids from
 * 云开发控制台 → 设置 → 环境 ID (e.g. cloud1-9gabc123). One env for all three is fine to start.
 * The local emulator and its simulated phones ignore these: they serve any env id.
 *
 * This file has no imports and only data, so the deploy scripts read it too.
 */

/** 开发版 / 体验版 / 正式版: develop in DevTools and previews, trial builds, the released version. */
export const ENV_VERSIONS = ['develop', 'trial', 'release'] as const;
export type EnvVersion = (typeof ENV_VERSIONS)[number];

/** What this file ships with: present but not a real env id. */
export const PLACEHOLDER_ENV_ID = 'your-env-id';

export const CLOUD_ENV_IDS: Record<EnvVersion, string> = {
  develop: 'your-env-id',
  trial: 'your-env-id',
  release: 'your-env-id',
};

export interface CloudEnvChoice {
  envVersion: EnvVersion;
  envId: string;
  /** For the developer (logs, deploy), in Chinese and English: set when the id is still the placeholder. */
  problem?: string;
}

/** The env id for the version the mini-program runs as; an unknown version counts as develop. */
export function chooseCloudEnv(
  envVersion: string | undefined,
  ids: Record<EnvVersion, string> = CLOUD_ENV_IDS,
): CloudEnvChoice {
  const version = (ENV_VERSIONS as readonly string[]).includes(envVersion ?? '')
    ? (envVersion as EnvVersion)
    : 'develop';
  const envId = ids[version];
  if (envId !== PLACEHOLDER_ENV_ID && envId.trim() !== '') return { envVersion: version, envId };
  const problem =
    `miniprogram/cloud-envs.ts 里 ${version} 的环境 ID 还是占位符 ` +
    `"${envId}"：填入云开发控制台 → 设置 → 环境 ID（如 cloud1-9gabc123）。` +
    ` / The ${version} env id in miniprogram/cloud-envs.ts is still the ` +
    `placeholder "${envId}": put your env id there (CloudBase console → ` +
    `Settings → Environment ID).`;
  return { envVersion: version, envId, problem };
}
