/**
 * Puts the server together from its configuration: WeChat's API (the mini-program's code2Session
 * and the 网页授权 of each WX_APPS 公众号 / website app), the users, sessions and accounts stores on
 * the CloudBase database (node-sdk), the signing keys, the session_key box, the limiter.
 */
import { randomUUID } from 'node:crypto';
import type { AccountsStore } from '../core/accounts/accounts-store';
import { createCloudAccountsStore, type NodeSdkAccountsDatabase } from '../core/accounts/cloud-accounts-store';
import { createCloudSessionsStore, type NodeSdkDatabaseLike } from '../core/sessions/cloud-sessions-store';
import type { SessionsStore } from '../core/sessions/sessions-store';
import { derivedKey, keyRing, parsePreviousKeys, signingKey, type KeyRing } from '../core/tokens/key-ring';
import { createNodeSdkUsersStore, type NodeSdkUsersDatabase } from '../core/users/node-sdk-users-store';
import type { UsersStore } from '../core/users/users-store';
import type { ServerConfig } from './config';
import { createAuthCore, type AuthCore } from './core/auth-core';
import { RateLimiter } from './core/rate-limit';
import { Revocations } from './core/revocations';
import { createSessionKeyBox } from './core/session-key-box';
import { createCode2Session } from './core/wechat-api';
import { createExchangeWebCode, type ExchangeWebCode } from './core/web-oauth-api';

export interface AuthStores {
  users: UsersStore;
  sessions: SessionsStore;
  accounts: AccountsStore;
}

export function keyRingFrom(
  config: Pick<ServerConfig, 'AUTH_TOKEN_KID' | 'AUTH_TOKEN_SECRET' | 'AUTH_TOKEN_PREVIOUS_SECRETS'>,
): KeyRing {
  return keyRing(
    signingKey(config.AUTH_TOKEN_KID, config.AUTH_TOKEN_SECRET),
    parsePreviousKeys(config.AUTH_TOKEN_PREVIOUS_SECRETS),
  );
}

/** The stores on a node-sdk database (`tcb.init({ env }).database()`). */
export function cloudStores(database: unknown): AuthStores {
  return {
    users: createNodeSdkUsersStore(database as NodeSdkUsersDatabase),
    sessions: createCloudSessionsStore(database as NodeSdkDatabaseLike),
    accounts: createCloudAccountsStore(database as NodeSdkAccountsDatabase),
  };
}

export function createAuthFromConfig(
  config: ServerConfig,
  stores: AuthStores,
  options: { now?: () => Date; log?: (message: string) => void } = {},
): AuthCore {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(`[auth] ${message}`));
  const ring = keyRingFrom(config);
  const sealingKey = config.SESSION_KEY_SECRET
    ? derivedKey(new TextEncoder().encode(config.SESSION_KEY_SECRET), 'session-key')
    : derivedKey(ring.current.secret, 'session-key');
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const webApps = new Map<string, ExchangeWebCode>();
  for (const app of config.WX_APPS) {
    if (app.kind !== 'miniprogram')
      webApps.set(
        app.appid,
        createExchangeWebCode({ apiBase: config.WX_API_BASE, appid: app.appid, secret: app.secret, log }),
      );
  }
  return createAuthCore({
    appid: config.WX_APPID,
    code2Session: createCode2Session({
      apiBase: config.WX_API_BASE,
      appid: config.WX_APPID,
      secret: config.WX_APPSECRET,
      log,
    }),
    sessions: {
      store: stores.sessions,
      ring,
      now,
      accessTtlSeconds: config.AUTH_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: config.AUTH_REFRESH_TTL_SECONDS,
    },
    users: { store: stores.users, newAttemptId: () => randomUUID(), sleep, log },
    accounts: { store: stores.accounts, now, sleep, log },
    webApps,
    box: createSessionKeyBox(sealingKey),
    revocations: new Revocations(() => now().getTime()),
    loginLimiter: new RateLimiter(config.LOGIN_RATE_LIMIT_PER_MINUTE, 60_000, () => now().getTime()),
    log,
  });
}
