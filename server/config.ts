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

export const WEB_APP_KINDS = ['mp', 'website'] as const;
export type WebAppKind = (typeof WEB_APP_KINDS)[number];
export interface ConfiguredApp {
  appid: string;
  secret: string;
  kind: 'miniprogram' | WebAppKind;
}

/**
 * `APPID:SECRET:KIND,…` (KIND miniprogram | mp | website; default miniprogram); problems name the entry, never its
 * secret.
 */
const appList = z
  .string()
  .default('')
  .transform((value, context): ConfiguredApp[] => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return entries.flatMap((entry, index) => {
      const [appid = '', secret = '', kind = 'miniprogram', ...rest] = entry.split(':').map((part) => part.trim());
      if (
        !/^[A-Za-z0-9_-]{1,64}$/.test(appid) ||
        !secret ||
        rest.length ||
        !['miniprogram', ...WEB_APP_KINDS].includes(kind)
      ) {
        context.addIssue({
          code: 'custom',
          message:
            `entry ${index + 1} must be APPID:SECRET:KIND with KIND miniprogram | ` +
            `mp | website (公众号 mp, 网站应用 website)`,
        });
        return [];
      }
      return [{ appid, secret, kind: kind as ConfiguredApp['kind'] }];
    });
  });

export const ConfigSchema = z.object({
  WX_APPID: required('WX_APPID is required (小程序 AppID, 开发管理 → 开发设置)'),
  WX_APPSECRET: required('WX_APPSECRET is required (小程序 AppSecret)'),
  /**
   * The developer's other apps of the same Open Platform account: 公众号 (mp) and websites sign in through POST
   * /auth/wechat-web.
   */
  WX_APPS: appList,
  /** WeChat's server API; the emulator's `<base>/wechat-api` offline. */
  WX_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** WeChat's authorization pages (网页授权, 扫码登录); the emulator's `<base>/wechat-open` offline. */
  WX_OPEN_BASE: z.url().default('https://open.weixin.qq.com'),
  /** Serve the web sign-in demo page at /demo (公众号 web authorization, website QR sign-in). */
  WEB_DEMO: flag,
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
  /** How many proxies in front append to X-Forwarded-For (`true` = 1): the client address is the entry they wrote. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{0,2})$/, 'TRUST_PROXY must be true, false or the number of proxies in front (0-99)')
    .default('false')
    .transform((value) => (value === 'true' ? 1 : value === 'false' || value === '' ? 0 : Number(value))),
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
