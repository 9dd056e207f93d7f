/**
 * The configuration of a local run against the emulator: its WeChat API, its database, its
 * default app, and a throwaway signing secret, under whatever the developer set. Used by
 * `npm run server -- --emulator`, `npm start`, the benchmark and the tests.
 */
import { randomBytes } from 'node:crypto';
import { sdkEnvironment } from '@wx-cloud-login/wxcloud';
import { DEFAULT_LOCAL_APP } from '@wx-cloud-login/wxcloud';

/** The emulator's default environment id (emulator/host/emulator.ts). */
const LOCAL_ENV_ID = 'local-env';

/** The environment a local run against the emulator at `base` needs, under what `env` sets. */
export function emulatorEnvironment(
  base: string,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const envId = env.CLOUDBASE_ENV_ID ?? LOCAL_ENV_ID;
  const root = base.replace(/\/$/, '');
  return {
    WX_APPID: DEFAULT_LOCAL_APP.appid,
    WX_APPSECRET: DEFAULT_LOCAL_APP.secret,
    AUTH_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ...env,
    ...sdkEnvironment(`${root}/admin`, envId),
    CLOUDBASE_ENV_ID: envId,
    WX_API_BASE: `${root}/wechat-api`,
  };
}
