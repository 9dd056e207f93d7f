/**
 * The server's configuration, from environment variables, validated with zod at start: one
 * readable message naming every problem, and no secret ever echoed.
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError listing what is missing or wrong
 */
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '../core/tokens/key-ring';
import { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS } from '../core/sessions/sessions';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');
const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const secret = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(MIN_SECRET_LENGTH, `${name} must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 48)`);
const required = (message: string) => z.string({ error: message }).min(1, message);

export const ConfigSchema = z.object({
  WX_APPID: required('WX_APPID is required (小程序 AppID, 开发管理 → 开发设置)'),
  WX_APPSECRET: required('WX_APPSECRET is required (小程序 AppSecret)'),
  /** WeChat's server API; the emulator's `<base>/wechat-api` offline. */
  WX_API_BASE: z.url().default('https://api.weixin.qq.com'),
  AUTH_TOKEN_SECRET: secret('AUTH_TOKEN_SECRET'),
  AUTH_TOKEN_KID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, 'AUTH_TOKEN_KID must be 1-32 characters of A-Z a-z 0-9 . _ -')
    .default('k1'),
  /** `kid:secret,kid:secret`: keys that still verify during a rotation. */
  AUTH_TOKEN_PREVIOUS_SECRETS: z.string().optional(),
  /** Seals session_key at rest; derived from AUTH_TOKEN_SECRET when unset. */
  SESSION_KEY_SECRET: secret('SESSION_KEY_SECRET').optional(),
  AUTH_ACCESS_TTL_SECONDS: seconds(30, 24 * 3600, DEFAULT_ACCESS_TTL_SECONDS),
  AUTH_REFRESH_TTL_SECONDS: seconds(300, 365 * 24 * 3600, DEFAULT_REFRESH_TTL_SECONDS),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Trust 微信云托管's X-WX-OPENID / X-WX-APPID headers (only behind its gateway). */
  TRUST_CLOUD_RUN_HEADERS: flag,
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  TRUST_PROXY: flag,
  /** CloudBase environment id of the users collection; default: the environment the server runs in. */
  CLOUDBASE_ENV_ID: z.string().min(1).optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Browser origins allowed to call the API (comma-separated); mini-programs send none. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
});

export type ServerConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  // Messages name the variable; values are never echoed (they may be secrets).
  throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
