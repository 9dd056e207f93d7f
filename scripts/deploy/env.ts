/**
 * Where deployment gets its environment id and how it knows the tcb CLI is logged in (read by the
 * local cloud's doctor, re-exported here), without the network:
 * - env id: the one for the chosen version in miniprogram/cloud-envs.ts, the file the mini-program
 *   itself reads. CLOUDBASE_ENV_ID (process.env over .env.local over .env, the order in which the
 *   tcb CLI renders `{{env.CLOUDBASE_ENV_ID}}` in cloudbaserc.json) is optional, and must agree;
 * - login: the CLI keeps its credential in <home>/.config/.cloudbase/auth.json (lowdb, key
 *   "credential"; <tmpdir>/.config/.cloudbase when home is not writable). `tcb login` (browser)
 *   stores tmpSecretId/refreshToken/expired; `tcb login --apiKeyId --apiKey` stores secretId/secretKey.
 *   TENCENTCLOUD_SECRETID/SECRETKEY in the environment are NOT used by `tcb fn deploy`.
 */
import { PLACEHOLDER_ENV_ID, type EnvVersion } from '../../miniprogram/cloud-envs';
import { ENV_ID_VARIABLE } from './config-rules';

export { PLACEHOLDER_ENV_ID };
/** Where the env ids are set, relative to the project root. */
export const CLOUD_ENVS_FILE = 'miniprogram/cloud-envs.ts';
const ENV_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

/** Minimal .env parser: KEY=VALUE lines, # comments, optional quotes, `export ` prefix. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(rawLine);
    if (!match || rawLine.trimStart().startsWith('#')) continue;
    const [, key, rawValue = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(rawValue);
    values[key as string] = quoted ? (quoted[2] as string) : rawValue.replace(/\s+#.*$/, '');
  }
  return values;
}

export interface EnvIdSources {
  /** CLOUD_ENV_IDS of miniprogram/cloud-envs.ts; undefined when the file is missing or unreadable. */
  cloudEnvIds: Partial<Record<EnvVersion, string>> | undefined;
  envVersion: EnvVersion;
  processEnv: Record<string, string | undefined>;
  /** Contents of .env and .env.local, undefined when the file does not exist. */
  dotenv: string | undefined;
  dotenvLocal: string | undefined;
}

export type EnvIdResolution =
  | { ok: true; envId: string; source: string }
  | { ok: false; reason: 'missing' | 'placeholder' | 'malformed'; envVersion: EnvVersion; value?: string }
  | { ok: false; reason: 'disagree'; envVersion: EnvVersion; value: string; source: string; expected: string };

/** The chosen version's id from cloud-envs.ts, checked, and CLOUDBASE_ENV_ID, if set, agreeing with it. */
export function resolveEnvId(sources: EnvIdSources): EnvIdResolution {
  const { envVersion } = sources;
  const value = sources.cloudEnvIds?.[envVersion]?.trim() ?? '';
  if (!value) return { ok: false, reason: 'missing', envVersion };
  if (value === PLACEHOLDER_ENV_ID) return { ok: false, reason: 'placeholder', envVersion, value };
  if (!ENV_ID_PATTERN.test(value)) return { ok: false, reason: 'malformed', envVersion, value };
  const override = envIdVariable(sources);
  if (override && override.value !== value)
    return {
      ok: false,
      reason: 'disagree',
      envVersion,
      value: override.value,
      source: override.source,
      expected: value,
    };
  return { ok: true, envId: value, source: `${CLOUD_ENVS_FILE} (${envVersion})` };
}

/** CLOUDBASE_ENV_ID as the tcb CLI would render it: process env, then .env.local, then .env. */
function envIdVariable(sources: EnvIdSources): { value: string; source: string } | undefined {
  const candidates: [string, string | undefined][] = [
    ['environment variable', sources.processEnv[ENV_ID_VARIABLE]],
    ['.env.local', sources.dotenvLocal === undefined ? undefined : parseDotenv(sources.dotenvLocal)[ENV_ID_VARIABLE]],
    ['.env', sources.dotenv === undefined ? undefined : parseDotenv(sources.dotenv)[ENV_ID_VARIABLE]],
  ];
  const found = candidates.find(
    ([, value]) => value !== undefined && value.trim() !== '' && value.trim() !== PLACEHOLDER_ENV_ID,
  );
  return found ? { value: (found[1] as string).trim(), source: found[0] } : undefined;
}

export { authFilePath, loginStateFromAuthFile, type LoginState } from '@wx-cloud-login/wxcloud';
