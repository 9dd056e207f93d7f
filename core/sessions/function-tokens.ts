/**
 * Tokens from the `login` cloud function: when the function has a signing key configured
 * (AUTH_TOKEN_SECRET in its environment variables, the same as the developer's server), a login
 * also starts a session and answers the same access and refresh tokens the server issues, so a
 * cloud-development app can call its own server with no AppSecret on that server.
 */
import type { LoginResult } from '../../typings';
import { keyRing, parsePreviousKeys, signingKey } from '../tokens/key-ring';
import {
  DEFAULT_ACCESS_TTL_SECONDS,
  DEFAULT_REFRESH_TTL_SECONDS,
  startSession,
  type SessionDeps,
  type TokenSettings,
} from './sessions';

function seconds(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * The token settings in the function's environment, or null when no signing key is configured (throws when it is
 * malformed).
 */
export function tokenSettingsFromEnv(env: Record<string, string | undefined>): TokenSettings | null {
  if (!env.AUTH_TOKEN_SECRET) return null;
  return {
    ring: keyRing(
      signingKey(env.AUTH_TOKEN_KID || 'k1', env.AUTH_TOKEN_SECRET),
      parsePreviousKeys(env.AUTH_TOKEN_PREVIOUS_SECRETS),
    ),
    accessTtlSeconds: seconds(env.AUTH_ACCESS_TTL_SECONDS, DEFAULT_ACCESS_TTL_SECONDS),
    refreshTtlSeconds: seconds(env.AUTH_REFRESH_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS),
  };
}

/** Adds tokens to a successful login (a session without session_key: the platform never gives it to the function). */
export async function withTokens(result: LoginResult, deps: SessionDeps | null): Promise<LoginResult> {
  if (!result.ok || !deps) return result;
  const { openid, appid, unionid } = result.data.user;
  const tokens = await startSession(deps, { openid, appid, unionid });
  return {
    ok: true,
    data: {
      ...result.data,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresIn: tokens.expiresIn,
    },
  };
}
